import { sql, type Kysely, type RawBuilder } from 'kysely';
import { can } from '../../../domain/access/permissions.js';
import { beijingDayStart } from '../../../domain/calendar/local-time.js';
import { maskPhone } from '../../../domain/privacy/mask.js';
import { searchCountCap, type SearchPage, type SearchQuery } from '../../../contracts/search.js';
import { AppError } from '../../errors.js';
import type { AppDeps } from '../../deps.js';
import type { CaseRow, DB } from '../../db/schema.js';
import type { StaffUser } from '../../kernel/index.js';
import { decodeCursor, encodeCursor, presentSummary } from '../cases/index.js';
import { callerPhoneOf, filterTerms, matchOf } from './search-terms.js';

const dayMs = 86_400_000;
const maxRangeDays = 3_660;

type HitRow = Pick<CaseRow, 'id' | 'code' | 'title' | 'status' | 'channel' | 'urgency' | 'category_id' | 'district_id' | 'lead_department_id'
  | 'supervision_level' | 'reply_deadline' | 'suspended_at' | 'rating' | 'created_at' | 'updated_at' | 'warning_level' | 'case_type'
  | 'submitter_name' | 'submitter_phone' | 'enterprise_name'>;

const columns = sql`c.id, c.code, c.title, c.status, c.channel, c.urgency, c.category_id, c.district_id, c.lead_department_id,
  c.supervision_level, c.reply_deadline, c.suspended_at, c.rating, c.created_at, c.updated_at, c.warning_level, c.case_type,
  c.submitter_name, c.submitter_phone, c.enterprise_name`;

interface Match { tsquery: string; common: boolean }

/** The tsquery of the box and the caller's number, with the filters that are lexemes too; null: no text was asked. */
function tsqueryOf(q: SearchQuery): Match | null {
  const parts: string[] = [];
  let common = false;
  if (q.q) {
    const m = matchOf(q.q, q.field);
    if ('error' in m) throw new AppError(m.error);
    parts.push(`(${m.tsquery})`);
    // A filter among the lexemes makes even a common word rare enough for the index's newest weeks.
    common = m.common && filterTerms(q).length === 0;
  }
  if (q.phone) {
    const p = callerPhoneOf(q.phone);
    if (!p) throw new AppError('SEARCH_PHONE_INVALID');
    parts.push(p);
  }
  if (!parts.length) return null;
  return { tsquery: [...parts, ...filterTerms(q)].join(' & '), common };
}

/** The key columns of the rows searched: case_search's when text is asked, the case's own otherwise. */
interface Keys { at: RawBuilder<unknown>; id: RawBuilder<unknown> }
const searchKeys: Keys = { at: sql`s.created_at`, id: sql`s.case_id` };
const caseKeys: Keys = { at: sql`c.created_at`, id: sql`c.id` };

/**
 * Conditions on the case c (and the search row s when text is asked). Scope first: department staff see the cases
 * their unit was ever assigned (canSeeCase), so a phone's last four digits find nothing of another unit's.
 */
function conditionsOf(user: StaffUser, q: SearchQuery, text: boolean, k: Keys): RawBuilder<unknown>[] {
  const conds: RawBuilder<unknown>[] = [];
  if (!can(user.roles, 'case:read-all')) {
    conds.push(sql`EXISTS (SELECT 1 FROM assignments a WHERE a.case_id = ${k.id} AND a.department_id = ${user.departmentId})`);
  }
  if (!text) {
    // Without text the rarely changing filters are columns of cases, walked newest first.
    if (q.districtId) conds.push(sql`c.district_id = ${q.districtId}`);
    if (q.categoryId) conds.push(sql`c.category_id = ${q.categoryId}`);
    if (q.channel) conds.push(sql`c.channel = ${q.channel}`);
    if (q.caseType) conds.push(sql`c.case_type = ${q.caseType}`);
  }
  if (q.departmentId) conds.push(sql`c.lead_department_id = ${q.departmentId}`);
  if (q.status) conds.push(sql`c.status = ${q.status}`);
  if (q.warningLevel) conds.push(sql`c.warning_level = ${q.warningLevel}`);
  if (q.rating) conds.push(sql`c.rating = ${q.rating}`);
  return conds;
}

