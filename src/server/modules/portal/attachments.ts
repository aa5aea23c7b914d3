import { canSeeCase } from '../../../domain/access/permissions.js';
import type { AttachmentInfo } from '../../../contracts/portal.js';
import { AppError } from '../../errors.js';
import type { AppDeps } from '../../deps.js';
import type { StaffUser } from '../../kernel/index.js';

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

export async function readAttachment(deps: AppDeps, user: StaffUser, caseId: number, attachmentId: number): Promise<{ fileName: string; mime: string; content: Buffer }> {
  await checkCaseAccess(deps, user, caseId);
  const row = await deps.database.db.selectFrom('case_attachments').select(['file_name', 'mime', 'content'])
    .where('case_id', '=', caseId).where('id', '=', attachmentId).executeTakeFirst();
  if (!row) throw new AppError('ATTACHMENT_NOT_FOUND');
  // pg gives a Buffer, PGlite a Uint8Array.
  const content = Buffer.isBuffer(row.content) ? row.content : Buffer.from(row.content as Uint8Array);
  return { fileName: row.file_name, mime: row.mime, content };
}
