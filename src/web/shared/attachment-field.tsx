import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Form, Select, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { StaffUploadResponse } from '../../contracts/portal.js';
import { attachmentLimits } from '../../contracts/portal.js';
import type { AttachmentVisibility } from '../../domain/case/types.js';
import { maxEventAttachments } from '../../domain/case/types.js';
import { api, errorText } from '../api/client.js';

/** A file uploaded for the command being written, and who may see it once sent. */
export interface PendingAttachment extends StaffUploadResponse {
  visibility: AttachmentVisibility;
}

export const visibilityLabels: Record<AttachmentVisibility, string> = { internal: '仅内部', submitter: '诉求人可见', public: '公开' };
const visibilityHelp = '诉求人可见：诉求人在查询页看到；公开：答复在公开栏发布时一并公开；仅内部：只有办理人员可见。';
const accept = attachmentLimits.mimes.join(',');

function AttachmentInput({ caseId, forSubmitter, value = [], onChange }: {
  caseId: number; forSubmitter: boolean; value?: PendingAttachment[]; onChange?: (v: PendingAttachment[]) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const full = value.length >= maxEventAttachments;
  return (
    <div data-testid="attachment-field">
      <Upload
        accept={accept}
        showUploadList={false}
        disabled={busy || full}
        // Each file goes up on its own and is checked from its content by the server; the command names it by id.
        customRequest={async ({ file }) => {
          setBusy(true);
          setError(null);
          try {
            const up = await api.upload<StaffUploadResponse>(`/api/cases/${caseId}/uploads`, file as File);
            onChange?.([...value, { ...up, visibility: forSubmitter ? 'submitter' : 'internal' }]);
          } catch (e) {
            setError(errorText(e));
          } finally {
            setBusy(false);
          }
        }}
      >
        <Button icon={<UploadOutlined />} loading={busy} disabled={full} title={full ? `最多 ${maxEventAttachments} 个附件` : undefined}>
          {full ? `已达 ${maxEventAttachments} 个上限` : '上传附件'}
        </Button>
      </Upload>
      <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>图片或 PDF，单个不超过 10 MB</Typography.Text>
      {error && <div><Typography.Text type="danger" data-testid="attachment-error">{error}</Typography.Text></div>}
      {value.map((a) => (
        <div key={a.id} style={{ display: 'flex', alignItems: 'center', gap: 8, marginTop: 6 }} data-testid="attachment-pending">
          <PaperClipOutlined />
          <Typography.Text ellipsis style={{ flex: 1, minWidth: 0 }} title={a.fileName}>{a.fileName}</Typography.Text>
          {forSubmitter && (
            <Select<AttachmentVisibility>
              size="small" style={{ width: 120 }} value={a.visibility} aria-label={`${a.fileName} 可见范围`}
              options={(['submitter', 'public', 'internal'] as const).map((v) => ({ value: v, label: visibilityLabels[v] }))}
              onChange={(visibility) => onChange?.(value.map((x) => (x.id === a.id ? { ...x, visibility } : x)))}
            />
          )}
          <Button size="small" type="text" icon={<DeleteOutlined />} aria-label={`移除 ${a.fileName}`} onClick={() => onChange?.(value.filter((x) => x.id !== a.id))} />
        </div>
      ))}
    </div>
  );
}

/** 附件 on a command form; a reply's files go to the submitter by default, every other command's stay internal. */
export function attachmentField(caseId: number, forSubmitter = false) {
  return (
    <Form.Item name="attachments" label="附件" extra={forSubmitter ? visibilityHelp : '附件仅办理人员可见。'}>
      <AttachmentInput caseId={caseId} forSubmitter={forSubmitter} />
    </Form.Item>
  );
}

/** The command body's `attachments` from the form value (absent when none). */
export function attachmentsBody(v: Record<string, unknown>): { attachments?: { id: number; visibility: AttachmentVisibility }[] } {
  const list = (v.attachments as PendingAttachment[] | undefined) ?? [];
  return list.length ? { attachments: list.map((a) => ({ id: a.id, visibility: a.visibility })) } : {};
}
