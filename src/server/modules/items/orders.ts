import type { ItemEvent } from '../../../domain/events/items.js';
import { resolveOrderDeadline, type OrderDeadlineInput, type OrderLevel } from '../../../domain/supervision/index.js';
import { AppError } from '../../errors.js';
import type { AppDeps } from '../../deps.js';
import type { StaffUser, Tx } from '../../kernel/index.js';
import { actorOf } from '../cases/index.js';
import { answerItemOrder, closeItemOrder, insertItemOrder, itemOrdersOf, lockItemOrder } from '../supervision/index.js';
import { lockVisibleItem } from './access.js';
import { workingTimeOfDeps } from './calendar.js';
import { writeItemChange } from './repository.js';
import { itemLink, requireOpen, requireSupervisor, runItemCommand } from './run.js';

// Supervision orders on an item (ADR 0014): the supervision area writes supervision_orders; this file checks the
// item (open, the unit is its lead or a co-unit, who acts) and appends item.order_* events in the same transaction.

export async function issueItemOrder(deps: AppDeps, user: StaffUser, id: number, req: {
  departmentId: number; level: OrderLevel; demands: string; deadline: OrderDeadlineInput;
}): Promise<number> {
  requireSupervisor(user);
  return runItemCommand(deps, async (tx, notices) => {
    const row = await lockVisibleItem(tx, user, id);
    requireOpen(row);
    if (req.departmentId !== row.lead_department_id && !row.co_department_ids.includes(req.departmentId)) throw new AppError('ITEM_ORDER_UNIT_INVALID');
    const demands = req.demands.trim();
    if (!demands) throw new AppError('ORDER_DEMANDS_REQUIRED');
    const now = deps.now();
    const deadline = resolveOrderDeadline(req.deadline, now, workingTimeOfDeps(deps));
    if (deadline.getTime() <= now.getTime()) throw new AppError('ORDER_DEADLINE_INVALID');
    const open = (await itemOrdersOf(tx, id)).find((o) => o.department_id === req.departmentId && o.state !== 'closed');
    if (open) throw new AppError('ORDER_ALREADY_OPEN');
    const order = await insertItemOrder(tx, { itemId: id, departmentId: req.departmentId, level: req.level, demands, deadline, issuedBy: user.id, now });
    const event: ItemEvent = { type: 'item.order_issued', payload: { orderId: order.id, departmentId: req.departmentId, level: req.level, demands, deadline: deadline.toISOString() } };
    await writeItemChange(tx, row, {}, [event], actorOf(user), now);
    notices.push({ departmentId: req.departmentId, type: 'item.order_issued', title: `督办单 ${order.code}：${row.title}`, body: demands.slice(0, 100), link: itemLink(id) });
    return order.id;
  });
}

export async function answerItemOrderCmd(deps: AppDeps, user: StaffUser, id: number, orderId: number, text: string): Promise<void> {
  await runItemCommand(deps, async (tx, notices) => {
    const row = await lockVisibleItem(tx, user, id);
    const order = await lockItemOrder(tx, id, orderId);
    if (!order) throw new AppError('ITEM_ORDER_NOT_FOUND');
    if (order.department_id !== user.departmentId || !(user.roles.includes('handler') || user.roles.includes('head'))) throw new AppError('ORDER_NOT_OWN_DEPARTMENT');
    if (order.state === 'closed') throw new AppError('ORDER_CLOSED');
    if (order.state === 'answered') throw new AppError('ORDER_ALREADY_ANSWERED');
    const now = deps.now();
    const { late } = await answerItemOrder(tx, order, { text: text.trim(), by: user.id, at: now });
    await writeItemChange(tx, row, {}, [{ type: 'item.order_answered', payload: { orderId, departmentId: order.department_id, text: text.trim(), isLate: late } }], actorOf(user), now);
    notices.push({ departmentId: null, type: 'item.order_answered', title: `督办单已答复：${row.title}`, body: `${order.code}${late ? '（逾期答复）' : ''}`, link: itemLink(id), exceptUserId: user.id });
  });
}

export async function closeItemOrderCmd(deps: AppDeps, user: StaffUser, id: number, orderId: number, reason?: string): Promise<void> {
  requireSupervisor(user);
  await runItemCommand(deps, async (tx) => {
    const row = await lockVisibleItem(tx, user, id);
    const order = await lockItemOrder(tx, id, orderId);
    if (!order) throw new AppError('ITEM_ORDER_NOT_FOUND');
    if (order.state === 'closed') throw new AppError('ORDER_CLOSED');
    if (order.state !== 'answered') throw new AppError('ORDER_NOT_ANSWERED');
    const now = deps.now();
    const text = reason?.trim() || '答复已认可';
    await closeItemOrder(tx, order, { reason: text, by: user.id, at: now });
    await writeItemChange(tx, row, {}, [{ type: 'item.order_closed', payload: { orderId, reason: text } }], actorOf(user), now);
  });
}

/** Closes an item's orders still open or answered (销号); returns their ids for the item's events. */
export async function closeOpenItemOrders(tx: Tx, itemId: number, by: number, at: Date): Promise<number[]> {
  const open = (await itemOrdersOf(tx, itemId)).filter((o) => o.state !== 'closed');
  for (const o of open) await closeItemOrder(tx, o, { reason: '事项已销号', by, at });
  return open.map((o) => o.id);
}
