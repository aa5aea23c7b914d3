import { FileUploadList, type UploadedFileRef } from '../../shared/file-upload-list.js';
import { uploadIndicatorFile } from './api.js';

export type UploadedFile = UploadedFileRef;

/** Evidence files or photos: each goes up on its own, checked from its content by the server; the filing names them by id. */
export function EvidenceInput({ value, onChange, label = '上传佐证材料', max = 10 }: { value?: UploadedFile[]; onChange?: (v: UploadedFile[]) => void; label?: string; max?: number }) {
  return (
    <FileUploadList<UploadedFile> value={value} onChange={onChange} label={label} max={max} testId="evidence"
      upload={async (file) => { const up = await uploadIndicatorFile(file); return { id: up.id, fileName: up.fileName }; }} />
  );
}
