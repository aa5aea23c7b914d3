import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Typography, Upload } from 'antd';
import { useState, type ReactNode } from 'react';
import { attachmentLimits } from '../../contracts/portal.js';
import { errorText } from '../api/client.js';

const accept = attachmentLimits.mimes.join(',');

export interface UploadedFileRef { id: number; fileName: string }

/**
 * A list of files a form names by id: each goes up on its own (checked from its content by the server) through
 * `upload`, is listed with a remove button and, where `extra` is given, a control of its own (e.g. who may see it).
 */
export function FileUploadList<T extends UploadedFileRef>({ upload, value = [], onChange, label, max, testId, extra }: {
  upload: (file: File) => Promise<T>;
  value?: T[];
  onChange?: (v: T[]) => void;
  label: string;
  max: number;
  /** Prefix of the `data-testid`s: the field is `${testId}-field`, its error `${testId}-error`, each listed file `${testId}-pending`. */
  testId: string;
  extra?: (file: T) => ReactNode;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const full = value.length >= max;
  return (
    <div data-testid={`${testId}-field`}>
      <Upload accept={accept} showUploadList={false} disabled={busy || full}
        customRequest={async ({ file }) => {
          setBusy(true);
          setError(null);
          try {
            const up = await upload(file as File);
            onChange?.([...value, up]);
          } catch (e) {
            setError(errorText(e));
          } finally {
            setBusy(false);
          }
        }}>
        <Button icon={<UploadOutlined />} loading={busy} disabled={full} title={full ? `最多 ${max} 个文件` : undefined}>
          {full ? `已达 ${max} 个上限` : label}
        </Button>
      </Upload>
      <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>图片或 PDF，单个不超过 10 MB</Typography.Text>
      {error && <div><Typography.Text type="danger" data-testid={`${testId}-error`}>{error}</Typography.Text></div>}
      {value.map((f) => (
        <div key={f.id} style={{ display: 'flex', alignItems: 'center', gap: 8, marginTop: 6 }} data-testid={`${testId}-pending`}>
          <PaperClipOutlined />
          <Typography.Text ellipsis style={{ flex: 1, minWidth: 0 }} title={f.fileName}>{f.fileName}</Typography.Text>
          {extra?.(f)}
          <Button size="small" type="text" icon={<DeleteOutlined />} aria-label={`移除 ${f.fileName}`} onClick={() => onChange?.(value.filter((x) => x.id !== f.id))} />
        </div>
      ))}
    </div>
  );
}
