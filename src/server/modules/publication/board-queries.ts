import { sql } from 'kysely';
import type { BoardCase, BoardFacets, BoardItem, BoardPage, BoardQuery, PublicStats } from '../../../contracts/board.js';
import type { AppDeps } from '../../deps.js';
import { latestPublishedRanking } from '../assessment/index.js';
import type { PublicationRow } from '../../db/schema-publication.js';
import { boardEvent, boardStatusOf, elapsedWorkingDays, presentBoardCase, publicEventTypes, publicPayloadKeys, type BoardCaseRecord } from './board-presenter.js';
import { encodeCursor, findBoardRows } from './board-rows.js';
import { beijingMonth } from '../../../domain/calendar/local-time.js';
import { isAssessedKind } from '../../../domain/org/units.js';
import { AppError } from '../../errors.js';
import { boardReplyFiles, openCaseAttachment, type AttachmentBody } from '../portal/index.js';
import { cityPlacePrefixes } from '../settings/index.js';
import { knownOf, maskText } from './masking.js';

// Reads of the public board. Only rows with status 'approved' are ever selected, and only their public (masked)
// columns plus non-personal case facts (dates, status, rating, departments).

/** Canonical cache key of a query (same filters in any order → same key). */
export function boardQueryKey(q: BoardQuery): string {
  return JSON.stringify([q.q?.trim() || null, q.departmentId ?? null, q.categoryId ?? null, q.districtId ?? null, q.status ?? null, q.month ?? null, q.cursor ?? null, q.limit]);
}

export async function findBoard(deps: AppDeps, q: BoardQuery): Promise<BoardPage> {
  const rows = await findBoardRows(deps.readDb, q);
  const dir = await deps.directory.ready();
  const names = dir.names();
  const now = deps.now();
  const cal = deps.calendar.calendar;
  const items: BoardItem[] = rows.slice(0, q.limit).map((r) => ({
    code: r.code,
    title: r.public_title ?? '',
    excerpt: r.excerpt ?? '',
    categoryName: names.category(r.category_id),
    departmentName: r.department_id == null ? null : names.department(r.department_id),
    districtName: r.district_id == null ? null : dir.department(r.district_id)?.name ?? null,
    status: boardStatusOf(r.status),
    createdAt: r.case_created_at.toISOString(),
    elapsedWorkingDays: elapsedWorkingDays(cal, { created_at: r.case_created_at, accepted_at: r.accepted_at, closed_at: r.closed_at, reply_approved_at: r.reply_approved_at, status: r.status }, now),
    rating: r.rating,
  }));
  const last = rows[q.limit - 1];
  return { items, nextCursor: rows.length > q.limit && last ? encodeCursor(last.case_created_at, last.case_id) : null };
}

/**
 * One approved case for its public page, in one round trip: yw_board_case (migration 0016) returns the publication
 * row, the case facts the page shows, the assignments, and only the allow-listed events with only the payload keys
 * the timeline reads (board-presenter.ts). Not read through the case cache: a cold page would otherwise cost a code
 * lookup and then the whole case record.
 */
export async function getBoardCase(deps: AppDeps, code: string): Promise<{ caseId: number; body: BoardCase } | null> {
  const found = (await sql<BoardCaseRow>`
    SELECT * FROM yw_board_case(${code}, ${publicEventTypes}::text[], ${JSON.stringify(publicPayloadKeys)}::jsonb)`.execute(deps.readDb)).rows[0];
  if (!found) return null;
  const { assignments_json, events_json, ...row } = found;
  const record: BoardCaseRecord = {
    row,
    assignments: assignments_json.map((a) => ({ ...a, id: Number(a.id) })),
    events: events_json.map((e) => boardEvent({ ...e, at: new Date(e.at) })),
  };
  const dir = await deps.directory.ready();
  const body = presentBoardCase(record, found, dir, deps.calendar.calendar, deps.now());
  if (body.reply && !body.replyUnderReview) body.replyFiles = await boardFiles(deps, Number(found.case_id));
  return { caseId: Number(found.case_id), body };
}

/**
 * The reply's files the board shows: marked public by the handler, not withheld by the reviewer, names masked like
 * the public text (the submitter's name and phone, the enterprise unless the reviewer showed it, the redactions).
 */
async function boardFiles(deps: AppDeps, caseId: number): Promise<BoardCase['replyFiles']> {
  const db = deps.readDb;
  const files = await boardReplyFiles(db, caseId);
  if (!files.length) return [];
  const row = await db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
  const pub = await db.selectFrom('case_publications').select(['withheld_attachments', 'redactions', 'mask_enterprise']).where('case_id', '=', caseId).executeTakeFirstOrThrow();
  const known = knownOf(row, { redactions: pub.redactions, maskEnterprise: pub.mask_enterprise }, await cityPlacePrefixes(db));
  return files.filter((f) => !pub.withheld_attachments.includes(f.id)).map((f) => ({ ...f, fileName: maskText(f.fileName, known) }));
}

/** One file the board's case page lists, or ATTACHMENT_NOT_FOUND. */
export async function boardAttachment(deps: AppDeps, code: string, attachmentId: number): Promise<AttachmentBody> {
  const found = await getBoardCase(deps, code);
  const file = found?.body.replyFiles.find((f) => f.id === attachmentId);
  if (!found || !file) throw new AppError('ATTACHMENT_NOT_FOUND');
  return { ...(await openCaseAttachment(deps, found.caseId, attachmentId)), fileName: file.fileName };
}

type BoardCaseRow = BoardCaseRecord['row']
  & Pick<PublicationRow, 'case_id' | 'public_title' | 'public_description' | 'public_reply' | 'reply_source_at' | 'public_name'>
  & { assignments_json: BoardCaseRecord['assignments']; events_json: (Omit<BoardCaseRecord['events'][number], 'at'> & { at: string })[] };

export function boardFacets(deps: AppDeps, dir: Awaited<ReturnType<AppDeps['directory']['ready']>>): BoardFacets {
  const now = deps.now();
  const months = Array.from({ length: 12 }, (_, i) => beijingMonth(now, i));
  return {
    departments: dir.departments.filter((d) => isAssessedKind(d.kind)).map((d) => ({ id: d.id, name: d.name })),
    categories: dir.categories.filter((c) => c.parentId != null).map((c) => ({ id: c.id, name: c.name })),
    districts: dir.departments.filter((d) => d.kind === 'district' || d.kind === 'park').map((d) => ({ id: d.id, name: d.name })),
    months,
  };
}

/** The latest published assessment, public fields only (numerators and denominators included). */
export async function publicStats(deps: AppDeps): Promise<PublicStats> {
  const r = await latestPublishedRanking(deps.readDb);
  return {
    period: r.period ? { key: r.period.key, kind: r.period.kind, from: r.period.from, to: r.period.to, publishedAt: r.period.publishedAt } : null,
    rows: r.rows.map((x) => ({
      departmentName: x.departmentName, group: x.group, rank: x.rank, cases: x.cases,
      response: { ...x.response }, resolution: { ...x.resolution }, satisfaction: { ...x.satisfaction },
    })),
  };
}
