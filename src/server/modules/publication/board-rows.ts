import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { BoardQuery } from '../../../contracts/board.js';
import type { CaseRow, DB } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { queryLexemes, toTsquery } from './search-text.js';
import { beijingMonthStart } from '../../../domain/calendar/local-time.js';

// The SQL of the board list and its search: one page of approved publications, newest first, keyset-paged. Every
// query has the same shape: a subquery picks the page's publication rows in order, and only those are joined to their
// case. The search's plans are fixed by the shape of the SQL, not left to estimates (the planner cannot know how many
// cases mention a word): see docs/publication.md, Search.

const excerptLength = 90;
/** Step 1 of a search tests at most this many of the newest rows that pass the filters. */
const searchWindow = 1_000;
/** Step 2 then looks at the matches of the newest week, then 4, 16 and 64 weeks, then at every match. */
const weekSpans = [1, 4, 16, 64];

export interface BoardRow {
  case_id: number;
  code: string;
  public_title: string | null;
  excerpt: string | null;
  category_id: number;
  department_id: number | null;
  district_id: number | null;
  case_created_at: Date;
  status: string;
  accepted_at: Date | null;
  closed_at: Date | null;
  reply_approved_at: Date | null;
  rating: CaseRow['rating'];
}

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
export const encodeCursor = (at: Date, id: number) => Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url');

/** Start and end of a month in Beijing time. */
function monthRange(month: string): [Date, Date] {
  const [y, m] = month.split('-').map(Number);
  return [beijingMonthStart(y, m), beijingMonthStart(y, m + 1)];
}

/** The filters as one condition on `p` (case_publications), shared by the list and every search step. */
function filtersOf(q: BoardQuery): RawBuilder<unknown> {
  const conds: RawBuilder<unknown>[] = [sql`p.status = 'approved'`];
  if (q.departmentId) conds.push(sql`p.department_id = ${q.departmentId}`);
  if (q.categoryId) conds.push(sql`p.category_id = ${q.categoryId}`);
  if (q.districtId) conds.push(sql`p.district_id = ${q.districtId}`);
  if (q.status) conds.push(sql`p.public_status = ${q.status}`);
  if (q.month) {
    const [from, to] = monthRange(q.month);
    conds.push(sql`p.case_created_at >= ${from}`, sql`p.case_created_at < ${to}`);
  }
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    conds.push(sql`(p.case_created_at, p.case_id) < (${c.at}, ${c.id})`);
  }
  return sql.join(conds, sql` AND `);
}

const columns = sql`p.case_id, p.public_title, left(p.public_description, ${excerptLength}) AS excerpt, p.category_id, p.department_id,
  p.district_id, p.case_created_at`;
const named = sql`case_id, public_title, excerpt, category_id, department_id, district_id, case_created_at`;
const newest = sql`ORDER BY case_created_at DESC, case_id DESC`;

/** The page: `top` yields the page's publication rows, newest first; their cases are joined to those rows only. */
async function page(db: Kysely<DB>, top: RawBuilder<unknown>): Promise<BoardRow[]> {
  return (await sql<BoardRow>`
    SELECT t.*, c.code, c.status, c.accepted_at, c.closed_at, c.reply_approved_at, c.rating
    FROM (${top}) t JOIN cases c ON c.id = t.case_id
    ORDER BY t.case_created_at DESC, t.case_id DESC`.execute(db)).rows;
}

/** Up to limit + 1 rows (one more than the page, to know whether there is a next one). */
export async function findBoardRows(db: Kysely<DB>, q: BoardQuery): Promise<BoardRow[]> {
  const where = filtersOf(q);
  const n = q.limit + 1;
  const words = q.q ? queryLexemes(q.q) : [];
  if (!words.length) return page(db, sql`SELECT ${columns} FROM case_publications p WHERE ${where} ${newest} LIMIT ${n}`);
  const match = sql`search_vector @@ ${toTsquery(words)}::tsquery`;
  // Step 1, a common word: walk the newest rows that pass the filters (the board indexes), test each, stop at a full
  // page or after searchWindow rows. The match cannot move into the LIMITed subquery, so the planner cannot swap the
  // walk for the GIN index (which would fetch every match of a common word). A full page here holds the newest
  // matches overall.
  const common = await page(db, sql`
    SELECT ${named} FROM (SELECT ${columns}, p.search_vector FROM case_publications p WHERE ${where} ${newest} LIMIT ${searchWindow}) w
    WHERE w.${match} ${newest} LIMIT ${n}`);
  if (common.length >= n) return common;
  // Step 2, a rarer word: the GIN index (the words and the case's week, migration 0016) finds the matches of the
  // newest weeks only, growing the span until it holds a full page, then every match. A step fetches only the rows it
  // returns, so one that falls short fetched less than a page. Weeks count back from the newest row that passes the
  // filters: what a step returns is newer than every match it leaves out. OFFSET 0 keeps the matches' subquery apart
  // from the order, so the planner cannot walk the board index instead, testing every row for a word on none of them.
  const top = (await sql<{ week: number }>`
    SELECT yw_board_week(p.case_created_at) AS week FROM case_publications p WHERE ${where} ${newest} LIMIT 1`.execute(db)).rows[0];
  if (!top) return [];
  for (const span of weekSpans) {
    const weeks = Array.from({ length: span }, (_, i) => top.week - i);
    const rows = await page(db, sql`
      SELECT ${named} FROM (SELECT ${columns} FROM case_publications p
        WHERE ${where} AND p.${match} AND ARRAY[yw_board_week(p.case_created_at)] && ${weeks}::integer[] OFFSET 0) m ${newest} LIMIT ${n}`);
    if (rows.length >= n) return rows;
  }
  return page(db, sql`SELECT ${named} FROM (SELECT ${columns} FROM case_publications p WHERE ${where} AND p.${match} OFFSET 0) m ${newest} LIMIT ${n}`);
}
