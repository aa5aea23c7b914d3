import { sql } from 'kysely';
import { eventHash } from '../../../domain/audit/chain.js';
import type { Actor, NewEvent } from '../../../domain/case/types.js';
import type { SlaClock, WarningLevel } from '../../../domain/sla/warnings.js';
import type { CaseRow } from '../../db/schema.js';
import { instantArray, intArray, textArray, type Tx } from '../../kernel/index.js';
import { chainEvents } from './repository.js';

// Set-based writes of cases, assignments and case_events for the areas that change many cases at once (the SLA
// sweep, the demo loader). Like repository.ts, the only SQL that writes these tables outside the intake
// (create-case.ts) and the import (import-writes.ts). Bulk statements pass one array parameter per column expanded
// with unnest: one round trip per statement on both engines, whatever the batch size (ADR 18).

export interface AssignmentSlaValue {
  id: number;
  check_at: Date | null;
  clock: SlaClock | null;
  level: WarningLevel;
  yellow_at: Date | null;
  deadline: Date | null;
}

/** Stores what the sweep worked out per assignment (touches only sla_* columns, so the recheck triggers stay quiet). */
export async function updateAssignmentSla(tx: Tx, values: AssignmentSlaValue[]): Promise<void> {
  if (!values.length) return;
  await sql`
    UPDATE assignment_sla a
       SET check_at = x.check_at, clock = x.clock, level = x.level, yellow_at = x.yellow_at, deadline = x.deadline
      FROM unnest(${intArray(values.map((v) => v.id))}::bigint[], ${instantArray(values.map((v) => v.check_at))}::timestamptz[],
                  ${textArray(values.map((v) => v.clock))}::text[], ${textArray(values.map((v) => v.level))}::text[],
                  ${instantArray(values.map((v) => v.yellow_at))}::timestamptz[], ${instantArray(values.map((v) => v.deadline))}::timestamptz[])
        AS x(id, check_at, clock, level, yellow_at, deadline)
     WHERE a.assignment_id = x.id`.execute(tx);
}

/** Asks the next sweep to look at every running clock again (a policy's warning share changed). */
export async function recheckRunningClocks(tx: Tx): Promise<void> {
  await sql`UPDATE assignment_sla SET check_at = '-infinity' WHERE clock IS NOT NULL`.execute(tx);
}

/** One case's part of a set-based change: events for its chain (maybe none) and its levels. */
export interface ChainAppend {
  /** The locked row's chain head. */
  row: Pick<CaseRow, 'id' | 'event_count' | 'last_event_hash'>;
  events: NewEvent[];
  supervisionLevel: string;
  warningLevel: WarningLevel;
  /** The case's new lead unit, when it changes with these events (a unit merge); absent, the lead stays. */
  leadDepartmentId?: number;
}

/**
 * What appendToChains sends: the hashed events and the new chain heads, one array per column (the statements expand
 * them with unnest: array parameters cost the server a fraction of json_to_recordset's per-object parsing, ADR 18).
 * The actor and the instant are the same for every event of a call and go once.
 */
export interface PreparedChains {
  events: number;
  actor: Actor;
  at: Date;
  eventCols: { caseId: number[]; seq: number[]; type: string[]; payload: string[]; prevHash: string[]; hash: string[] };
  rowCols: {
    id: number[]; appended: number[]; eventCount: number[]; lastHash: string[]; supervisionLevel: string[]; warningLevel: string[];
    leadDepartmentId: (number | null)[];
  };
  /** Some change sets a new lead (a unit merge): only then does the update name the column. */
  movesLeads: boolean;
}

/**
 * Hashes each case's events onto its chain (as writeCaseChange does for one case) and makes the column arrays of
 * appendToChains' two statements. CPU only, no SQL: the sweep does this while the database runs its previous statement.
 */
