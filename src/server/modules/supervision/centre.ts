import { sql } from 'kysely';
import type { CentrePage, CentreQuery, CentreRow } from '../../../contracts/supervision.js';
import { rankOf, type OrderLevel } from '../../../domain/supervision/index.js';
import type { CaseStatus } from '../../../domain/case/status.js';
import type { AppDeps } from '../../deps.js';
import type { Database } from '../../db/engine.js';
import { overdueCaseSql } from '../../kernel/index.js';

// The supervision centre: every case a department still holds, with its warning level, department, age and orders.

const supervisedStatuses = ['dispatched', 'handling', 'replied'] as const;
const dueSoonMs = 2 * 24 * 3_600_000;

const hasWarningColumn = new WeakMap<Database, Promise<boolean>>();

/**
 * Whether the sweeps' `cases.warning_level` column exists (migration 0003). Without it the level is derived from the
 * reply deadline: red when overdue, yellow within two days of it.
 */
function warningColumn(database: Database): Promise<boolean> {
  let p = hasWarningColumn.get(database);
  if (!p) {
    p = sql<{ n: number }>`SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'cases' AND column_name = 'warning_level'`
      .execute(database.db).then((r) => Number(r.rows[0].n) > 0);
    hasWarningColumn.set(database, p);
  }
  return p;
}

export interface CentreFilter extends Partial<CentreQuery> {
  /** Only cases this department holds in the current round. */
  holdingDepartmentId?: number;
  /** Only these cases (an export reads the list's ordered ids once, then its rows a page at a time). */
  ids?: number[];
}

/**
 * The centre's filters: `all` without the overdue/due-soon choice (what the overdue count is taken from), `list` with
 * it (what the screen lists and counts as its total).
 */
async function centreFilters(deps: AppDeps, f: CentreFilter) {
  const { db } = deps.database;
  const now = deps.now();
  const withColumn = await warningColumn(deps.database);
  const warning = withColumn
    ? sql<string>`cases.warning_level`
    : sql<string>`CASE WHEN cases.reply_deadline < ${now} AND cases.suspended_at IS NULL THEN 'red'
        WHEN cases.reply_deadline < ${new Date(now.getTime() + dueSoonMs)} AND cases.suspended_at IS NULL THEN 'yellow' ELSE 'none' END`;
  const deptId = f.holdingDepartmentId ?? f.departmentId;
  let all = db.selectFrom('cases').where('status', 'in', [...supervisedStatuses]);
  if (deptId) {
    all = all.where((eb) => eb.exists(eb.selectFrom('assignments as h').select('h.id').whereRef('h.case_id', '=', 'cases.id')
      .whereRef('h.round', '=', 'cases.round').where('h.department_id', '=', deptId).where('h.status', 'in', ['pending', 'signed', 'done'])));
  }
  if (f.categoryId) all = all.where('category_id', '=', f.categoryId);
  if (f.level) all = all.where(warning, '=', f.level);
  if (f.hasOpenOrder) {
    all = all.where((eb) => {
      const open = eb.exists(eb.selectFrom('supervision_orders as so').select('so.id').whereRef('so.case_id', '=', 'cases.id').where('so.state', '<>', 'closed'));
      return f.hasOpenOrder === 'true' ? open : eb.not(open);
    });
  }
  if (f.ids) all = all.where('id', 'in', f.ids.length ? f.ids : [0]);
  let list = all;
  if (f.overdue === 'overdue') list = list.where(overdueCaseSql(deptId));
  if (f.overdue === 'due_soon') {
    list = list.where('suspended_at', 'is', null).where('reply_deadline', '>=', now).where('reply_deadline', '<', new Date(now.getTime() + dueSoonMs))
      .where('status', '<>', 'replied');
  }
  const ordered = list.select([
    'id', 'code', 'title', 'status', 'category_id', 'lead_department_id', 'supervision_level', 'reply_deadline', 'suspended_at',
    'pending_extension_until', 'created_at', warning.as('warning_level'), overdueCaseSql(deptId).as('is_overdue'),
  ]) // Most urgent first: red, yellow, then the oldest deadline.
    .orderBy(sql`CASE ${warning} WHEN 'red' THEN 0 WHEN 'yellow' THEN 1 ELSE 2 END`).orderBy(sql`reply_deadline NULLS LAST`).orderBy('id');
  return { all, list, ordered, deptId };
}

