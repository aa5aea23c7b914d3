import type { Kysely } from 'kysely';
import { firstBrokenLink, type ChainRow } from '../../../domain/audit/chain.js';
import type { DB } from '../../db/schema.js';

export interface ChainReport {
  casesChecked: number;
  eventsChecked: number;
  /** The first case (by id) whose chain does not hold, with the seq where it breaks. */
  firstBroken: { caseId: number; code: string; seq: number; reason: string } | null;
}

/**
 * Recomputes every case's event chain. A changed row breaks its own hash; a deleted row breaks the next row's link
 * or the case's event_count / last_event_hash, which the command writes in the same transaction as the events.
 */
export async function verifyChains(db: Kysely<DB>, batch = 500): Promise<ChainReport> {
  let lastId = 0;
  let casesChecked = 0;
  let eventsChecked = 0;
  for (;;) {
    const cases = await db.selectFrom('cases').select(['id', 'code', 'event_count', 'last_event_hash']).where('id', '>', lastId).orderBy('id').limit(batch).execute();
    if (cases.length === 0) break;
    const ids = cases.map((c) => c.id);
    const rows = await db.selectFrom('case_events').selectAll().where('case_id', 'in', ids).orderBy('case_id').orderBy('seq').execute();
    const byCase = new Map<number, ChainRow[]>();
    for (const r of rows) {
      const list = byCase.get(r.case_id) ?? [];
      list.push({
        caseId: r.case_id, seq: r.seq, type: r.type, actorUserId: r.actor_user_id, actorDepartmentId: r.actor_department_id,
        actorRole: r.actor_role, at: r.at, payload: r.payload, prevHash: r.prev_hash, hash: r.hash,
      });
      byCase.set(r.case_id, list);
    }
    for (const c of cases) {
      const chain = byCase.get(c.id) ?? [];
      eventsChecked += chain.length;
      casesChecked++;
      const broken = firstBrokenLink(chain);
      if (broken >= 0) return { casesChecked, eventsChecked, firstBroken: { caseId: c.id, code: c.code, seq: chain[broken].seq, reason: 'event altered, removed or reordered' } };
      const tail = chain.length ? chain[chain.length - 1].hash : '';
      if (chain.length !== c.event_count || tail !== c.last_event_hash) {
        return { casesChecked, eventsChecked, firstBroken: { caseId: c.id, code: c.code, seq: chain.length + 1, reason: 'events missing at the end of the chain' } };
      }
    }
    lastId = cases[cases.length - 1].id;
  }
  return { casesChecked, eventsChecked, firstBroken: null };
}
