import type { Actor } from '../../../domain/case/types.js';
import type { Tx } from '../../kernel/index.js';
import { writeCaseChange } from '../cases/index.js';
import { refreshCaseLevel } from './order-commands.js';

// A unit merged into another (organisation area, 单位合并): the open supervision orders (督办单) addressed to it go to
// the successor, which now holds its cases and its people, so they are answered there. Called by the organisation's
// merge and split through the hook app.ts hands in (org sits below supervision), in the merge's transaction, after
// the cases writer moved the assignments (the cases are locked by then).

export interface OrderMove {
  /** Orders now addressed to the successor. */
  moved: number;
  /** Orders closed because the successor already had an open order on the same case (one open order per unit). */
  closed: number;
  caseIds: number[];
}

export async function moveOpenOrders(tx: Tx, fromId: number, toId: number, toName: string, actor: Actor, now: Date): Promise<OrderMove> {
  const open = await tx.selectFrom('supervision_orders').select(['id', 'code', 'case_id']).where('department_id', '=', fromId)
    .where('state', '<>', 'closed').where('case_id', 'is not', null).$narrowType<{ case_id: number }>().orderBy('id').forUpdate().execute();
  if (!open.length) return { moved: 0, closed: 0, caseIds: [] };
  const theirs = await tx.selectFrom('supervision_orders').select(['id', 'code', 'case_id']).where('department_id', '=', toId)
    .where('state', '<>', 'closed').where('case_id', 'in', open.map((o) => o.case_id)).$narrowType<{ case_id: number }>().execute();
  const successorOrder = new Map(theirs.map((o) => [o.case_id, o]));
  const move = open.filter((o) => !successorOrder.has(o.case_id));
  if (move.length) await tx.updateTable('supervision_orders').set({ department_id: toId }).where('id', 'in', move.map((o) => o.id)).execute();
  // Where the successor already answers an order on the case, the merged unit's order ends there, on the case's chain
  // like any close (audit verify replays it), and the case's supervision level follows its remaining open orders.
  const clash = open.filter((o) => successorOrder.has(o.case_id));
  for (const o of clash) {
    const reason = `单位合并：承办单位已并入${toName}，由其督办单 ${successorOrder.get(o.case_id)!.code} 继续督办`;
    await tx.updateTable('supervision_orders').set({ state: 'closed', closed_at: now, closed_by: actor.userId, close_reason: reason }).where('id', '=', o.id).execute();
    const row = await tx.selectFrom('cases').select(['id', 'event_count', 'last_event_hash', 'supervision_level']).where('id', '=', o.case_id).forUpdate().executeTakeFirstOrThrow();
    await writeCaseChange(tx, row, {}, [{ type: 'case.order_closed', payload: { orderId: o.id, reason } }], actor, now);
    await refreshCaseLevel(tx, o.case_id, row.supervision_level);
  }
  return { moved: move.length, closed: clash.length, caseIds: [...new Set(open.map((o) => o.case_id))] };
}
