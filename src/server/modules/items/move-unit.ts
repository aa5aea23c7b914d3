import { sql } from 'kysely';
import type { Actor } from '../../../domain/case/types.js';
import type { ItemEvent } from '../../../domain/events/items.js';
import type { Tx } from '../../kernel/index.js';
import { closeItemOrder, itemOrdersOf, readdressItemOrder } from '../supervision/index.js';
import { writeItemChange } from './repository.js';

// A unit merged into another (organisation area, 单位合并): the open items it leads or co-handles go to the successor,
// and so do the open supervision orders addressed to it on those items, like a merge moves cases and case orders.
// Called through the hook app.ts hands the organisation's merge and split (org sits below items), in their
// transaction. Each item gets one item.edited naming the new units and the reason; where the successor already has an
// open order on the item (one open order per item and unit), the merged unit's order is closed with
// item.order_closed. Closed items (已销号) keep their history as it was.

export interface ItemMove {
  items: number;
  orders: number;
  closedOrders: number;
}

export async function moveUnitItems(tx: Tx, fromId: number, toId: number, toName: string, actor: Actor, now: Date): Promise<ItemMove> {
  const rows = await tx.selectFrom('items').selectAll().where('state', '=', 'in_progress')
    .where((eb) => eb.or([eb('lead_department_id', '=', fromId), sql<boolean>`${fromId}::int = ANY(co_department_ids)`]))
    .orderBy('id').forUpdate().execute();
  const out: ItemMove = { items: rows.length, orders: 0, closedOrders: 0 };
  const reason = `单位合并：原单位已并入${toName}`;
  for (const row of rows) {
    const lead = row.lead_department_id === fromId ? toId : row.lead_department_id;
    const co = [...new Set(row.co_department_ids.map((d) => (d === fromId ? toId : d)))].filter((d) => d !== lead);
    const events: ItemEvent[] = [{
      type: 'item.edited',
      payload: { ...(lead !== row.lead_department_id ? { leadDepartmentId: lead } : {}), coDepartmentIds: co, reason },
    }];
    const open = (await itemOrdersOf(tx, row.id)).filter((o) => o.state !== 'closed');
    const theirs = open.find((o) => o.department_id === toId);
    for (const o of open.filter((x) => x.department_id === fromId)) {
      if (theirs) {
        const why = `${reason}，由其督办单 ${theirs.code} 继续督办`;
        await closeItemOrder(tx, o, { reason: why, by: actor.userId!, at: now });
        events.push({ type: 'item.order_closed', payload: { orderId: o.id, reason: why } });
        out.closedOrders += 1;
      } else {
        await readdressItemOrder(tx, o.id, toId);
        out.orders += 1;
      }
    }
    await writeItemChange(tx, row, { lead_department_id: lead, co_department_ids: co }, events, actor, now);
  }
  return out;
}
