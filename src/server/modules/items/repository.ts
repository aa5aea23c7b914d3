import { eventHash } from '../../../domain/audit/chain.js';
import type { Actor } from '../../../domain/case/types.js';
import type { ItemEvent } from '../../../domain/events/items.js';
import type { ItemRow, ItemsTable } from '../../db/schema-items.js';
import type { Tx } from '../../kernel/index.js';
import type { Updateable } from 'kysely';

// All SQL that writes an item's row and its hash-chained events, in the caller's transaction. The chain uses
// domain/audit/chain.ts eventHash unchanged, with the item's id where a case event has its case id.

export async function lockItem(tx: Tx, id: number): Promise<ItemRow | undefined> {
  return tx.selectFrom('items').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export interface ChainHead {
  id: number;
  event_count: number;
  last_event_hash: string;
}

/** The event rows of `events` appended to one item's chain after `head` (hashes computed here). */
export function chainRows(head: ChainHead, events: readonly ItemEvent[], actor: Actor, at: Date) {
  let prev = head.last_event_hash;
  let seq = head.event_count;
  const rows = events.map((e) => {
    seq += 1;
    const content = {
      caseId: head.id, seq, type: e.type, actorUserId: actor.userId, actorDepartmentId: actor.departmentId, actorRole: actor.role, at, payload: e.payload,
    };
    const hash = eventHash(prev, content);
    const row = {
      item_id: head.id, seq, type: e.type, actor_user_id: actor.userId, actor_department_id: actor.departmentId, actor_role: actor.role, at,
      payload: JSON.stringify(e.payload), prev_hash: prev, hash,
    };
    prev = hash;
    return row;
  });
  return { rows, eventCount: seq, lastHash: prev };
}

/**
 * Appends events to a locked item's chain and applies the row patch with the new chain head and version, in one
 * transaction with whatever else the command wrote.
 */
export async function writeItemChange(tx: Tx, head: ChainHead, patch: Updateable<ItemsTable>, events: readonly ItemEvent[], actor: Actor, at: Date): Promise<void> {
  const { rows, eventCount, lastHash } = chainRows(head, events, actor, at);
  if (rows.length) await tx.insertInto('item_events').values(rows).execute();
  await tx.updateTable('items').set((eb) => ({ ...patch, event_count: eventCount, last_event_hash: lastHash, updated_at: at, version: eb('version', '+', 1) }))
    .where('id', '=', head.id).execute();
}
