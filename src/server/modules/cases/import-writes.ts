import { hash as sha256 } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';
import type { ChainedContent } from '../../../domain/audit/chain.js';
import type { ImportedAssignment, ImportedCasePatch } from '../../../domain/case/decide-imported.js';
import type { Actor, NewEvent } from '../../../domain/case/types.js';
import type { CaseRow } from '../../db/schema.js';
import type { Tx } from '../../kernel/index.js';
import { chainEvents, toColumns } from './repository.js';

// The cases writer's part of an import: what decideImported() returned, persisted. New cases of a batch go in as one
// jsonb array of arrays per table (`jsonb_array_elements`, portable across PGlite and PostgreSQL) in one statement:
// positional values cost the server about 15% less than json_to_recordset's objects for the same inserts (measured;
// docs/import.md), and the text is shorter. The import area plans the rows (plan-case.ts) in the column orders below.

export type Columns = readonly (readonly [string, string])[];

export const caseColumns = [
  ['id', 'bigint'], ['code', 'text'], ['title', 'text'], ['description', 'text'], ['category_id', 'integer'], ['channel', 'text'],
  ['urgency', 'text'], ['status', 'text'], ['submitter_name', 'text'], ['submitter_phone', 'text'], ['enterprise_name', 'text'],
  ['district_id', 'integer'], ['address', 'text'], ['lead_department_id', 'integer'], ['round', 'integer'], ['reply_text', 'text'],
  ['rating', 'text'], ['reject_reason', 'text'], ['created_by', 'integer'], ['created_at', 'timestamptz'],
  ['accepted_at', 'timestamptz'], ['dispatched_at', 'timestamptz'], ['replied_at', 'timestamptz'], ['reply_approved_at', 'timestamptz'],
  ['rated_at', 'timestamptz'], ['closed_at', 'timestamptz'], ['rejected_at', 'timestamptz'], ['updated_at', 'timestamptz'],
  ['version', 'integer'], ['event_count', 'integer'], ['last_event_hash', 'text'], ['is_public', 'boolean'],
  ['case_type', 'text'],
] as const;

export const eventColumns = [
  ['case_id', 'bigint'], ['seq', 'integer'], ['type', 'text'], ['actor_user_id', 'integer'], ['actor_department_id', 'integer'],
  ['actor_role', 'text'], ['at', 'timestamptz'], ['payload', 'jsonb'], ['prev_hash', 'text'], ['hash', 'text'],
] as const;

export const assignmentColumns = [
  ['case_id', 'bigint'], ['department_id', 'integer'], ['role', 'text'], ['round', 'integer'], ['status', 'text'],
  ['dispatched_at', 'timestamptz'], ['sign_deadline', 'timestamptz'], ['closed_at', 'timestamptz'],
] as const;

/** ImportedCasePatch field → cases column. */
export const importedPatchColumns: Record<keyof ImportedCasePatch, string> = {
  status: 'status', title: 'title', description: 'description', categoryId: 'category_id', submitterName: 'submitter_name',
  submitterPhone: 'submitter_phone', enterpriseName: 'enterprise_name', districtId: 'district_id', address: 'address',
  leadDepartmentId: 'lead_department_id', round: 'round', replyText: 'reply_text', rating: 'rating', isPublic: 'is_public',
  rejectReason: 'reject_reason', acceptedAt: 'accepted_at', dispatchedAt: 'dispatched_at', repliedAt: 'replied_at',
  replyApprovedAt: 'reply_approved_at', ratedAt: 'rated_at', closedAt: 'closed_at', rejectedAt: 'rejected_at',
};

/** `SELECT <typed columns> FROM jsonb_array_elements($1)`: one parameter holding the rows as arrays in column order. */
export function rowsFrom(columns: Columns, json: string, where?: RawBuilder<unknown>): RawBuilder<unknown> {
  const values = columns.map(([, type], i) => (type === 'jsonb' ? `r->${i}` : type === 'text' ? `r->>${i}` : `(r->>${i})::${type}`));
  return sql`SELECT ${sql.raw(values.join(', '))} FROM jsonb_array_elements(${json}::jsonb) AS r${where ?? sql``}`;
}

export function names(columns: Columns) {
  return sql.raw(columns.map(([c]) => c).join(', '));
}

/**
 * Writes new imported cases with their first event and lead assignment in one statement (data-modifying CTEs: one
 * round trip; the foreign keys are checked at its end). `json` holds the rows in the column orders above (case id
 * first in every row). A case whose tracking code clashes with an earlier one is left out with its event and
 * assignment. `alongside` is one more data-modifying query run in the same statement, which may read `c` (the ids
 * written): the import area's own index rows. Returns the ids written.
 */
