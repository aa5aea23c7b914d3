import type { CaseOrders, Order } from '../../../contracts/supervision.js';
import { canSeeCase } from '../../../domain/access/permissions.js';
import { issueTargets, type OrderContext } from '../../../domain/supervision/index.js';
import { AppError } from '../../errors.js';
import type { AppDeps } from '../../deps.js';
import { actorOf } from '../cases/index.js';
import { isDepartmentStaff, type StaffUser, type Tx } from '../../kernel/index.js';
import { toSnapshot } from '../cases/index.js';
import { presentOrder, type OrderWithCase } from './order-presenter.js';
import { toOrderSnapshot } from './order-repository.js';


export function ordersWithCase(db: Tx) {
  return db.selectFrom('supervision_orders as o').innerJoin('cases as c', 'c.id', 'o.case_id')
    .selectAll('o').select(['c.code as case_code', 'c.title as case_title', 'c.status as case_status', 'c.round as case_round'])
    // The inner join keeps case orders only (an item's orders have no case_id, migration 0037).
    .$narrowType<{ case_id: number }>();
}

export async function presentOrders(deps: AppDeps, user: StaffUser, rows: OrderWithCase[]): Promise<Order[]> {
  const names = (await deps.directory.ready()).names();
  const now = deps.now();
  return rows.map((r) => presentOrder(r, names, actorOf(user), now));
}

/** A case's orders (department staff: their department's only) and the departments a new order may go to. */
export async function caseOrders(deps: AppDeps, user: StaffUser, caseId: number): Promise<CaseOrders> {
  const { db } = deps.database;
  const dir = await deps.directory.ready();
  const row = await db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirst();
  if (!row) throw new AppError('CASE_NOT_FOUND');
  const assignments = await db.selectFrom('assignments').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
  if (!canSeeCase(user.roles, user.departmentId, assignments.map((a) => a.department_id))) throw new AppError('CASE_NOT_FOUND');
  let q = ordersWithCase(db).where('o.case_id', '=', caseId);
  if (isDepartmentStaff(user)) q = q.where('o.department_id', '=', user.departmentId);
  const rows = await q.orderBy('o.id').execute();
  const all = isDepartmentStaff(user) ? [] : rows;
  const ctx: OrderContext = {
    caseSnapshot: toSnapshot(row, dir.categoryKind(row.category_id), assignments),
    openOrders: all.filter((o) => o.state !== 'closed').map(toOrderSnapshot), actor: actorOf(user), now: deps.now(),
  };
  const names = dir.names();
  return {
    items: await presentOrders(deps, user, rows),
    issueTargets: issueTargets(ctx).map((id) => ({ id, name: names.department(id) ?? '' })),
  };
}

export async function getOrder(deps: AppDeps, user: StaffUser, orderId: number): Promise<Order> {
  const row = await ordersWithCase(deps.database.db).where('o.id', '=', orderId).executeTakeFirst();
  if (!row || (isDepartmentStaff(user) && row.department_id !== user.departmentId)) throw new AppError('NOT_FOUND');
  return (await presentOrders(deps, user, [row]))[0];
}

/** Department staff may open only their own department's page and files; the office and leaders any. */
export function checkDepartmentAccess(user: StaffUser, departmentId: number): void {
  if (isDepartmentStaff(user) && user.departmentId !== departmentId) throw new AppError('FORBIDDEN');
}

export async function departmentOrders(deps: AppDeps, user: StaffUser, departmentId: number): Promise<Order[]> {
  checkDepartmentAccess(user, departmentId);
  const rows = await ordersWithCase(deps.database.db).where('o.department_id', '=', departmentId)
    .orderBy('o.id', 'desc').limit(500).execute();
  return presentOrders(deps, user, rows);
}
