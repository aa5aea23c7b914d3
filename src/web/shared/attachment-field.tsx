import { Form, Select } from 'antd';
import type { StaffUploadResponse } from '../../contracts/portal.js';
import type { AttachmentVisibility } from '../../domain/case/types.js';
import { maxEventAttachments } from '../../domain/case/types.js';
import { api } from '../api/client.js';
import { FileUploadList } from './file-upload-list.js';

/** A file uploaded for the command being written, and who may see it once sent. */
export interface PendingAttachment extends StaffUploadResponse {
  visibility: AttachmentVisibility;
}

export const visibilityLabels: Record<AttachmentVisibility, string> = { internal: '仅内部', submitter: '诉求人可见', public: '公开' };
const visibilityHelp = '诉求人可见：诉求人在查询页看到；公开：答复在公开栏发布时一并公开；仅内部：只有办理人员可见。';

function AttachmentInput({ caseId, forSubmitter, value, onChange }: {
  caseId: number; forSubmitter: boolean; value?: PendingAttachment[]; onChange?: (v: PendingAttachment[]) => void;
}) {
  return (
    <FileUploadList<PendingAttachment>
      value={value} onChange={onChange} label="上传附件" max={maxEventAttachments} testId="attachment"
      upload={async (file) => ({ ...(await api.upload<StaffUploadResponse>(`/api/cases/${caseId}/uploads`, file)), visibility: forSubmitter ? 'submitter' : 'internal' })}
      extra={forSubmitter ? (a) => (
        <Select<AttachmentVisibility>
          size="small" style={{ width: 120 }} value={a.visibility} aria-label={`${a.fileName} 可见范围`}
          options={(['submitter', 'public', 'internal'] as const).map((v) => ({ value: v, label: visibilityLabels[v] }))}
          onChange={(visibility) => onChange?.((value ?? []).map((x) => (x.id === a.id ? { ...x, visibility } : x)))}
        />
      ) : undefined}
    />
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
