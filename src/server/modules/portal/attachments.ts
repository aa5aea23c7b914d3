import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { canSeeCase } from '../../../domain/access/permissions.js';
import type { AttachmentInfo, TrackingAttachment } from '../../../contracts/portal.js';
import { AppError } from '../../errors.js';
import type { AppDeps } from '../../deps.js';
import { BlobNotFound, type StaffUser } from '../../kernel/index.js';
import type { CaseRecord } from '../cases/index.js';

/** CASE_NOT_FOUND unless this staff member may see the case (department staff: only cases their department was assigned). */
export async function checkCaseAccess(deps: AppDeps, user: StaffUser, caseId: number): Promise<void> {
  const record = await deps.cases.get(deps.database.db, caseId);
  if (!record || !canSeeCase(user.roles, user.departmentId, record.assignments.map((a) => a.department_id))) throw new AppError('CASE_NOT_FOUND');
}

/** Every file of the case for staff who may see it: the submitter's and those carried by staff events (unused uploads are not the case's yet). */
export async function listAttachments(deps: AppDeps, user: StaffUser, caseId: number): Promise<AttachmentInfo[]> {
  await checkCaseAccess(deps, user, caseId);
  const rows = await deps.database.db.selectFrom('case_attachments')
    .select(['id', 'file_name', 'mime', 'size_bytes', 'uploaded_at', 'origin', 'event_seq', 'event_type', 'visibility'])
    .where('case_id', '=', caseId).orderBy('id').execute();
  return rows.map((r) => ({
    id: Number(r.id), fileName: r.file_name, mime: r.mime, size: r.size_bytes, uploadedAt: new Date(r.uploaded_at).toISOString(),
    origin: r.origin, eventSeq: r.event_seq, eventType: r.event_type, visibility: r.visibility,
  }));
}

/**
 * What the submitter sees on the tracking page: the files they sent, and the files of the reply that was approved
 * (the newest case.replied once the case awaits rating or is closed) that the handler left for them (submitter or
 * public). Opinions, reports, order answers and requests stay internal, as do a sent-back reply's files.
 */
export async function submitterAttachments(deps: AppDeps, record: CaseRecord): Promise<TrackingAttachment[]> {
  const r = record.row;
  const replyVisible = r.status === 'awaiting_rating' || r.status === 'closed';
  const replySeq = replyVisible ? record.events.filter((e) => e.type === 'case.replied').at(-1)?.seq ?? null : null;
  let q = deps.database.db.selectFrom('case_attachments').select(['id', 'file_name', 'mime', 'size_bytes', 'origin'])
    .where('case_id', '=', r.id);
  q = q.where((eb) => eb.or([
    eb('origin', '=', 'submitter'),
    ...(replySeq != null ? [eb.and([eb('event_seq', '=', replySeq), eb('visibility', 'in', ['submitter', 'public'])])] : []),
  ]));
  const rows = await q.orderBy('id').execute();
  return rows.map((x) => ({ id: Number(x.id), fileName: x.file_name, mime: x.mime, size: x.size_bytes, kind: x.origin === 'submitter' ? 'own' : 'reply' }));
}

export interface AttachmentBody {
  fileName: string;
  mime: string;
  size: number;
  stream: Readable;
}

/** An attachment's bytes for staff who may see the case. */
export async function readAttachment(deps: AppDeps, user: StaffUser, caseId: number, attachmentId: number): Promise<AttachmentBody> {
  await checkCaseAccess(deps, user, caseId);
  return openAttachment(deps, caseId, attachmentId);
}

/** An attachment's bytes through a tracking link: only one of those the tracking page lists; anything else is not found. */
export async function readSubmitterAttachment(deps: AppDeps, caseId: number, attachmentId: number): Promise<AttachmentBody> {
  const record = await deps.cases.get(deps.database.db, caseId);
  if (!record) throw new AppError('ATTACHMENT_NOT_FOUND');
  if (!(await submitterAttachments(deps, record)).some((a) => a.id === attachmentId)) throw new AppError('ATTACHMENT_NOT_FOUND');
  return openAttachment(deps, caseId, attachmentId);
}

export interface BoardReplyFile {
  id: number;
  fileName: string;
  mime: string;
  size: number;
}

/**
 * The files the public board may show for a case: those the handler marked public on the newest reply, once that
 * reply is approved (the case awaits rating or is closed). The publication area shows them minus what its reviewer
 * withheld; names are the stored ones (the caller masks them).
 */
export async function boardReplyFiles(db: Kysely<DB>, caseId: number): Promise<BoardReplyFile[]> {
  const rows = await db.selectFrom('case_attachments as a').innerJoin('cases as c', 'c.id', 'a.case_id')
    .select(['a.id', 'a.file_name', 'a.mime', 'a.size_bytes'])
    .where('a.case_id', '=', caseId).where('a.visibility', '=', 'public').where('a.event_type', '=', 'case.replied')
    .where('c.status', 'in', ['awaiting_rating', 'closed'])
    .where('a.event_seq', '=', (eb) => eb.selectFrom('case_events').select((e) => e.fn.max('seq').as('s')).where('case_id', '=', caseId).where('type', '=', 'case.replied'))
    .orderBy('a.id').execute();
  return rows.map((x) => ({ id: Number(x.id), fileName: x.file_name, mime: x.mime, size: x.size_bytes }));
}

/** An attachment's bytes for a caller that has checked the file may be shown (the public board). */
export function openCaseAttachment(deps: AppDeps, caseId: number, attachmentId: number): Promise<AttachmentBody> {
  return openAttachment(deps, caseId, attachmentId);
}

/** An attachment's bytes as a stream: from the blob store, or from the row itself while it has not been moved yet. */
async function openAttachment(deps: AppDeps, caseId: number, attachmentId: number): Promise<AttachmentBody> {
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
  if (old?.storage_key) return openAttachment(deps, caseId, attachmentId);
  if (!old?.content) throw new AppError('ATTACHMENT_NOT_FOUND');
  // pg gives a Buffer, PGlite a Uint8Array.
  const content = Buffer.isBuffer(old.content) ? old.content : Buffer.from(old.content as Uint8Array);
  return { fileName: row.file_name, mime: row.mime, size: content.length, stream: Readable.from([content]) };
}