/** Date range and cursor: conditions on the key columns alone, so the walk applies them before reading a case. */
function rangeOf(q: SearchQuery, k: Keys, withCursor: boolean): RawBuilder<unknown>[] {
  const conds: RawBuilder<unknown>[] = [];
  if (q.from || q.to) {
    const from = q.from ? beijingDayStart(q.from) : null;
    const to = q.to ? new Date(beijingDayStart(q.to).getTime() + dayMs) : null;
    if (from && to && (from >= to || to.getTime() - from.getTime() > maxRangeDays * dayMs)) throw new AppError('SEARCH_RANGE_INVALID');
    if (from) conds.push(sql`${k.at} >= ${from}`);
    if (to) conds.push(sql`${k.at} < ${to}`);
  }
  if (withCursor && q.cursor) {
    const c = decodeCursor(q.cursor);
    conds.push(sql`(${k.at}, ${k.id}) < (${c.createdAt}, ${c.id})`);
  }
  return conds;
}

const where = (conds: RawBuilder<unknown>[]) => (conds.length ? sql`WHERE ${sql.join(conds, sql` AND `)}` : sql``);
const and = (conds: RawBuilder<unknown>[]) => (conds.length ? sql`AND ${sql.join(conds, sql` AND `)}` : sql``);

/**
 * Rows of the newest this many search rows are tested one by one before the GIN index is asked: a common word fills
 * a page among them (the index would fetch every one of its matches to sort them); a rarer word leaves the walk
 * short, and then its matches are few enough (under limit + 1 in walkWindow, so well under 1% of the cases) to
 * fetch them all through the index.
 */
const walkWindow = 5_000;

async function pageRows(db: Kysely<DB>, user: StaffUser, q: SearchQuery, m: Match | null): Promise<HitRow[]> {
  const n = q.limit + 1;
  if (!m) {
    const conds = [...conditionsOf(user, q, false, caseKeys), ...rangeOf(q, caseKeys, true)];
    return (await sql<HitRow>`SELECT ${columns} FROM cases c ${where(conds)} ORDER BY c.created_at DESC, c.id DESC LIMIT ${n}`.execute(db)).rows;
  }
  const conds = conditionsOf(user, q, true, searchKeys);
  const range = rangeOf(q, searchKeys, true);
  const match = sql`s.terms @@ ${m.tsquery}::tsquery`;
  // A phone, a code or a credit code matches a few cases: straight to the index. With a filter that lives on the case
  // (status, warning, rating, lead unit) the walk goes down the newest cases that pass it (their indexes), so a
  // common word with a narrow status still fills a page in the walk.
  const caseConds = [...conditionsOf(user, q, true, caseKeys), ...rangeOf(q, caseKeys, true)];
  const walked = !m.common ? [] : (onCase(q)
    ? await sql<HitRow>`SELECT c.* FROM (SELECT ${columns} FROM cases c ${where(caseConds)} ORDER BY c.created_at DESC, c.id DESC LIMIT ${walkWindow}) c
      JOIN case_search s ON s.case_id = c.id WHERE ${match} ORDER BY c.created_at DESC, c.id DESC LIMIT ${n}`.execute(db)
    : await sql<HitRow>`SELECT ${columns}
      FROM (SELECT s.case_id, s.created_at, s.terms FROM case_search s ${where(range)} ORDER BY s.created_at DESC, s.case_id DESC LIMIT ${walkWindow}) s
      JOIN cases c ON c.id = s.case_id WHERE ${match} ${and(conds)} ORDER BY s.created_at DESC, s.case_id DESC LIMIT ${n}`.execute(db)).rows;
  if (walked.length >= n) return walked;
  // The index, newest weeks first (the w: lexemes): a step fetches only the matches of its weeks, and a full page
  // there holds the newest matches overall. Weeks count back from the newest row inside the range and the cursor.
  // OFFSET 0 keeps the index's matches apart from the order, so the planner cannot walk the time index instead.
  const top = (await sql<{ created_at: Date }>`SELECT s.created_at FROM case_search s ${where(range)}
    ORDER BY s.created_at DESC, s.case_id DESC LIMIT 1`.execute(db)).rows[0];
  if (!top) return [];
  const topWeek = weekOf(top.created_at);
  const step = (weeks: string | null) => sql<HitRow>`SELECT ${columns}
    FROM (SELECT s.case_id, s.created_at FROM case_search s
      WHERE s.terms @@ ${weeks ? `(${m.tsquery}) & (${weeks})` : m.tsquery}::tsquery ${and(range)} OFFSET 0) s
    JOIN cases c ON c.id = s.case_id ${where(conds)} ORDER BY s.created_at DESC, s.case_id DESC LIMIT ${n}`.execute(db);
  for (const span of weekSpans) {
    const weeks = Array.from({ length: span }, (_, i) => `'w:${topWeek - i}'`).join(' | ');
    const rows = (await step(weeks)).rows;
    if (rows.length >= n) return rows;
  }
  return (await step(null)).rows;
}

