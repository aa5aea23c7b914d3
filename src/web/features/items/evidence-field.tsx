import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Typography, Upload } from 'antd';
import { useState } from 'react';
import { attachmentLimits } from '../../../contracts/portal.js';
import { api, errorText } from '../../api/client.js';

export interface UploadedEvidence { id: number; fileName: string }

const maxFiles = 20;

/** 佐证材料 for a report: each file goes up on its own (checked from its content), the report names them by id. */
export function EvidenceInput({ itemId, value = [], onChange }: { itemId: number; value?: UploadedEvidence[]; onChange?: (v: UploadedEvidence[]) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const full = value.length >= maxFiles;
  return (
    <div data-testid="evidence-field">
      <Upload accept={attachmentLimits.mimes.join(',')} showUploadList={false} disabled={busy || full}
        customRequest={async ({ file }) => {
          setBusy(true);
          setError(null);
          try {
            const up = await api.upload<UploadedEvidence>(`/api/items/${itemId}/files`, file as File);
            onChange?.([...value, { id: up.id, fileName: up.fileName }]);
          } catch (e) {
            setError(errorText(e));
          } finally {
            setBusy(false);
          }
        }}>
        <Button icon={<UploadOutlined />} loading={busy} disabled={full}>{full ? `已达 ${maxFiles} 个上限` : '上传佐证材料'}</Button>
      </Upload>
      <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>图片或 PDF，单个不超过 10 MB</Typography.Text>
      {error ? <div><Typography.Text type="danger">{error}</Typography.Text></div> : null}
      {value.map((f) => (
        <div key={f.id} style={{ display: 'flex', alignItems: 'center', gap: 8, marginTop: 6 }}>
          <PaperClipOutlined />
          <Typography.Text ellipsis style={{ flex: 1, minWidth: 0 }}>{f.fileName}</Typography.Text>
          <Button size="small" type="text" icon={<DeleteOutlined />} aria-label={`移除 ${f.fileName}`} onClick={() => onChange?.(value.filter((x) => x.id !== f.id))} />
        </div>
      ))}
    </div>
  );
}
