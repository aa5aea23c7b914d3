import { sql } from 'kysely';
import type { PublicationDetail, QueuePage, QueueQuery } from '../../../contracts/publication.js';
import { detectPersonalData, maskName } from '../../../domain/privacy/mask.js';
import { AppError } from '../../errors.js';
import { boardReplyFiles } from '../portal/index.js';
import type { AppDeps } from '../../deps.js';
import type { StaffUser } from '../../kernel/index.js';
import { defaultChoices, hasApprovedReply, knownOf, maskWithSpans } from './masking.js';
import { cityPlacePrefixes } from '../settings/index.js';

// The supervisor's review queue and the side-by-side draft of one case.

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function decodeCursor(cursor: string): { at: Date; id: number } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, number];
    const d = new Date(at);
    if (Number.isNaN(d.getTime()) || !Number.isInteger(id)) throw new Error('bad');
    return { at: d, id };
  } catch {
    throw new AppError('VALIDATION_FAILED', { field: 'cursor' });
  }
}

export async function findQueue(deps: AppDeps, q: QueueQuery): Promise<QueuePage> {
  const db = deps.database.db;
  let query = db.selectFrom('case_publications as p')
    .innerJoin('cases as c', 'c.id', 'p.case_id')
    .select([
      'p.case_id', 'p.status as pub_status', 'p.reply_pending', 'p.candidate_at', 'p.reviewed_at', 'p.reviewed_by', 'p.redactions', 'p.mask_enterprise',
      'c.code', 'c.title', 'c.description', 'c.status', 'c.is_name_public', 'c.category_id', 'c.lead_department_id', 'c.created_at',
      'c.submitter_name', 'c.submitter_phone', 'c.enterprise_name',
    ]);
  query = q.view === 'reply' ? query.where('p.status', '=', 'approved').where('p.reply_pending', '=', true) : query.where('p.status', '=', q.view);
  if (q.departmentId) query = query.where('p.department_id', '=', q.departmentId);
  if (q.categoryId) query = query.where('p.category_id', '=', q.categoryId);
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    query = query.where((eb) => eb.or([eb('c.code', '=', q.q!), eb('c.title', 'like', like)]));
  }
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    query = query.where(sql<boolean>`(p.candidate_at, p.case_id) < (${c.at}, ${c.id})`);
  }
  const rows = await query.orderBy('p.candidate_at', 'desc').orderBy('p.case_id', 'desc').limit(q.limit + 1).execute();
  const countRows = await sql<{ view: string; n: number }>`
    SELECT status AS view, count(*)::int AS n FROM case_publications GROUP BY status
    UNION ALL SELECT 'reply', count(*)::int FROM case_publications WHERE status = 'approved' AND reply_pending`.execute(db);
  const names = (await deps.directory.ready()).names();
  const places = await cityPlacePrefixes(db);
  const items = rows.slice(0, q.limit).map((r) => {
    const known = knownOf(r, { redactions: r.redactions, maskEnterprise: r.mask_enterprise }, places);
    return {
      caseId: r.case_id, code: r.code, title: r.title, caseStatus: r.status, publicationStatus: r.pub_status, replyPending: r.reply_pending,
      isNamePublic: r.is_name_public, categoryName: names.category(r.category_id),
      departmentName: r.lead_department_id == null ? null : names.department(r.lead_department_id),
      createdAt: r.created_at.toISOString(), candidateAt: r.candidate_at.toISOString(), reviewedAt: iso(r.reviewed_at), reviewerName: names.user(r.reviewed_by),
      detected: detectPersonalData(r.title, known).length + detectPersonalData(r.description, known).length,
    };
  });
  const last = rows[q.limit - 1];
  const counts: Record<string, number> = { pending: 0, reply: 0, approved: 0, rejected: 0, withdrawn: 0 };
  for (const c of countRows.rows) counts[c.view] = Number(c.n);
  return {
    items,
    nextCursor: rows.length > q.limit && last ? Buffer.from(JSON.stringify([last.candidate_at.toISOString(), last.case_id])).toString('base64url') : null,
    counts,
  };
}

export async function getPublicationDetail(deps: AppDeps, _user: StaffUser, caseId: number, override?: { redactions: string[]; maskEnterprise: boolean }): Promise<PublicationDetail> {
  const db = deps.database.db;
  const row = await db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirst();
  if (!row) throw new AppError('CASE_NOT_FOUND');
  const pub = await db.selectFrom('case_publications').selectAll().where('case_id', '=', caseId).executeTakeFirst();
  const choices = override ?? (pub ? { redactions: pub.redactions, maskEnterprise: pub.mask_enterprise } : defaultChoices(row));
  const known = knownOf(row, choices, await cityPlacePrefixes(db));
  const names = (await deps.directory.ready()).names();
  const allowed: PublicationDetail['allowedActions'] = [];
  if (pub && row.is_public) {
    allowed.push('approve');
    if (pub.status === 'pending') allowed.push('reject');
    if (pub.status === 'approved') allowed.push('withdraw');
  }
  return {
    replyFiles: (await boardReplyFiles(db, caseId)).map((f) => ({ ...f, withheld: !!pub?.withheld_attachments.includes(f.id) })),
    caseId: row.id, code: row.code, caseStatus: row.status, isPublic: row.is_public, isNamePublic: row.is_name_public,
    categoryName: names.category(row.category_id), departmentName: row.lead_department_id == null ? null : names.department(row.lead_department_id),
    createdAt: row.created_at.toISOString(), submitterName: row.submitter_name, submitterPhone: row.submitter_phone,
    enterpriseName: row.enterprise_name, address: row.address, maskedName: maskName(row.submitter_name),
    auto: {
      title: maskWithSpans(row.title, known),
      description: maskWithSpans(row.description, known),
      reply: hasApprovedReply(row) ? maskWithSpans(row.reply_text!, known) : null,
    },
    publication: pub ? {
      status: pub.status, publicTitle: pub.public_title, publicDescription: pub.public_description, publicReply: pub.public_reply,
      publicName: pub.public_name, redactions: pub.redactions, maskEnterprise: pub.mask_enterprise, replyPending: pub.reply_pending,
      reason: pub.reason, candidateAt: pub.candidate_at.toISOString(), reviewedAt: iso(pub.reviewed_at), reviewerName: names.user(pub.reviewed_by),
      publishedAt: iso(pub.published_at), version: pub.version,
    } : null,
    allowedActions: allowed,
  };
}
