import type { Kysely } from 'kysely';
import { firstBrokenLink, type ChainRow } from '../../../domain/audit/chain.js';
import { safeParseItemEvent } from '../../../domain/events/items.js';
import type { DB } from '../../db/schema.js';

export interface ItemChainReport {
  itemsChecked: number;
  eventsChecked: number;
  /** The first item (by id) whose chain does not hold, with the seq where it breaks. */
  firstBroken: { itemId: number; code: string; seq: number; reason: string } | null;
}

/**
 * Recomputes every item's event chain (`yiwang audit verify`), hashed like case events with the item id in the
 * caseId place: a changed row breaks its hash, a removed one the next link or the row's event_count / last hash.
 * Every payload is also checked against the item event catalogue.
 */
export async function verifyItemChains(db: Kysely<DB>, batch = 500): Promise<ItemChainReport> {
  let lastId = 0;
  let itemsChecked = 0;
  let eventsChecked = 0;
  for (;;) {
    const items = await db.selectFrom('items').select(['id', 'code', 'event_count', 'last_event_hash']).where('id', '>', lastId).orderBy('id').limit(batch).execute();
    if (!items.length) break;
    const rows = await db.selectFrom('item_events').selectAll().where('item_id', 'in', items.map((i) => i.id)).orderBy('item_id').orderBy('seq').execute();
    const byItem = new Map<number, ChainRow[]>();
    for (const r of rows) {
      const list = byItem.get(r.item_id) ?? [];
      list.push({
        caseId: r.item_id, seq: r.seq, type: r.type, actorUserId: r.actor_user_id, actorDepartmentId: r.actor_department_id,
        actorRole: r.actor_role, at: r.at, payload: r.payload, prevHash: r.prev_hash, hash: r.hash,
      });
      byItem.set(r.item_id, list);
    }
    for (const item of items) {
      const chain = byItem.get(item.id) ?? [];
      eventsChecked += chain.length;
      itemsChecked++;
      const broken = firstBrokenLink(chain);
      if (broken >= 0) return { itemsChecked, eventsChecked, firstBroken: { itemId: item.id, code: item.code, seq: chain[broken].seq, reason: 'event altered, removed or reordered' } };
      const tail = chain.length ? chain[chain.length - 1].hash : '';
      if (chain.length !== item.event_count || tail !== item.last_event_hash) {
        return { itemsChecked, eventsChecked, firstBroken: { itemId: item.id, code: item.code, seq: chain.length + 1, reason: 'events missing at the end of the chain' } };
      }
      const bad = chain.find((e) => !safeParseItemEvent(e).success);
      if (bad) return { itemsChecked, eventsChecked, firstBroken: { itemId: item.id, code: item.code, seq: bad.seq, reason: `event ${bad.type} does not fit the item event catalogue` } };
    }
    lastId = items[items.length - 1].id;
  }
  return { itemsChecked, eventsChecked, firstBroken: null };
}
