import { sql } from 'kysely';
import type { z } from 'zod';
import type { IndicatorProblems, zPressCreate, zPressDecide } from '../../../contracts/indicators.js';
import { statusGroups } from '../../../domain/case/status.js';
import { beijingIso } from '../../../domain/calendar/local-time.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { inTransaction, type StaffUser, type Tx } from '../../kernel/index.js';
import { publishCaseChange } from '../cases/index.js';
import { issueOrderTx } from '../supervision/index.js';
import { isLeadUnit, leadOf } from './figures.js';
import { categoriesOf } from './platform.js';
import { getIndicatorRow, type IndicatorRow } from './repository.js';

// Problems meet indicators: the enterprise problems in an indicator's tagged categories, across every unit. The read
// is granted by leading the indicator (a department's staff otherwise see only their own cases); staff who read every
// case (营商办, leaders) see it too. A lead unit may ask the supervision office to press a unit holding one; the
// supervisor turns the request into a supervision order (the supervision area's own issue, in the same transaction as
// the request's new state) or declines it.

/** The first-level indicator the user may read problems of: its lead unit, or anyone reading every case. */
export async function readableIndicator(db: Tx, user: StaffUser, id: number): Promise<IndicatorRow> {
  const row = await getIndicatorRow(db, id);
  if (!row) throw new AppError('INDICATOR_NOT_FOUND');
  const first = await leadOf(db, row);
  if (!isLeadUnit(user, first) && !user.permissions.includes('case:read-all')) throw new AppError('INDICATOR_NOT_LEAD');
  return first;
}

const holding = sql`a.status IN ('pending', 'signed')`;

export async function indicatorProblems(deps: AppDeps, user: StaffUser, id: number, only: 'all' | 'open' | 'unsatisfied'): Promise<IndicatorProblems> {
  const db = deps.readDb;
  const first = await readableIndicator(db, user, id);
  const categoryIds = await categoriesOf(db, first.code);
  const empty = { indicatorId: first.id, total: 0, unsatisfied: 0, open: 0, hotSpots: [], byDepartment: [], items: [] };
  if (!categoryIds.length) return empty;
  const ids = JSON.stringify(categoryIds);
  const inCats = sql`c.category_id IN (SELECT j.value::int FROM json_array_elements_text(${ids}::json) AS j) AND c.status NOT IN ('merged', 'rejected')`;
  const openList = sql.join(statusGroups.open.map((s) => sql`${s}`));
  const filter = only === 'open' ? sql` AND c.status IN (${openList})` : only === 'unsatisfied' ? sql` AND c.rating = 'unsatisfied'` : sql``;
  const [totals, hot, byDept, rows] = await Promise.all([
    sql<{ total: number; unsatisfied: number; open: number }>`
      SELECT count(*)::int AS total, count(*) FILTER (WHERE c.rating = 'unsatisfied')::int AS unsatisfied,
             count(*) FILTER (WHERE c.status IN (${openList}))::int AS open
        FROM cases c WHERE ${inCats}`.execute(db),
    sql<{ category_id: number; cases: number; unsatisfied: number }>`
      SELECT c.category_id, count(*)::int AS cases, count(*) FILTER (WHERE c.rating = 'unsatisfied')::int AS unsatisfied
        FROM cases c WHERE ${inCats} GROUP BY c.category_id ORDER BY cases DESC LIMIT 10`.execute(db),
    sql<{ department_id: number; open: number }>`
      SELECT a.department_id, count(DISTINCT c.id)::int AS open
        FROM cases c JOIN assignments a ON a.case_id = c.id AND ${holding}
       WHERE ${inCats} GROUP BY a.department_id ORDER BY open DESC LIMIT 20`.execute(db),
    sql<{ id: number; code: string; title: string; status: string; category_id: number; enterprise_name: string | null; rating: string | null; created_at: Date; warning_level: string }>`
      SELECT c.id, c.code, c.title, c.status, c.category_id, c.enterprise_name, c.rating, c.created_at, c.warning_level
        FROM cases c WHERE ${inCats}${filter}
       ORDER BY (c.rating = 'unsatisfied') DESC NULLS LAST, c.created_at DESC LIMIT 200`.execute(db),
  ]);
  const caseIds = rows.rows.map((r) => Number(r.id));
  const [holders, presses, dir] = await Promise.all([
    caseIds.length ? db.selectFrom('assignments as a').select(['a.case_id', 'a.department_id']).where('a.case_id', 'in', caseIds)
      .where('a.status', 'in', ['pending', 'signed']).execute() : Promise.resolve([]),
    caseIds.length ? db.selectFrom('indicator_press_requests').select('case_id').where('case_id', 'in', caseIds).where('status', '=', 'open').execute() : Promise.resolve([]),
    deps.directory.ready(),
  ]);
  const names = dir.names();
  const pressed = new Set(presses.map((p) => Number(p.case_id)));
  const t = totals.rows[0];
  return {
    indicatorId: first.id, total: Number(t.total), unsatisfied: Number(t.unsatisfied), open: Number(t.open),
    hotSpots: hot.rows.map((h) => ({ categoryId: h.category_id, categoryName: names.category(h.category_id), cases: Number(h.cases), unsatisfied: Number(h.unsatisfied) })),
    byDepartment: byDept.rows.map((d) => ({ departmentId: d.department_id, departmentName: names.department(d.department_id) ?? '', open: Number(d.open) })),
    items: rows.rows.map((r) => ({
      id: Number(r.id), code: r.code, title: r.title, status: r.status, categoryName: names.category(r.category_id), enterpriseName: r.enterprise_name,
      holdingDepartments: holders.filter((h) => Number(h.case_id) === Number(r.id)).map((h) => ({ id: h.department_id, name: names.department(h.department_id) ?? '' })),
      rating: r.rating, createdAt: beijingIso(new Date(r.created_at)), warningLevel: r.warning_level, openPress: pressed.has(Number(r.id)),
    })),
  };
}