/** Filters that live on the case, not among the search row's lexemes. */
const onCase = (q: SearchQuery) => !!(q.departmentId || q.status || q.warningLevel || q.rating);

/** Weeks asked for in turn before every match: most searches end in the first. */
const weekSpans = [2, 8, 32];

/** The Beijing week of an instant, as yw_board_week (migration 0016) counts it. */
const weekOf = (at: Date) => Math.floor((at.getTime() / 1000 + 28_800) / 604_800);

/**
 * Matches up to searchCountCap + 1: a count of every match of a common word would read every one of them. Without a
 * filter that lives on the case (status, warning, rating, lead unit) the search rows alone are counted.
 */
async function countRows(db: Kysely<DB>, user: StaffUser, q: SearchQuery, m: Match | null): Promise<NonNullable<SearchPage['total']>> {
  const k = m ? searchKeys : caseKeys;
  if (m && onCase(q)) {
    const conds = conditionsOf(user, q, true, k);
    // The matches of the words are read up to countWindow; when a filter on the case keeps few of them, the count
    // stops there and says "at least".
    const r = (await sql<{ n: number; seen: number }>`SELECT count(*) FILTER (WHERE ok) AS n, count(*) AS seen FROM (
      SELECT (${conds.length ? sql.join(conds, sql` AND `) : sql`true`}) AS ok
      FROM (SELECT s.case_id, s.created_at FROM case_search s WHERE s.terms @@ ${m.tsquery}::tsquery ${and(rangeOf(q, k, false))} LIMIT ${countWindow}) s
      JOIN cases c ON c.id = s.case_id) x`.execute(db)).rows[0];
    const n = Math.min(Number(r.n), searchCountCap);
    return { count: n, capped: Number(r.n) > searchCountCap || Number(r.seen) >= countWindow };
  }
  const conds = [...conditionsOf(user, q, !!m, k), ...rangeOf(q, k, false)];
  const from = m ? sql`case_search s` : sql`cases c`;
  if (m) conds.push(sql`s.terms @@ ${m.tsquery}::tsquery`);
  const n = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM (SELECT 1 FROM ${from} ${where(conds)} LIMIT ${searchCountCap + 1}) x`.execute(db)).rows[0].n);
  return { count: Math.min(n, searchCountCap), capped: n > searchCountCap };
}

const countWindow = 5_000;

/**
 * A page of the cases that match, newest first, keyset-paged on (created_at, id); the first page also counts the
 * matches up to searchCountCap.
 */
export async function searchCases(deps: AppDeps, user: StaffUser, q: SearchQuery): Promise<SearchPage> {
  // The primary, not the replica: the desk asks for a caller's history right after a case was filed.
  const db = deps.database.db;
  const match = tsqueryOf(q);
  const rows = await pageRows(db, user, q, match);
  let total: SearchPage['total'] = null;
  if (!q.cursor) {
    total = rows.length <= q.limit ? { count: rows.length, capped: false } : await countRows(db, user, q, match);
  }
  const names = (await deps.directory.ready()).names();
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      ...presentSummary(r, names), submitterName: r.submitter_name, submitterPhone: maskPhone(r.submitter_phone), enterpriseName: r.enterprise_name,
    })),
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.created_at, last.id) : null,
    total,
  };
}
