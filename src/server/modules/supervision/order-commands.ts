import type { IssueOrderRequest } from '../../../contracts/supervision.js';
import { canSeeCase } from '../../../domain/access/permissions.js';
import {
  caseSupervisionLevel, decideOrder, resolveOrderDeadline, type OrderCommand, type OrderContext, type OrderDeadlineInput,
  type SupervisionLevel,
} from '../../../domain/supervision/index.js';
import type { WorkingTime } from '../../../domain/sla/policy.js';
import { defaultCalendar } from '../../../domain/calendar/index.js';
import { AppError } from '../../errors.js';
import type { AppDeps } from '../../deps.js';
import { actorOf } from '../cases/index.js';
import { isDepartmentStaff, type StaffUser, type Tx } from '../../kernel/index.js';
import { publishCaseChange } from '../cases/index.js';
import { checkAttachmentRefs, checkDepartments } from '../cases/index.js';
import { lockCase, setSupervisionLevel, writeCaseChange } from '../cases/index.js';
import {
  caseOfOrder, insertAnswer, insertOrder, lockOrder, openOrdersOf, reserveOrderId, toOrderSnapshot, updateOrder,
} from './order-repository.js';

/** The working calendar for "N working days": the deps' own when the calendar module provides one, else the national one. */
export function workingTimeOf(deps: AppDeps): WorkingTime {
  return (deps as AppDeps & { workingTime?: WorkingTime }).workingTime ?? defaultCalendar;
}

export function orderDeadline(deps: AppDeps, input: OrderDeadlineInput): Date {
  return resolveOrderDeadline(input, deps.now(), workingTimeOf(deps));
}

/** Sets the case's supervision level from its orders after a change (same transaction). */
export async function refreshCaseLevel(tx: Tx, caseId: number, current: SupervisionLevel): Promise<void> {
  const rows = await tx.selectFrom('supervision_orders').select(['level', 'state']).where('case_id', '=', caseId).execute();
  const open = rows.filter((r) => r.state !== 'closed').map((r) => r.level);
  const next = caseSupervisionLevel(current, open, rows.length > 0);
  if (next !== current) await setSupervisionLevel(tx, caseId, next);
}

async function lockForOrders(deps: AppDeps, tx: Tx, user: StaffUser, caseId: number) {
  const dir = await deps.directory.ready();
  const locked = await lockCase(tx, caseId, (id) => dir.categoryKind(id));
  if (!locked || !canSeeCase(user.roles, user.departmentId, locked.assignments.map((a) => a.department_id))) throw new AppError('CASE_NOT_FOUND');
  const open = await openOrdersOf(tx, caseId);
  const ctx: OrderContext = { caseSnapshot: locked.snapshot, openOrders: open.map(toOrderSnapshot), actor: actorOf(user), now: deps.now() };
  return { locked, ctx };
}

/** Issues an order inside the caller's transaction; returns its id. Used by the single and the bulk endpoint. */
export async function issueOrderTx(deps: AppDeps, tx: Tx, user: StaffUser, caseId: number, req: IssueOrderRequest): Promise<number> {
  await checkDepartments(tx, [req.departmentId]);
  const { locked, ctx } = await lockForOrders(deps, tx, user, caseId);
  const cmd: OrderCommand = { type: 'issue', departmentId: req.departmentId, level: req.level, demands: req.demands, deadline: orderDeadline(deps, req.deadline) };
  const id = await reserveOrderId(tx);
  const d = decideOrder(ctx, null, cmd, id);
  if (!d.ok) throw new AppError(d.code);
  await insertOrder(tx, { id, caseId, departmentId: req.departmentId, patch: d.patch, demands: req.demands.trim(), issuedBy: user.id, now: ctx.now });
  await writeCaseChange(tx, locked.row, {}, [d.event], ctx.actor, ctx.now);
  await refreshCaseLevel(tx, caseId, locked.row.supervision_level);
  return id;
}

export async function issueOrder(deps: AppDeps, user: StaffUser, caseId: number, req: IssueOrderRequest): Promise<number> {
  const id = await deps.database.db.transaction().execute((tx) => issueOrderTx(deps, tx, user, caseId, req));
  await publishCaseChange(deps, caseId);
  return id;
}

/** answer / raise / close on one order: lock the case, then the order, decide, write order + event + case level. */
export async function actOnOrder(deps: AppDeps, user: StaffUser, orderId: number, cmd: Exclude<OrderCommand, { type: 'issue' }>): Promise<number> {
  const caseId = await deps.database.db.transaction().execute(async (tx) => {
    const caseId = await caseOfOrder(tx, orderId);
    if (caseId === undefined) throw new AppError('NOT_FOUND');
    const { locked, ctx } = await lockForOrders(deps, tx, user, caseId);
    const order = await lockOrder(tx, orderId);
    if (!order) throw new AppError('NOT_FOUND');
    // Department staff see only their own department's orders: another department's order does not exist for them.
    if (isDepartmentStaff(user) && order.department_id !== user.departmentId) throw new AppError('NOT_FOUND');
    const d = decideOrder(ctx, toOrderSnapshot(order), cmd);
    if (!d.ok) throw new AppError(d.code);
    await updateOrder(tx, orderId, d.patch, user.id);
    if (cmd.type === 'answer') {
      await checkAttachmentRefs(tx, user, caseId, cmd.attachments);
      await insertAnswer(tx, { orderId, departmentId: order.department_id, text: d.patch.answerText!, by: user.id, at: ctx.now, late: d.patch.answeredLate! });
    }
    await writeCaseChange(tx, locked.row, {}, [d.event], ctx.actor, ctx.now);
    await refreshCaseLevel(tx, caseId, locked.row.supervision_level);
    return caseId;
  });
  await publishCaseChange(deps, caseId);
  return caseId;
}
