import { sql } from 'kysely';
import type { OrderPatch, OrderSnapshot } from '../../../domain/supervision/index.js';
import type { SupervisionOrderRow } from '../../db/schema-supervision.js';
import { toColumns } from '../cases/index.js';
import type { Tx } from '../../kernel/index.js';
import { beijingParts } from '../../../domain/calendar/local-time.js';

// All SQL that writes supervision orders, in the caller's transaction (which has locked the case row).

const orderPatchColumns: Record<keyof OrderPatch, string> = {
  level: 'level', state: 'state', deadline: 'deadline', answerText: 'answer_text', answeredAt: 'answered_at',
  answeredLate: 'answered_late', closedAt: 'closed_at', closeReason: 'close_reason', raisedAt: 'raised_at',
};

export function toOrderSnapshot(o: SupervisionOrderRow): OrderSnapshot {
  return { id: o.id, departmentId: o.department_id, level: o.level, state: o.state, deadline: o.deadline };
}

export async function openOrdersOf(tx: Tx, caseId: number): Promise<SupervisionOrderRow[]> {
  return tx.selectFrom('supervision_orders').selectAll().where('case_id', '=', caseId).where('state', '<>', 'closed').orderBy('id').forUpdate().execute();
}

/** The case an order belongs to, read without a lock so the caller can lock the case first (case → order lock order). */
export async function caseOfOrder(tx: Tx, orderId: number): Promise<number | undefined> {
  const r = await tx.selectFrom('supervision_orders').select('case_id').where('id', '=', orderId).executeTakeFirst();
  // An item's order (no case_id) is not a case order: the case routes answer NOT_FOUND for it.
  return r?.case_id ?? undefined;
}

export async function lockOrder(tx: Tx, orderId: number): Promise<SupervisionOrderRow | undefined> {
  return tx.selectFrom('supervision_orders').selectAll().where('id', '=', orderId).forUpdate().executeTakeFirst();
}

export async function reserveOrderId(tx: Tx): Promise<number> {
  const r = await sql<{ id: number }>`SELECT nextval(pg_get_serial_sequence('supervision_orders', 'id')) AS id`.execute(tx);
  return Number(r.rows[0].id);
}

/** 编号: DB + year (Asia/Shanghai) + the order id, e.g. DB2026-00012. */
export function orderCode(id: number, now: Date): string {
  const { year } = beijingParts(now);
  return `DB${year}-${String(id).padStart(5, '0')}`;
}

export async function insertOrder(tx: Tx, o: {
  id: number; caseId: number; departmentId: number; patch: OrderPatch; demands: string; issuedBy: number; now: Date;
}): Promise<void> {
  await tx.insertInto('supervision_orders').values({
    id: o.id, code: orderCode(o.id, o.now), case_id: o.caseId, department_id: o.departmentId, level: o.patch.level!, state: 'open',
    demands: o.demands, deadline: o.patch.deadline!, issued_by: o.issuedBy, issued_at: o.now,
  }).execute();
}

export async function updateOrder(tx: Tx, id: number, patch: OrderPatch, userId: number | null): Promise<void> {
  const cols = toColumns(patch, orderPatchColumns);
  if (patch.answeredAt) cols.answered_by = userId;
  if (patch.closedAt) cols.closed_by = userId;
  await tx.updateTable('supervision_orders').set(cols).where('id', '=', id).execute();
}

export async function insertAnswer(tx: Tx, a: { orderId: number; departmentId: number; text: string; by: number; at: Date; late: boolean }) {
  await tx.insertInto('supervision_order_answers').values({
    order_id: a.orderId, department_id: a.departmentId, text: a.text, answered_by: a.by, answered_at: a.at, is_late: a.late,
  }).execute();
}
