import { sql, type RawBuilder } from 'kysely';
import type { BoardCase, BoardFacets, BoardItem, BoardPage, BoardQuery, PublicStats } from '../../../contracts/board.js';
import { AppError } from '../../errors.js';
import type { AppDeps } from '../../deps.js';
import { latestPublishedRanking } from '../assessment/published.js';
import { boardStatusOf, elapsedWorkingDays, presentBoardCase } from './board-presenter.js';
import { queryLexemes, toTsquery } from './search-text.js';

// Reads of the public board. Only rows with status 'approved' are ever selected, and only their public (masked)
// columns plus non-personal case facts (dates, status, rating, departments).

const excerptLength = 90;
const searchWindow = 2_000;

function decodeCursor(cursor: string): { at: Date; id: number } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, number];
    const d = new Date(at);
    if (Number.isNaN(d.getTime()) || !Number.isInteger(id)) throw new Error('bad cursor');
    return { at: d, id };
  } catch {
    throw new AppError('VALIDATION_FAILED', { field: 'cursor' });
  }
}
const encodeCursor = (at: Date, id: number) => Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url');

/** Start and end of a month in Beijing time. */
function monthRange(month: string): [Date, Date] {
  const [y, m] = month.split('-').map(Number);
  const from = new Date(Date.UTC(y, m - 1, 1) - 8 * 3_600_000);
  const to = new Date(Date.UTC(y, m, 1) - 8 * 3_600_000);
  return [from, to];
}

/** Canonical cache key of a query (same filters in any order → same key). */
export function boardQueryKey(q: BoardQuery): string {
  return JSON.stringify([q.q?.trim() || null, q.departmentId ?? null, q.categoryId ?? null, q.districtId ?? null, q.status ?? null, q.month ?? null, q.cursor ?? null, q.limit]);
}

export async function findBoard(deps: AppDeps, q: BoardQuery): Promise<BoardPage> {
  const db = deps.database.db;
  // Filters as plain conditions on p, so the same list serves the page query and the search window below.
  const conds: RawBuilder<boolean>[] = [sql<boolean>`p.status = 'approved'`];
  if (q.departmentId) conds.push(sql<boolean>`p.department_id = ${q.departmentId}`);
  if (q.categoryId) conds.push(sql<boolean>`p.category_id = ${q.categoryId}`);
  if (q.districtId) conds.push(sql<boolean>`p.district_id = ${q.districtId}`);
  if (q.status) conds.push(sql<boolean>`p.public_status = ${q.status}`);
  if (q.month) {
    const [from, to] = monthRange(q.month);
    conds.push(sql<boolean>`p.case_created_at >= ${from}`, sql<boolean>`p.case_created_at < ${to}`);
  }
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    conds.push(sql<boolean>`(p.case_created_at, p.case_id) < (${c.at}, ${c.id})`);
  }
  const words = q.q ? queryLexemes(q.q) : [];
  const page = () => {
    let query = db.selectFrom('case_publications as p')
      .innerJoin('cases as c', 'c.id', 'p.case_id')
      .select([
        'p.case_id', 'c.code', 'p.public_title', sql<string>`left(p.public_description, ${excerptLength})`.as('excerpt'), 'p.category_id',
        'p.department_id', 'p.district_id', 'p.case_created_at', 'c.status', 'c.accepted_at', 'c.closed_at', 'c.reply_approved_at', 'c.rating',
      ]);
    for (const c of conds) query = query.where(c);
    return query.orderBy('p.case_created_at', 'desc').orderBy('p.case_id', 'desc').limit(q.limit + 1);
  };
  let rows;
  if (!words.length) rows = await page().execute();
  else {
    const match = sql<boolean>`p.search_vector @@ ${toTsquery(words)}::tsquery`;
    // A common word is found fastest among the newest rows (walking the board index); if the newest window already
    // holds a full page of matches, those are the newest matches overall. Otherwise (a rarer word) the GIN index.
    let window = db.selectFrom('case_publications as p').select('p.case_id');
    for (const c of conds) window = window.where(c);
    window = window.orderBy('p.case_created_at', 'desc').orderBy('p.case_id', 'desc').limit(searchWindow);
    rows = await page().where(match).where('p.case_id', 'in', window).execute();
    if (rows.length <= q.limit) rows = await page().where(match).execute();
  }
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

export async function getBoardCase(deps: AppDeps, code: string): Promise<{ caseId: number; body: BoardCase } | null> {
  const db = deps.database.db;
  const pub = await db.selectFrom('cases as c')
    .innerJoin('case_publications as p', 'p.case_id', 'c.id')
    .select(['p.case_id', 'p.public_title', 'p.public_description', 'p.public_reply', 'p.reply_source_at', 'p.public_name', 'p.status'])
    .where('c.code', '=', code)
    .where('p.status', '=', 'approved')
    .executeTakeFirst();
  if (!pub) return null;
  const record = await deps.cases.get(db, pub.case_id);
  if (!record) return null;
  const dir = await deps.directory.ready();
  return { caseId: pub.case_id, body: presentBoardCase(record, pub, dir, deps.calendar.calendar, deps.now()) };
}

export function boardFacets(deps: AppDeps, dir: Awaited<ReturnType<AppDeps['directory']['ready']>>): BoardFacets {
  const now = deps.now();
  const local = new Date(now.getTime() + 8 * 3_600_000);
  const months: string[] = [];
  for (let i = 0; i < 12; i++) {
    const d = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - i, 1));
    months.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
  }
  return {
    departments: dir.departments.filter((d) => d.kind === 'city_department' || d.kind === 'district' || d.kind === 'park').map((d) => ({ id: d.id, name: d.name })),
    categories: dir.categories.filter((c) => c.parentId != null).map((c) => ({ id: c.id, name: c.name })),
    districts: dir.departments.filter((d) => d.kind === 'district' || d.kind === 'park').map((d) => ({ id: d.id, name: d.name })),
    months,
  };
}

/** The latest published assessment, public fields only (numerators and denominators included). */
export async function publicStats(deps: AppDeps): Promise<PublicStats> {
  const r = await latestPublishedRanking(deps.database.db);
  return {
    period: r.period ? { key: r.period.key, kind: r.period.kind, from: r.period.from, to: r.period.to, publishedAt: r.period.publishedAt } : null,
    rows: r.rows.map((x) => ({
      departmentName: x.departmentName, group: x.group, rank: x.rank, cases: x.cases,
      response: { ...x.response }, resolution: { ...x.resolution }, satisfaction: { ...x.satisfaction },
    })),
  };
}
