import { sql, type Transaction } from 'kysely';
import { canonicalJson } from '../../../domain/audit/chain.js';
import { storedEvent } from '../../../domain/events/catalogue.js';
import { deriveFacts, type Fact, type FactCase, type FactEvent, type FactPolicy } from '../../../domain/assessment/facts.js';
import type { CaseKind } from '../../../domain/case/status.js';
import type { DB } from '../../db/schema.js';
import type { Database } from '../../db/engine.js';
import type { Tx } from '../../kernel/index.js';

// The fact store: facts derived from each case's events, kept current by reading the event log after a cursor.
// Rows are versioned by event id (valid_from / valid_to), never updated in place otherwise, so the facts a
// published period saw stay readable for its drill-down.

const factsLockKey = 73_210_006;
const chunkCases = 400;
const scanEvents = 20_000;

export interface FactDeps {
  database: Database;
  policy: FactPolicy;
  kindOf: (categoryId: number) => CaseKind;
}

/** Runs `work` in a transaction holding the facts lock (one writer of facts and snapshots across processes). */
export function withFactsLock<T>(database: Database, work: (tx: Transaction<DB>) => Promise<T>): Promise<T> {
  return database.db.transaction().execute(async (tx) => {
    if (database.kind === 'postgres') await sql`SELECT pg_advisory_xact_lock(${factsLockKey})`.execute(tx);
    return work(tx);
  });
}

export async function loadCaseInputs(db: Tx, caseIds: number[], kindOf: FactDeps['kindOf'], maxEventId?: number) {
  if (!caseIds.length) return [] as { c: FactCase; events: FactEvent[] }[];
  const cases = await db.selectFrom('cases').select(['id', 'urgency', 'category_id', 'case_type']).where('id', 'in', caseIds).execute();
  let q = db.selectFrom('case_events').select(['id', 'case_id', 'type', 'at', 'actor_department_id', 'payload'])
    .where('case_id', 'in', caseIds);
  if (maxEventId !== undefined) q = q.where('id', '<=', maxEventId);
  const events = await q.orderBy('case_id').orderBy('seq').execute();
  const byCase = new Map<number, FactEvent[]>();
  for (const e of events) {
    const id = Number(e.case_id);
    let list = byCase.get(id);
    if (!list) byCase.set(id, (list = []));
    list.push(storedEvent({ id: Number(e.id), type: e.type, at: new Date(e.at), actorDepartmentId: e.actor_department_id, payload: e.payload ?? {} }));
  }
  return cases.map((r) => ({
    // The case's own type (诉求类型) set its reply limit, so on-time is judged by it; the category's kind only as a fallback.
    c: { id: Number(r.id), urgency: r.urgency, categoryId: r.category_id, kind: r.case_type ?? kindOf(r.category_id) } satisfies FactCase,
    events: byCase.get(Number(r.id)) ?? [],
  }));
}

const factKey = (f: { department_id: number; measure: string } | Fact) =>
  'departmentId' in f ? `${f.departmentId}:${f.measure}` : `${f.department_id}:${f.measure}`;

const sameFact = (row: CurrentRow, f: Fact) =>
  new Date(row.at).getTime() === f.at.getTime() && row.hit === f.hit && (row.rating ?? null) === f.rating
  && (row.responded ?? null) === f.responded && (row.resolved ?? null) === f.resolved
  && canonicalJson(row.detail ?? null) === canonicalJson(f.detail);

interface CurrentRow {
  id: number; case_id: number; department_id: number; measure: string; at: Date; hit: boolean;
  rating: string | null; responded: boolean | null; resolved: boolean | null; detail: unknown;
}

