import type { OrderLevel } from '../../../domain/supervision/index.js';
import type { SupervisionOrderRow } from '../../db/schema-supervision.js';
import type { Tx } from '../../kernel/index.js';
import { insertAnswer, orderCode, reserveOrderId } from './order-repository.js';

// Supervision orders on supervised items (migration 0037, ADR 0014): the same table, code series and answer history
// as case orders, with item_id instead of case_id. This area stays the only writer of supervision_orders; the items
// area checks the item (units, state, who may act) and appends the item's events in the same transaction.

export type ItemOrderRow = SupervisionOrderRow & { item_id: number };

export async function itemOrdersOf(tx: Tx, itemId: number): Promise<ItemOrderRow[]> {
  return tx.selectFrom('supervision_orders').selectAll().where('item_id', '=', itemId).orderBy('id').$narrowType<{ item_id: number }>().execute();
}

/** Locks one of the item's orders; undefined when the order is not the item's. */
export async function lockItemOrder(tx: Tx, itemId: number, orderId: number): Promise<ItemOrderRow | undefined> {
  return tx.selectFrom('supervision_orders').selectAll().where('id', '=', orderId).where('item_id', '=', itemId).forUpdate()
    .$narrowType<{ item_id: number }>().executeTakeFirst();
}

/** Issues an order on an item; returns its id and code. The caller has checked the department and locked the item. */
export async function insertItemOrder(tx: Tx, o: {
  itemId: number; departmentId: number; level: OrderLevel; demands: string; deadline: Date; issuedBy: number; now: Date;
}): Promise<{ id: number; code: string }> {
  const id = await reserveOrderId(tx);
  const code = orderCode(id, o.now);
  await tx.insertInto('supervision_orders').values({
    id, code, case_id: null, item_id: o.itemId, department_id: o.departmentId, level: o.level, state: 'open', demands: o.demands,
    deadline: o.deadline, issued_by: o.issuedBy, issued_at: o.now,
  }).execute();
  return { id, code };
}

export async function answerItemOrder(tx: Tx, order: ItemOrderRow, a: { text: string; by: number; at: Date }): Promise<{ late: boolean }> {
  const late = a.at.getTime() > order.deadline.getTime();
  await tx.updateTable('supervision_orders').set({ state: 'answered', answer_text: a.text, answered_by: a.by, answered_at: a.at, answered_late: late })
    .where('id', '=', order.id).execute();
  await insertAnswer(tx, { orderId: order.id, departmentId: order.department_id, text: a.text, by: a.by, at: a.at, late });
  return { late };
}

export async function closeItemOrder(tx: Tx, order: ItemOrderRow, c: { reason: string; by: number; at: Date }): Promise<void> {
  await tx.updateTable('supervision_orders').set({ state: 'closed', closed_by: c.by, closed_at: c.at, close_reason: c.reason }).where('id', '=', order.id).execute();
}

/** Readdresses one open order on an item to another unit (a unit merge; the caller checked no open order clashes). */
export async function readdressItemOrder(tx: Tx, orderId: number, departmentId: number): Promise<void> {
  await tx.updateTable('supervision_orders').set({ department_id: departmentId }).where('id', '=', orderId).execute();
}