export function prepareChains(changes: ChainAppend[], actor: Actor, now: Date): PreparedChains {
  const e: PreparedChains['eventCols'] = { caseId: [], seq: [], type: [], payload: [], prevHash: [], hash: [] };
  const r: PreparedChains['rowCols'] = { id: [], appended: [], eventCount: [], lastHash: [], supervisionLevel: [], warningLevel: [], leadDepartmentId: [] };
  for (const c of changes) {
    const chain = chainEvents(c.row, c.events, actor, now);
    for (const v of chain.values) {
      e.caseId.push(v.case_id);
      e.seq.push(v.seq);
      e.type.push(v.type);
      e.payload.push(v.payload);
      e.prevHash.push(v.prev_hash);
      e.hash.push(v.hash);
    }
    r.id.push(c.row.id);
    r.appended.push(chain.values.length > 0 ? 1 : 0);
    r.eventCount.push(chain.eventCount);
    r.lastHash.push(chain.lastHash);
    r.supervisionLevel.push(c.supervisionLevel);
    r.warningLevel.push(c.warningLevel);
    r.leadDepartmentId.push(c.leadDepartmentId ?? null);
  }
  return { events: e.caseId.length, actor, at: now, eventCols: e, rowCols: r, movesLeads: changes.some((c) => c.leadDepartmentId !== undefined) };
}

/**
 * Appends each case's events to its chain (hashed here, as writeCaseChange does for one case) and sets its
 * supervision and warning levels, in two statements for all cases: one insert of every event, one update of every
 * row (a case with events gets a new chain head, updated_at and version; and its new lead, when given, in the same
 * update: a row updated twice in one transaction pays its indexes and foreign-key checks twice). Returns the number
 * of events written.
 */
export async function appendToChains(tx: Tx, changes: ChainAppend[] | PreparedChains, actor: Actor, now: Date): Promise<number> {
  const prepared = Array.isArray(changes) ? prepareChains(changes, actor, now) : changes;
  const e = prepared.eventCols;
  if (e.caseId.length) {
    const a = prepared.actor;
    await sql`
      INSERT INTO case_events (case_id, seq, type, actor_user_id, actor_department_id, actor_role, at, payload, prev_hash, hash)
      SELECT x.case_id, x.seq, x.type, ${a.userId}::integer, ${a.departmentId}::integer, ${a.role}::text, ${prepared.at.toISOString()}::timestamptz,
             x.payload::jsonb, x.prev_hash, x.hash
        FROM unnest(${intArray(e.caseId)}::bigint[], ${intArray(e.seq)}::integer[], ${textArray(e.type)}::text[], ${textArray(e.payload)}::text[],
                    ${textArray(e.prevHash)}::text[], ${textArray(e.hash)}::text[])
          AS x(case_id, seq, type, payload, prev_hash, hash)`.execute(tx);
  }
  const r = prepared.rowCols;
  if (r.id.length) {
    // Only a statement that moves leads names the column, so the sweep's updates leave the lead's triggers alone.
    const lead = prepared.movesLeads ? sql`lead_department_id = coalesce(x.lead_department_id, c.lead_department_id),` : sql``;
    await sql`
      UPDATE cases c
         SET ${lead} event_count = x.event_count, last_event_hash = x.last_hash, supervision_level = x.supervision_level,
             warning_level = x.warning_level,
             updated_at = CASE WHEN x.appended = 1 THEN ${prepared.at.toISOString()}::timestamptz ELSE c.updated_at END,
             version = c.version + x.appended
        FROM unnest(${intArray(r.id)}::bigint[], ${intArray(r.appended)}::integer[], ${intArray(r.eventCount)}::integer[], ${textArray(r.lastHash)}::text[],
                    ${textArray(r.supervisionLevel)}::text[], ${textArray(r.warningLevel)}::text[], ${intArray(r.leadDepartmentId)}::integer[])
          AS x(id, appended, event_count, last_hash, supervision_level, warning_level, lead_department_id)
       WHERE c.id = x.id`.execute(tx);
  }
  return prepared.events;
}

/** A whole case written at once (the demo's replayed cases): its row, assignments and events, which are hashed here. */
export interface CaseHistory {
  /** The case row's columns except the chain head (event_count, last_event_hash). */
  row: Record<string, unknown> & { id: number };
  assignments: Record<string, unknown>[];
  events: { seq: number; type: string; actor: Actor; at: Date; payload: Record<string, unknown> }[];
}