/**
 * Every id of the list in its order, in one query. The order has no index (a warning rank, then the deadline), so
 * reading it page after page would sort the whole list again for each page; the ids of even 100,000 open cases are a
 * few hundred kilobytes.
 */
export async function findCentreIds(deps: AppDeps, f: CentreFilter): Promise<number[]> {
  const { ordered } = await centreFilters(deps, f);
  return (await ordered.clearSelect().select('id').execute()).map((r) => r.id);
}

/** One page of the centre: its rows, every row the filters match (beyond the page), and the overdue ones among them. */
export async function findCentreRows(deps: AppDeps, f: CentreFilter): Promise<CentrePage> {
  const { all, list, deptId } = await centreFilters(deps, f);
  const [counts, overdueCounts, items] = await Promise.all([
    list.select(sql<number>`count(*)::int`.as('n')).executeTakeFirst(),
    all.where(overdueCaseSql(deptId)).select(sql<number>`count(*)::int`.as('n')).executeTakeFirst(),
    centreRows(deps, f),
  ]);
  return { items, total: Number(counts?.n ?? 0), overdueCount: Number(overdueCounts?.n ?? 0) };
}

/** The centre's rows in its order, without the counts (the exports read pages of these). */
export async function centreRows(deps: AppDeps, f: CentreFilter): Promise<CentreRow[]> {
  const { db } = deps.database;
  const now = deps.now();
  const rows = await (await centreFilters(deps, f)).ordered.limit(f.limit ?? 200).execute();
  if (rows.length === 0) return [];

  const ids = rows.map((r) => r.id);
  const [orders, returns] = await Promise.all([
    db.selectFrom('supervision_orders').select(['case_id', 'level']).where('case_id', 'in', ids).where('state', '<>', 'closed').$narrowType<{ case_id: number }>().execute(),
    db.selectFrom('assignments as a').innerJoin('cases as c', 'c.id', 'a.case_id').select('a.case_id').where('a.case_id', 'in', ids)
      .whereRef('a.round', '=', 'c.round').where('a.return_requested_at', 'is not', null).where('a.status', 'in', ['pending', 'signed']).execute(),
  ]);
  const topOrder = new Map<number, OrderLevel>();
  for (const o of orders) {
    const cur = topOrder.get(o.case_id);
    if (!cur || rankOf(o.level) > rankOf(cur)) topOrder.set(o.case_id, o.level);
  }
  const withReturn = new Set(returns.map((r) => r.case_id));
  const names = (await deps.directory.ready()).names();
  return rows.map((r) => ({
    id: r.id, code: r.code, title: r.title, status: r.status as CaseStatus, categoryName: names.category(r.category_id),
    leadDepartmentId: r.lead_department_id, leadDepartmentName: names.department(r.lead_department_id),
    warningLevel: (r.warning_level as CentreRow['warningLevel']) ?? 'none', supervisionLevel: r.supervision_level,
    replyDeadline: r.reply_deadline ? r.reply_deadline.toISOString() : null,
    isOverdue: r.is_overdue === true,
    ageDays: Math.max(0, Math.floor((now.getTime() - r.created_at.getTime()) / 86_400_000)),
    openOrderLevel: topOrder.get(r.id) ?? null, pendingExtension: r.pending_extension_until != null, pendingReturn: withReturn.has(r.id),
    createdAt: r.created_at.toISOString(),
  }));
}