/** Re-derives the facts of these cases from all their events and writes the differences as new versions. */
export async function rederiveCases(tx: Tx, deps: FactDeps, caseIds: number[]): Promise<number> {
  let changed = 0;
  for (let i = 0; i < caseIds.length; i += chunkCases) {
    const ids = caseIds.slice(i, i + chunkCases);
    const inputs = await loadCaseInputs(tx, ids, deps.kindOf);
    const current = await tx.selectFrom('assessment_facts')
      .select(['id', 'case_id', 'department_id', 'measure', 'at', 'hit', 'rating', 'responded', 'resolved', 'detail'])
      .where('case_id', 'in', ids).where('valid_to', 'is', null).execute() as CurrentRow[];
    const currentByCase = new Map<number, CurrentRow[]>();
    for (const r of current) {
      const id = Number(r.case_id);
      let list = currentByCase.get(id);
      if (!list) currentByCase.set(id, (list = []));
      list.push(r);
    }
    const supersede: { id: number; to: number }[] = [];
    const inserts: Record<string, unknown>[] = [];
    for (const { c, events } of inputs) {
      if (!events.length) continue;
      const version = events[events.length - 1].id;
      const derived = new Map(deriveFacts(c, events, deps.policy).map((f) => [factKey(f), f]));
      const existing = new Map((currentByCase.get(c.id) ?? []).map((r) => [factKey(r), r]));
      let touched = false;
      for (const [key, row] of existing) {
        const f = derived.get(key);
        if (f && sameFact(row, f)) derived.delete(key);
        else { supersede.push({ id: Number(row.id), to: version }); touched = true; }
      }
      for (const f of derived.values()) {
        touched = true;
        inserts.push({
          case_id: f.caseId, department_id: f.departmentId, measure: f.measure, at: f.at, hit: f.hit, rating: f.rating,
          responded: f.responded, resolved: f.resolved, detail: f.detail ? JSON.stringify(f.detail) : null, valid_from: version,
        });
      }
      if (touched) changed++;
    }
    for (const to of new Set(supersede.map((s) => s.to))) {
      const rowIds = supersede.filter((s) => s.to === to).map((s) => s.id);
      await tx.updateTable('assessment_facts').set({ valid_to: to }).where('id', 'in', rowIds).execute();
    }
    for (let j = 0; j < inserts.length; j += 1000) {
      await tx.insertInto('assessment_facts').values(inserts.slice(j, j + 1000) as never).execute();
    }
  }
  return changed;
}

/**
 * Brings the facts up to the newest event: every case with an event after the cursor is re-derived. On PostgreSQL
 * a transaction holding a lower event id can commit after a higher one, so the scan looks back a window of ids
 * (re-deriving an unchanged case writes nothing). Call inside withFactsLock.
 */
export async function refreshFacts(tx: Tx, deps: FactDeps): Promise<{ cursor: number; casesChanged: number }> {
  const { last_event_id: cursor } = await tx.selectFrom('assessment_fact_cursor').select('last_event_id').executeTakeFirstOrThrow();
  let start = Math.max(0, Number(cursor) - (deps.database.kind === 'postgres' ? 5_000 : 0));
  let last = Number(cursor);
  let casesChanged = 0;
  for (;;) {
    const rows = await tx.selectFrom('case_events').select(['id', 'case_id']).where('id', '>', start).orderBy('id').limit(scanEvents).execute();
    if (!rows.length) break;
    const ids = [...new Set(rows.map((r) => Number(r.case_id)))];
    casesChanged += await rederiveCases(tx, deps, ids);
    start = Number(rows[rows.length - 1].id);
    last = Math.max(last, start);
    if (rows.length < scanEvents) break;
  }
  if (last !== Number(cursor)) await tx.updateTable('assessment_fact_cursor').set({ last_event_id: last }).execute();
  return { cursor: last, casesChanged };
}

/** The fact job's entry point (scheduler, CLI, run): catch up under the lock. */
export function catchUpFacts(deps: FactDeps) {
  return withFactsLock(deps.database, (tx) => refreshFacts(tx, deps));
}

/** Facts as they were at an event cursor: the version valid then. */
export function factsAsOf(db: Tx, cursor: number) {
  return db.selectFrom('assessment_facts as f')
    .where('f.valid_from', '<=', cursor)
    .where((eb) => eb.or([eb('f.valid_to', 'is', null), eb('f.valid_to', '>', cursor)]));
}

export function rowToFact(r: CurrentRow): Fact {
  return {
    caseId: Number(r.case_id), departmentId: r.department_id, measure: r.measure as Fact['measure'], at: new Date(r.at), hit: r.hit,
    rating: (r.rating ?? null) as Fact['rating'], responded: r.responded ?? null, resolved: r.resolved ?? null,
    detail: (r.detail ?? null) as Fact['detail'],
  };
}
export type { CurrentRow };
