import { sql, type RawBuilder } from 'kysely';
import type { DashboardCasesPage, DashboardCasesQuery, DashboardMeasure } from '../../../contracts/dashboard.js';
import { AppError } from '../../errors.js';
import type { AppDeps } from '../../deps.js';
import { presentSummary } from '../cases/index.js';
import type { CaseRow } from '../../db/schema.js';
import { countOverdueNow, directAnswerCaseSql } from './overview.js';
import { overdueCaseSql } from '../../kernel/index.js';
import { checkRange } from './scope.js';
import { addDays, beijingDay, dayStart, isMonday, monthStart } from './periods.js';

// The cases behind one figure: the same slice the chart counted, listed newest first by the timestamp that placed
// the case in the chart (keyset-paged; overdue by the deadline that passed, the latest when several did), with the
// slice's total.

const ratingMeasures = ['satisfied', 'basically', 'unsatisfied'] as const;

/** The column whose Beijing day put a case into the figure; overdue slices list by registration time. */
function timeColumn(m: DashboardMeasure): 'created_at' | 'closed_at' | 'rated_at' {
  if (m === 'closed') return 'closed_at';
  if (m === 'rated' || m === 'satisfied' || m === 'basically' || m === 'unsatisfied') return 'rated_at';
  return 'created_at';
}

function encodeCursor(at: Date, id: number): string {
  return Buffer.from(`${at.toISOString()}|${id}`).toString('base64url');
}

function decodeCursor(cursor: string): { at: Date; id: number } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const d = new Date(at);
  const n = Number(id);
  if (Number.isNaN(d.getTime()) || !Number.isInteger(n)) throw new AppError('VALIDATION_FAILED', { cursor: '无效的分页游标' });
  return { at: d, id: n };
}

/**
 * The rolled-up period a range is, if any: a Monday-to-Sunday week, or a calendar month — also a month that runs only
 * to today or later (no clock is red before its deadline, so there are no later crossings yet).
 */
export function overduePeriod(r: { from: string; until: string }, today: string): { kind: 'week' | 'month'; from: string } | null {
  if (isMonday(r.from) && r.until === addDays(r.from, 7)) return { kind: 'week', from: r.from };
  if (r.from.endsWith('-01') && r.until <= monthStart(r.from.slice(0, 7), 1) && (r.until === monthStart(r.from.slice(0, 7), 1) || r.until > today)) {
    return { kind: 'month', from: r.from };
  }
  return null;
}

/** A category and all categories under it. */
async function categoryFamily(deps: AppDeps, id: number): Promise<number[]> {
  const dir = await deps.directory.ready();
  if (!dir.category(id)) throw new AppError('CATEGORY_NOT_FOUND');
  const out = [id];
  for (let i = 0; i < out.length; i++) for (const c of dir.categories) if (c.parentId === out[i]) out.push(c.id);
  return out;
}

const and = (parts: RawBuilder<unknown>[]) => sql.join(parts, sql` AND `);
const columns = sql.raw(`id, code, title, status, channel, urgency, category_id, district_id, lead_department_id, supervision_level,
  reply_deadline, suspended_at, rating, created_at, updated_at, warning_level, closed_at, rated_at, case_type`);