export async function insertImportedCases(
  tx: Tx, json: { cases: string; events: string; assignments: string }, alongside?: RawBuilder<unknown>,
): Promise<Set<number>> {
  const rows = await sql<{ id: number }>`WITH c AS (
      INSERT INTO cases (${names(caseColumns)}) ${rowsFrom(caseColumns, json.cases)} ON CONFLICT (code) DO NOTHING RETURNING id
    ), e AS (
      INSERT INTO case_events (${names(eventColumns)}) ${rowsFrom(eventColumns, json.events, sql` WHERE (r->>0)::bigint IN (SELECT id FROM c)`)}
    ), a AS (
      INSERT INTO assignments (${names(assignmentColumns)}) ${rowsFrom(assignmentColumns, json.assignments, sql` WHERE (r->>0)::bigint IN (SELECT id FROM c)`)}
    )${alongside ? sql`, alongside AS (${alongside})` : sql``}
    SELECT id FROM c`.execute(tx);
  return new Set(rows.rows.map((r) => Number(r.id)));
}

/** What every first event of a batch shares: the actor and the instant, as canonical JSON text. */
export interface EventStamp {
  actor: Actor;
  at: string;
  /** `{"actorDepartmentId":…,"actorRole":…,"actorUserId":…,"at":…,"caseId":` */
  prefix: string;
  /** The actor_user_id, actor_department_id, actor_role and at values of the event row, as JSON, in column order. */
  columns: string;
}

export function eventStamp(actor: Actor, now: Date): EventStamp {
  const at = now.toISOString();
  const j = JSON.stringify;
  return {
    actor, at,
    prefix: `{"actorDepartmentId":${j(actor.departmentId)},"actorRole":${j(actor.role)},"actorUserId":${j(actor.userId)},"at":${j(at)},"caseId":`,
    columns: `${j(actor.userId)},${j(actor.departmentId)},${j(actor.role)},${j(at)}`,
  };
}

/**
 * A new case's first event as a row (JSON text in eventColumns order) with its hash, computed as eventHash('',
 * content) without sorting keys at run time: the content's keys are in sorted order and the payload's keys must be
 * too (decideImported writes them so), so this text is canonicalJson's. The import checks it against eventHash for
 * each event type of every batch (planCreates).
 */
export function firstEventRow(stamp: EventStamp, caseId: number, type: string, payloadJson: string): { hash: string; eventJson: string } {
  const hash = sha256('sha256', `\n${stamp.prefix}${caseId},"payload":${payloadJson},"seq":1,"type":${JSON.stringify(type)}}`);
  // case_id, seq, type, actor_user_id, actor_department_id, actor_role, at, payload, prev_hash, hash
  return { hash, eventJson: `[${caseId},1,${JSON.stringify(type)},${stamp.columns},${payloadJson},"","${hash}"]` };
}

/** The content of a first event as eventHash takes it (for the check). */
export function firstEventContent(stamp: EventStamp, caseId: number, type: string, payload: unknown): ChainedContent {
  const { actor } = stamp;
  return { caseId, seq: 1, type, actorUserId: actor.userId, actorDepartmentId: actor.departmentId, actorRole: actor.role, at: new Date(stamp.at), payload };
}

/**
 * The assignment row of an imported lead assignment. No clock runs on it (it is done): its assignment_sla row starts
 * with no check instant, so it stays out of the SLA sweep's queue (migration 0065).
 */
export function importedAssignmentRow(caseId: number, a: ImportedAssignment) {
  return {
    case_id: caseId, department_id: a.departmentId, role: a.role, round: a.round, status: a.status, dispatched_at: a.dispatchedAt,
    sign_deadline: a.signDeadline, closed_at: a.closedAt,
  };
}

/**
 * A record imported again changed its case (decideImported with the case as it stands): the event is appended to
 * the chain, the row takes the patch (only if no one appended to the chain since it was read), and the finished
 * lead assignment is replaced by the decided one.
 */
export async function writeImportedUpdate(
  tx: Tx,
  row: Pick<CaseRow, 'id' | 'event_count' | 'last_event_hash'>,
  decision: { patch: ImportedCasePatch; assignment: ImportedAssignment | null; events: NewEvent[] },
  actor: Actor,
  now: Date,
): Promise<void> {
  const chain = chainEvents(row, decision.events, actor, now);
  if (chain.values.length) await tx.insertInto('case_events').values(chain.values).execute();
  await tx.updateTable('cases')
    .set({ ...toColumns(decision.patch, importedPatchColumns), updated_at: now, event_count: chain.eventCount, last_event_hash: chain.lastHash })
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', row.id).where('event_count', '=', row.event_count).execute();
  await tx.deleteFrom('assignments').where('case_id', '=', row.id).where('status', '=', 'done').execute();
  if (decision.assignment) await tx.insertInto('assignments').values(importedAssignmentRow(row.id, decision.assignment)).execute();
}
