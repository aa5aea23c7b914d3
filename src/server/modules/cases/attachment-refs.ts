import type { AttachmentRef } from '../../../domain/case/types.js';
import { AppError } from '../../errors.js';
import type { StaffUser, Tx } from '../../kernel/index.js';

/**
 * Files a command carries must be this user's uploads for this case, not yet carried by another event. The rows are
 * locked so two commands cannot both take one file; the event's insert then links them (migration 0035's trigger).
 * Read-only here: case_attachments belongs to the portal area.
 */
export async function checkAttachmentRefs(tx: Tx, user: StaffUser | null, caseId: number, refs: readonly AttachmentRef[] | undefined): Promise<void> {
  if (!refs?.length) return;
  if (!user) throw new AppError('ATTACHMENT_NOT_USABLE');
  const ids = refs.map((r) => r.id);
  const rows = await tx.selectFrom('case_attachments').select('id')
    .where('id', 'in', ids).where('origin', '=', 'staff').where('upload_case_id', '=', caseId)
    .where('uploaded_by', '=', user.id).where('event_seq', 'is', null).where('case_id', 'is', null)
    .forUpdate().execute();
  if (rows.length !== new Set(ids).size) throw new AppError('ATTACHMENT_NOT_USABLE');
}