/** Writes whole cases with their hash-chained events and moves the id sequences past them. */
export async function insertCaseHistories(tx: Tx, histories: CaseHistory[]): Promise<{ events: number }> {
  const caseRows: Record<string, unknown>[] = [];
  const eventRows: Record<string, unknown>[] = [];
  for (const { row, events } of histories) {
    let prev = '';
    for (const e of events) {
      const hash = eventHash(prev, { caseId: row.id, seq: e.seq, type: e.type, actorUserId: e.actor.userId, actorDepartmentId: e.actor.departmentId, actorRole: e.actor.role, at: e.at, payload: e.payload });
      eventRows.push({
        case_id: row.id, seq: e.seq, type: e.type, actor_user_id: e.actor.userId, actor_department_id: e.actor.departmentId,
        actor_role: e.actor.role, at: e.at, payload: JSON.stringify(e.payload), prev_hash: prev, hash,
      });
      prev = hash;
    }
    caseRows.push({ ...row, event_count: events.length, last_event_hash: prev });
  }
  const assignments = histories.flatMap((h) => h.assignments);
  for (let i = 0; i < caseRows.length; i += 300) await tx.insertInto('cases').values(caseRows.slice(i, i + 300) as never).execute();
  for (let i = 0; i < assignments.length; i += 500) await tx.insertInto('assignments').values(assignments.slice(i, i + 500) as never).execute();
  for (let i = 0; i < eventRows.length; i += 500) await tx.insertInto('case_events').values(eventRows.slice(i, i + 500) as never).execute();
  await sql`SELECT setval(pg_get_serial_sequence('cases', 'id'), (SELECT max(id) FROM cases))`.execute(tx);
  await sql`SELECT setval(pg_get_serial_sequence('assignments', 'id'), greatest((SELECT max(id) FROM assignments), 1))`.execute(tx);
  return { events: eventRows.length };
}

/** What a unit merge moved: per case, the assignments that now belong to the successor. */
export interface UnitMergeMove {
  cases: number;
  assignments: number;
  caseIds: number[];
}

/**
 * A unit merged into another (organisation area, 单位合并): every open assignment (pending or signed) of `fromId`
 * moves to `toId`, the case's lead follows when the moved one is the current round's top-level lead, and each
 * affected case gets a `case.unit_merged` event on its chain. Set-based, four statements whatever the number of
 * cases: one read that locks the cases (and says whose lead follows), one update of the assignments, one insert of
 * the events, one update of the case rows (lead and chain head together). Runs in the caller's transaction.
 */
export async function moveOpenAssignments(tx: Tx, fromId: number, toId: number, effectiveOn: string, actor: Actor, now: Date): Promise<UnitMergeMove> {
  // The case's lead follows when its current round's open top-level lead is the one moving (replay.ts, 'case.unit_merged').
  const locked = await sql<{ id: string; event_count: number; last_event_hash: string; supervision_level: string; warning_level: WarningLevel; lead_follows: boolean }>`
    SELECT c.id, c.event_count, c.last_event_hash, c.supervision_level, c.warning_level,
           c.lead_department_id = ${fromId} AND EXISTS (
             SELECT 1 FROM assignments l
              WHERE l.case_id = c.id AND l.department_id = ${fromId} AND l.status IN ('pending', 'signed') AND l.role = 'lead'
                AND l.parent_assignment_id IS NULL AND l.round = c.round) AS lead_follows
      FROM cases c
     WHERE c.id IN (SELECT a.case_id FROM assignments a WHERE a.department_id = ${fromId} AND a.status IN ('pending', 'signed'))
     ORDER BY c.id FOR UPDATE`.execute(tx);
  if (!locked.rows.length) return { cases: 0, assignments: 0, caseIds: [] };
  const moved = await sql<{ id: string; case_id: string }>`
    UPDATE assignments SET department_id = ${toId}
     WHERE department_id = ${fromId} AND status IN ('pending', 'signed') RETURNING id, case_id`.execute(tx);
  const byCase = new Map<number, number[]>();
  for (const r of moved.rows) {
    const list = byCase.get(Number(r.case_id)) ?? [];
    list.push(Number(r.id));
    byCase.set(Number(r.case_id), list);
  }
  const changes: ChainAppend[] = locked.rows.filter((r) => byCase.has(Number(r.id))).map((r) => ({
    row: { id: Number(r.id), event_count: r.event_count, last_event_hash: r.last_event_hash },
    events: [{ type: 'case.unit_merged', payload: { fromDepartmentId: fromId, toDepartmentId: toId, assignmentIds: byCase.get(Number(r.id))!.sort((a, b) => a - b), effectiveOn } }],
    supervisionLevel: r.supervision_level,
    warningLevel: r.warning_level,
    ...(r.lead_follows ? { leadDepartmentId: toId } : {}),
  }));
  await appendToChains(tx, changes, actor, now);
  return { cases: changes.length, assignments: moved.rows.length, caseIds: changes.map((c) => c.row.id) };
}