export async function findSliceCases(deps: AppDeps, departmentId: number | null, q: DashboardCasesQuery): Promise<DashboardCasesPage> {
  const db = deps.readDb;
  const m = q.measure;
  const range = m === 'overdue_now' ? null : checkRange(q.from, q.until);
  const categories = q.categoryId ? await categoryFamily(deps, q.categoryId) : null;
  if (q.districtId && !(await deps.directory.ready()).department(q.districtId)) throw new AppError('DEPARTMENT_NOT_FOUND');
  const col = timeColumn(m);

  const where: RawBuilder<unknown>[] = [];
  if (range && m !== 'overdue') where.push(sql`${sql.ref(col)} >= ${dayStart(range.from)} AND ${sql.ref(col)} < ${dayStart(range.until)}`);
  if (m === 'rated') where.push(sql`rating IS NOT NULL`);
  if ((ratingMeasures as readonly string[]).includes(m)) where.push(sql`rating = ${m}`);
  if (m === 'direct_answer') where.push(directAnswerCaseSql);
  if (m === 'received' || m === 'closed' || m === 'rated' || m === 'direct_answer' || (ratingMeasures as readonly string[]).includes(m)) {
    if (departmentId !== null) where.push(sql`lead_department_id = ${departmentId}`);
  }
  if (m === 'overdue') {
    where.push(sql`id IN (SELECT case_id FROM sla_crossings WHERE level = 'red' AND deadline >= ${dayStart(range!.from)} AND deadline < ${dayStart(range!.until)}${
      departmentId === null ? sql`` : sql` AND department_id = ${departmentId}`})`);
  }
  if (m === 'overdue_now') {
    where.push(overdueCaseSql(departmentId));
  }
  if (categories) where.push(sql`category_id IN (${sql.join(categories)})`);
  if (q.districtId) where.push(sql`district_id = ${q.districtId}`);
  if (q.caseType) where.push(sql`case_type = ${q.caseType}`);

  // Overdue without category or district: page over the crossings' own index (newest deadline first) and fetch only
  // the page's cases, instead of reading every case of the period to sort them.
  const byDeadline = m === 'overdue' && !categories && !q.districtId && !q.caseType;
  const cursor = q.cursor ? decodeCursor(q.cursor) : null;
  let rows: (CaseRow & { at: Date })[];
  if (byDeadline) {
    const ids = await sql<{ case_id: number; at: Date }>`
      SELECT case_id, at FROM (
        SELECT case_id, max(deadline) AS at FROM sla_crossings
         WHERE level = 'red' AND deadline >= ${dayStart(range!.from)} AND deadline < ${dayStart(range!.until)}${
           departmentId === null ? sql`` : sql` AND department_id = ${departmentId}`}
         GROUP BY case_id) t
       ${cursor ? sql`WHERE (at, case_id) < (${cursor.at}, ${cursor.id})` : sql``}
       ORDER BY at DESC, case_id DESC LIMIT ${q.limit + 1}`.execute(db);
    const found = ids.rows.length ? await sql<CaseRow>`SELECT ${columns} FROM cases WHERE id IN (${sql.join(ids.rows.map((r) => r.case_id))})`.execute(db) : { rows: [] };
    const byId = new Map(found.rows.map((r) => [Number(r.id), r]));
    rows = ids.rows.flatMap((r) => (byId.has(Number(r.case_id)) ? [{ ...byId.get(Number(r.case_id))!, at: new Date(r.at) }] : []));
  } else {
    const page = [...where];
    if (cursor) page.push(sql`(${sql.ref(col)}, id) < (${cursor.at}, ${cursor.id})`);
    const r = await sql<CaseRow>`SELECT ${columns} FROM cases WHERE ${and(page)} ORDER BY ${sql.ref(col)} DESC, id DESC LIMIT ${q.limit + 1}`.execute(db);
    rows = r.rows.map((c) => ({ ...c, at: c[col]! }));
  }
  const total = q.cursor ? null : await sliceTotal(deps, departmentId, q, categories, range, and(where));
  const names = (await deps.directory.ready()).names();
  const items = rows.slice(0, q.limit);
  const last = items[items.length - 1];
  return {
    total,
    items: items.map((r) => presentSummary(r, names)),
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.at, last.id) : null,
  };
}

/**
 * The slice's size. Counts by day come from the rollup (a test proves it equals a direct count after writes, so the
 * number under the list is the number the chart showed); overdue slices are counted directly from their indexes.
 */
async function sliceTotal(
  deps: AppDeps, departmentId: number | null, q: DashboardCasesQuery, categories: number[] | null,
  range: { from: string; until: string } | null, where: RawBuilder<unknown>,
): Promise<number> {
  const db = deps.readDb;
  const m = q.measure;
  // By type: the rollups have no type; count the slice directly (as the overview's by-type table does).
  if (q.caseType) {
    const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM cases WHERE ${where}`.execute(db);
    return Number(r.rows[0]?.n ?? 0);
  }
  if (m === 'overdue_now' && !categories && !q.districtId) return countOverdueNow(deps, departmentId);
  if (m === 'overdue' && !categories && !q.districtId) {
    const period = overduePeriod(range!, beijingDay(deps.now()));
    if (period) {
      // A heatmap cell or a month: the same row the overview read.
      const r = await sql<{ n: number }>`
        SELECT n FROM dashboard_overdue_counts WHERE kind = ${period.kind} AND period = ${period.from}::date AND department_id = ${departmentId ?? 0}`.execute(db);
      return Number(r.rows[0]?.n ?? 0);
    }
    const r = await sql<{ n: number }>`
      SELECT count(DISTINCT case_id)::int AS n FROM sla_crossings
       WHERE level = 'red' AND deadline >= ${dayStart(range!.from)} AND deadline < ${dayStart(range!.until)}${
         departmentId === null ? sql`` : sql` AND department_id = ${departmentId}`}`.execute(db);
    return Number(r.rows[0]?.n ?? 0);
  }
  if (m === 'overdue' || m === 'overdue_now' || m === 'direct_answer') {
    const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM cases WHERE ${where}`.execute(db);
    return Number(r.rows[0]?.n ?? 0);
  }
  const detail = categories || q.districtId;
  if (detail && m !== 'received') {
    // Only registrations are rolled up by category and district; other measures by category are rare: count directly.
    const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM cases WHERE ${where}`.execute(db);
    return Number(r.rows[0]?.n ?? 0);
  }
  const parts: RawBuilder<unknown>[] = [sql`day >= ${range!.from}::date AND day < ${range!.until}::date`];
  if (!detail) parts.push(sql`measure IN (${sql.join(m === 'rated' ? [...ratingMeasures] : [m])})`);
  if (departmentId !== null) parts.push(sql`department_id = ${departmentId}`);
  if (categories) parts.push(sql`category_id IN (${sql.join(categories)})`);
  if (q.districtId) parts.push(sql`district_id = ${q.districtId}`);
  const table = detail ? sql`dashboard_daily` : sql`dashboard_daily_totals`;
  const r = await sql<{ n: number }>`SELECT coalesce(sum(n), 0)::int AS n FROM ${table} WHERE ${and(parts)}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}
