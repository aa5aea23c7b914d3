import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Typography, Upload } from 'antd';
import { useState } from 'react';
import { attachmentLimits } from '../../../contracts/portal.js';
import { errorText } from '../../api/client.js';
import { uploadIndicatorFile } from './api.js';

export interface UploadedFile { id: number; fileName: string }

/** Evidence files or photos: each goes up on its own, checked from its content by the server; the filing names them by id. */
export function EvidenceInput({ value = [], onChange, label = '上传佐证材料', max = 10 }: { value?: UploadedFile[]; onChange?: (v: UploadedFile[]) => void; label?: string; max?: number }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const full = value.length >= max;
  return (
    <div data-testid="evidence-field">
      <Upload accept={attachmentLimits.mimes.join(',')} showUploadList={false} disabled={busy || full}
        customRequest={async ({ file }) => {
          setBusy(true);
          setError(null);
          try {
            const up = await uploadIndicatorFile(file as File);
            onChange?.([...value, { id: up.id, fileName: up.fileName }]);
          } catch (e) {
            setError(errorText(e));
          } finally {
            setBusy(false);
          }
        }}>
        <Button icon={<UploadOutlined />} loading={busy} disabled={full} title={full ? `最多 ${max} 个文件` : undefined}>{full ? `已达 ${max} 个上限` : label}</Button>
      </Upload>
      <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>图片或 PDF，单个不超过 10 MB</Typography.Text>
      {error && <div><Typography.Text type="danger" data-testid="evidence-error">{error}</Typography.Text></div>}
      {value.map((a) => (
        <div key={a.id} style={{ display: 'flex', alignItems: 'center', gap: 8, marginTop: 6 }}>
          <PaperClipOutlined /><Typography.Text>{a.fileName}</Typography.Text>
          <Button size="small" type="text" icon={<DeleteOutlined />} aria-label={`移除 ${a.fileName}`} onClick={() => onChange?.(value.filter((x) => x.id !== a.id))} />
        </div>
      ))}
    </div>
  );
}