export async function requestPress(deps: AppDeps, user: StaffUser, id: number, input: z.infer<typeof zPressCreate>): Promise<number> {
  return inTransaction(deps.database.db, async (tx) => {
    const first = await getIndicatorRow(tx, id).then((r) => (r ? leadOf(tx, r) : undefined));
    if (!first) throw new AppError('INDICATOR_NOT_FOUND');
    if (!isLeadUnit(user, first)) throw new AppError('INDICATOR_NOT_LEAD');
    const categoryIds = await categoriesOf(tx, first.code);
    const c = await tx.selectFrom('cases').select(['id', 'category_id']).where('id', '=', input.caseId).executeTakeFirst();
    if (!c || !categoryIds.includes(c.category_id)) throw new AppError('PRESS_CASE_NOT_IN_INDICATOR');
    const holds = await tx.selectFrom('assignments').select('id').where('case_id', '=', input.caseId).where('department_id', '=', input.departmentId)
      .where('status', 'in', ['pending', 'signed']).executeTakeFirst();
    if (!holds) throw new AppError('PRESS_DEPARTMENT_NOT_HOLDING');
    const open = await tx.selectFrom('indicator_press_requests').select('id').where('case_id', '=', input.caseId)
      .where('department_id', '=', input.departmentId).where('status', '=', 'open').executeTakeFirst();
    if (open) throw new AppError('PRESS_ALREADY_OPEN');
    const row = await tx.insertInto('indicator_press_requests').values({
      indicator_id: first.id, case_id: input.caseId, department_id: input.departmentId, reason: input.reason, requested_by: user.id,
      requesting_department_id: user.departmentId, requested_at: deps.now(),
    }).returning('id').executeTakeFirstOrThrow();
    return row.id;
  });
}

export async function listPresses(deps: AppDeps, user: StaffUser, status: 'open' | 'all') {
  const db = deps.database.db;
  let q = db.selectFrom('indicator_press_requests as p').innerJoin('cases as c', 'c.id', 'p.case_id').innerJoin('indicators as i', 'i.id', 'p.indicator_id')
    .innerJoin('users as u', 'u.id', 'p.requested_by')
    .select(['p.id', 'p.indicator_id', 'i.name as indicator_name', 'p.case_id', 'c.code', 'c.title', 'p.department_id', 'p.requesting_department_id',
      'u.display_name', 'p.reason', 'p.status', 'p.requested_at', 'p.order_id', 'p.decline_reason'])
    .orderBy('p.id', 'desc').limit(200);
  if (status === 'open') q = q.where('p.status', '=', 'open');
  // A lead unit sees its own requests; the supervision office sees all.
  if (!user.permissions.includes('supervision:order')) q = q.where('p.requesting_department_id', '=', user.departmentId);
  const [rows, dir] = await Promise.all([q.execute(), deps.directory.ready()]);
  const names = dir.names();
  return {
    items: rows.map((r) => ({
      id: r.id, indicatorId: r.indicator_id, indicatorName: r.indicator_name, caseId: Number(r.case_id), caseCode: r.code, caseTitle: r.title,
      departmentId: r.department_id, departmentName: names.department(r.department_id) ?? '', requestingDepartmentName: names.department(r.requesting_department_id) ?? '',
      requestedBy: r.display_name, reason: r.reason, status: r.status, requestedAt: beijingIso(new Date(r.requested_at)), orderId: r.order_id, declineReason: r.decline_reason,
    })),
  };
}

/** The supervisor's decision: a supervision order on the case (issued by the supervision area), or a declined request. */
export async function decidePress(deps: AppDeps, user: StaffUser, pressId: number, input: z.infer<typeof zPressDecide>): Promise<void> {
  const caseId = await inTransaction(deps.database.db, async (tx) => {
    const p = await tx.selectFrom('indicator_press_requests').selectAll().where('id', '=', pressId).forUpdate().executeTakeFirst();
    if (!p) throw new AppError('PRESS_NOT_FOUND');
    if (p.status !== 'open') throw new AppError('PRESS_NOT_OPEN');
    const orderId = input.action === 'order'
      ? await issueOrderTx(deps, tx, user, Number(p.case_id), { departmentId: p.department_id, level: 'normal', demands: input.demands, deadline: { workingDays: input.deadlineWorkingDays } })
      : null;
    await tx.updateTable('indicator_press_requests').set({
      status: input.action === 'order' ? 'ordered' : 'declined', handled_by: user.id, handled_at: deps.now(), order_id: orderId,
      decline_reason: input.action === 'decline' ? input.reason : null,
    }).where('id', '=', pressId).execute();
    return orderId === null ? null : Number(p.case_id);
  });
  if (caseId !== null) await publishCaseChange(deps, caseId);
}
