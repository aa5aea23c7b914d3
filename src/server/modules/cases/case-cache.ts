import { sql, type Kysely } from 'kysely';
import type { CaseDetail } from '../../../contracts/cases.js';
import type { CaseSnapshot } from '../../../domain/case/types.js';
import type { AssignmentRow, CaseRow, DB, EventRow } from '../../db/schema.js';

export interface CaseRecord {
  row: CaseRow;
  assignments: AssignmentRow[];
  events: EventRow[];
  /** The assigned departments' ids (who may see the case), made on first read. */
  departmentIds?: number[];
  /**
   * The presented detail without allowedActions: it depends only on the record and the directory's names. body is the
   * page's response bytes for the last set of allowedActions sent, made on first use (get-case.ts, getCaseBody); its
   * first headLength bytes are the detail's JSON without the closing brace. snapshot is what allowedActions reads (it
   * depends on the category's kind, hence on the directory too).
   */
  presented?: {
    directoryGeneration: number;
    detail: Omit<CaseDetail, 'allowedActions'>;
    snapshot: CaseSnapshot;
    body?: { actionList: readonly string[]; bytes: Buffer; headLength: number };
  };
}

const assignmentDates = ['dispatched_at', 'sign_deadline', 'signed_at', 'opinion_deadline', 'opinion_at', 'reply_deadline', 'return_requested_at', 'closed_at'] as const;

/** One round trip for the case, its assignments and its timeline: JSON aggregates, dates turned back into Dates. */
export async function loadCaseRecord(db: Kysely<DB>, id: number): Promise<CaseRecord | undefined> {
  const result = await sql<CaseRow & { assignments_json: Record<string, unknown>[]; events_json: Record<string, unknown>[] }>`
    SELECT c.*,
      coalesce((SELECT json_agg(a ORDER BY a.id) FROM assignments a WHERE a.case_id = c.id), '[]') AS assignments_json,
      coalesce((SELECT json_agg(json_build_object(
          'id', e.id, 'case_id', e.case_id, 'seq', e.seq, 'type', e.type, 'actor_user_id', e.actor_user_id,
          'actor_department_id', e.actor_department_id, 'actor_role', e.actor_role, 'at', e.at, 'payload', e.payload,
          'prev_hash', e.prev_hash, 'hash', e.hash) ORDER BY e.seq)
        FROM case_events e WHERE e.case_id = c.id), '[]') AS events_json
    FROM cases c WHERE c.id = ${id}`.execute(db);
  const found = result.rows[0];
  if (!found) return undefined;
  const { assignments_json, events_json, ...row } = found;
  return { row: row as CaseRow, assignments: assignmentsFromJson(assignments_json), events: eventsFromJson(events_json) };
}

/** Assignment rows that came back inside json_agg: timestamps are strings there. */
export function assignmentsFromJson(rows: Record<string, unknown>[]): AssignmentRow[] {
  return rows.map((a) => {
    const out = { ...a } as Record<string, unknown>;
    for (const k of assignmentDates) out[k] = a[k] == null ? null : new Date(a[k] as string);
    out.id = Number(a.id);
    out.case_id = Number(a.case_id);
    return out as unknown as AssignmentRow;
  });
}

export function eventsFromJson(rows: Record<string, unknown>[]): EventRow[] {
  return rows.map((e) => ({ ...e, id: Number(e.id), case_id: Number(e.case_id), at: new Date(e.at as string) }) as unknown as EventRow);
}

/**
 * Per-process cache of case records, so reading a case page costs no SQL when nothing changed. Every write
 * invalidates after commit (this process directly, other processes through NOTIFY). A reader that loaded
 * before an invalidation may not store its (possibly older) record: each id has a generation checked on store.
 */
export class CaseCache {
  #entries = new Map<number, CaseRecord>();
  #generations = new Map<number, number>();
  // Bumped when #generations is pruned, so a reader that started before the prune cannot store.
  #epoch = 0;
  constructor(private readonly capacity = 5_000) {}

  /** The cached record, without loading it (and without a promise); refreshes its recency as get() does. */
  peek(id: number): CaseRecord | undefined {
    const hit = this.#entries.get(id);
    if (hit) {
      this.#entries.delete(id);
      this.#entries.set(id, hit);
    }
    return hit;
  }

  async get(db: Kysely<DB>, id: number): Promise<CaseRecord | undefined> {
    const hit = this.#entries.get(id);
    if (hit) {
      // Refresh recency: Map iteration order is insertion order, so re-inserting keeps LRU order.
      this.#entries.delete(id);
      this.#entries.set(id, hit);
      return hit;
    }
    const generation = this.#generations.get(id) ?? 0;
    const epoch = this.#epoch;
    const record = await loadCaseRecord(db, id);
    if (record && epoch === this.#epoch && (this.#generations.get(id) ?? 0) === generation) {
      this.#entries.set(id, record);
      if (this.#entries.size > this.capacity) this.#entries.delete(this.#entries.keys().next().value!);
    }
    return record;
  }

  /** Stores a record the caller just wrote and knows in full (a new case: nobody can hold an older version). */
  put(record: CaseRecord): void {
    this.#entries.set(record.row.id, record);
    if (this.#entries.size > this.capacity) this.#entries.delete(this.#entries.keys().next().value!);
  }

  #listeners: ((id: number) => void)[] = [];

  /** Called for every invalidated case (this process's writes and other processes' NOTIFY): derived caches follow. */
  onInvalidate(fn: (id: number) => void): void {
    this.#listeners.push(fn);
  }

  invalidate(id: number): void {
    for (const fn of this.#listeners) fn(id);
    this.#entries.delete(id);
    this.#generations.set(id, (this.#generations.get(id) ?? 0) + 1);
    if (this.#generations.size > this.capacity * 4) {
      this.#generations.clear();
      this.#epoch++;
    }
  }

  #clearListeners: (() => void)[] = [];

  /** Called when every case is invalidated at once (a many-case notice, a lost LISTEN connection): derived caches follow. */
  onClear(fn: () => void): void {
    this.#clearListeners.push(fn);
  }

  /**
   * Every case invalidated, cached or not: the epoch moves, so no reader that started before may store its record,
   * and the derived caches are told to drop everything.
   */
  clear(): void {
    for (const fn of this.#clearListeners) fn();
    this.#entries.clear();
    this.#generations.clear();
    this.#epoch++;
  }
}
