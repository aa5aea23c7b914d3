import { api } from '../../api/client.js';
import { FileUploadList, type UploadedFileRef } from '../../shared/file-upload-list.js';

export type UploadedEvidence = UploadedFileRef;

const maxFiles = 20;

/** 佐证材料 for a report: each file goes up on its own (checked from its content), the report names them by id. */
export function EvidenceInput({ itemId, value, onChange }: { itemId: number; value?: UploadedEvidence[]; onChange?: (v: UploadedEvidence[]) => void }) {
  return (
    <FileUploadList<UploadedEvidence> value={value} onChange={onChange} label="上传佐证材料" max={maxFiles} testId="evidence"
      upload={async (file) => { const up = await api.upload<UploadedEvidence>(`/api/items/${itemId}/files`, file); return { id: up.id, fileName: up.fileName }; }} />
  );
}
