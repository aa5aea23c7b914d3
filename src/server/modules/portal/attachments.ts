import { Readable } from 'node:stream';
import { canSeeCase } from '../../../domain/access/permissions.js';
import type { AttachmentInfo } from '../../../contracts/portal.js';
import { AppError } from '../../errors.js';
import type { AppDeps } from '../../deps.js';
import { BlobNotFound, type StaffUser } from '../../kernel/index.js';

/** CASE_NOT_FOUND unless this staff member may see the case (department staff: only cases their department was assigned). */
async function checkCaseAccess(deps: AppDeps, user: StaffUser, caseId: number): Promise<void> {
  const record = await deps.cases.get(deps.database.db, caseId);
  if (!record || !canSeeCase(user.roles, user.departmentId, record.assignments.map((a) => a.department_id))) throw new AppError('CASE_NOT_FOUND');
}

export async function listAttachments(deps: AppDeps, user: StaffUser, caseId: number): Promise<AttachmentInfo[]> {
  await checkCaseAccess(deps, user, caseId);
  const rows = await deps.database.db.selectFrom('case_attachments').select(['id', 'file_name', 'mime', 'size_bytes', 'uploaded_at'])
    .where('case_id', '=', caseId).orderBy('id').execute();
  return rows.map((r) => ({ id: Number(r.id), fileName: r.file_name, mime: r.mime, size: r.size_bytes, uploadedAt: new Date(r.uploaded_at).toISOString() }));
}

export interface AttachmentBody {
  fileName: string;
  mime: string;
  size: number;
  stream: Readable;
}

/** An attachment's bytes as a stream: from the blob store, or from the row itself while it has not been moved yet. */
export async function readAttachment(deps: AppDeps, user: StaffUser, caseId: number, attachmentId: number): Promise<AttachmentBody> {
  await checkCaseAccess(deps, user, caseId);
  const row = await deps.database.db.selectFrom('case_attachments').select(['file_name', 'mime', 'storage_key'])
    .where('case_id', '=', caseId).where('id', '=', attachmentId).executeTakeFirst();
  if (!row) throw new AppError('ATTACHMENT_NOT_FOUND');
  if (row.storage_key) {
    try {
      const blob = await deps.files.get(row.storage_key);
      return { fileName: row.file_name, mime: row.mime, size: blob.size, stream: blob.stream };
    } catch (err) {
      if (!(err instanceof BlobNotFound)) throw err;
      deps.log.error({ attachmentId, key: row.storage_key, store: deps.files.location }, 'attachment blob missing from the store');
      throw new AppError('ATTACHMENT_NOT_FOUND');
    }
  }
  // Not moved yet (written before migration 0028): read the bytes only now, and only this row's.
  const old = await deps.database.db.selectFrom('case_attachments').select(['content', 'storage_key']).where('id', '=', attachmentId).executeTakeFirst();
  if (old?.storage_key) return readAttachment(deps, user, caseId, attachmentId);
  if (!old?.content) throw new AppError('ATTACHMENT_NOT_FOUND');
  // pg gives a Buffer, PGlite a Uint8Array.
  const content = Buffer.isBuffer(old.content) ? old.content : Buffer.from(old.content as Uint8Array);
  return { fileName: row.file_name, mime: row.mime, size: content.length, stream: Readable.from([content]) };
}
