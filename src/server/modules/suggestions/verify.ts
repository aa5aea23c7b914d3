import type { Kysely } from 'kysely';
import { firstBrokenLink, type ChainRow } from '../../../domain/audit/chain.js';
import { safeParseSuggestionEvent } from '../../../domain/events/suggestions.js';
import type { DB } from '../../db/schema.js';
import { suggestionLabel } from './labels.js';

export interface SuggestionChainReport {
  suggestionsChecked: number;
  eventsChecked: number;
  firstBroken: { suggestionId: number; label: string; seq: number; reason: string } | null;
}

/** Recomputes every suggestion's hash chain and checks its head on the row, and each payload against the catalogue. */
export async function verifySuggestionChains(db: Kysely<DB>, batch = 500): Promise<SuggestionChainReport> {
  let lastId = 0;
  const report: SuggestionChainReport = { suggestionsChecked: 0, eventsChecked: 0, firstBroken: null };
  for (;;) {
    const rows = await db.selectFrom('suggestions').select(['id', 'kind', 'term', 'session_no', 'number', 'event_count', 'last_event_hash'])
      .where('id', '>', lastId).orderBy('id').limit(batch).execute();
    if (rows.length === 0) return report;
    const events = await db.selectFrom('suggestion_events').selectAll().where('suggestion_id', 'in', rows.map((r) => r.id)).orderBy('suggestion_id').orderBy('seq').execute();
    const byId = new Map<number, (ChainRow & { misfit: boolean })[]>();
    for (const e of events) {
      const list = byId.get(e.suggestion_id) ?? [];
      list.push({
        caseId: e.suggestion_id, seq: e.seq, type: e.type, actorUserId: e.actor_user_id, actorDepartmentId: e.actor_department_id, actorRole: e.actor_role,
        at: e.at, payload: e.payload, prevHash: e.prev_hash, hash: e.hash, misfit: !safeParseSuggestionEvent(e).success,
      });
      byId.set(e.suggestion_id, list);
    }
    for (const r of rows) {
      const chain = byId.get(r.id) ?? [];
      report.suggestionsChecked += 1;
      report.eventsChecked += chain.length;
      const broken = firstBrokenLink(chain);
      const label = suggestionLabel(r);
      if (broken >= 0) return { ...report, firstBroken: { suggestionId: r.id, label, seq: chain[broken].seq, reason: 'event altered, removed or reordered' } };
      const tail = chain.length ? chain[chain.length - 1].hash : '';
      if (chain.length !== r.event_count || tail !== r.last_event_hash) {
        return { ...report, firstBroken: { suggestionId: r.id, label, seq: chain.length + 1, reason: 'events missing at the end of the chain' } };
      }
      const misfit = chain.find((e) => e.misfit);
      if (misfit) return { ...report, firstBroken: { suggestionId: r.id, label, seq: misfit.seq, reason: `${misfit.type} does not fit the event catalogue` } };
    }
    lastId = rows[rows.length - 1].id;
  }
}
