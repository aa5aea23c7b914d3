import { canonicalJson, eventHashWithPayload } from '../../../domain/audit/chain.js';
import type {
  Actor, AssignmentOp, AssignmentPatch, AssignmentSnapshot, CasePatch, CaseSnapshot, NewEvent,
} from '../../../domain/case/index.js';
import type { CaseKind, CaseStatus } from '../../../domain/case/status.js';
import type { AssignmentRow, CaseRow } from '../../db/schema.js';
import type { Tx } from '../../kernel/index.js';

// All SQL that writes a case lives here: the row, its assignments and its hash-chained events, in the caller's transaction.

export function toAssignmentSnapshot(a: AssignmentRow): AssignmentSnapshot {
  return {
    id: a.id,
    departmentId: a.department_id,
    role: a.role,
    round: a.round,
    status: a.status,
    signedAt: a.signed_at,
    opinionAt: a.opinion_at,
    opinionDeadline: a.opinion_deadline,
    replyDeadline: a.reply_deadline,
    returnRequestedAt: a.return_requested_at,
    parentId: a.parent_assignment_id ?? null,
  };
}

export function toSnapshot(row: CaseRow, kind: CaseKind, assignments: AssignmentRow[]): CaseSnapshot {
  return {
    id: row.id,
    status: row.status as CaseStatus,
    // The case's own type (诉求类型) drives its time limits; the category's kind only when a row has none.
    kind: row.case_type ?? kind,
    categoryId: row.category_id,
    urgency: row.urgency,
    acceptedAt: row.accepted_at,
    leadDepartmentId: row.lead_department_id,
    round: row.round,
    redoCount: row.redo_count,
    rating: row.rating,
    suspendedAt: row.suspended_at,
    replyDeadline: row.reply_deadline,
    ratingDeadline: row.rating_deadline,
    pendingExtensionUntil: row.pending_extension_until,
    assignments: assignments.map(toAssignmentSnapshot),
  };
}

/** Locks the case row for the rest of the transaction and loads what decide() needs. */
export async function lockCase(tx: Tx, id: number, kindOf: (categoryId: number) => CaseKind) {
  const row = await tx.selectFrom('cases').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) return undefined;
  const assignments = await tx.selectFrom('assignments').selectAll().where('case_id', '=', id).orderBy('id').execute();
  return { row, assignments, snapshot: toSnapshot(row, kindOf(row.category_id), assignments) };
}

export const casePatchColumns: Record<keyof CasePatch, string> = {
  status: 'status', acceptedAt: 'accepted_at', dispatchedAt: 'dispatched_at', signedAt: 'signed_at', repliedAt: 'replied_at',
  replyApprovedAt: 'reply_approved_at', ratedAt: 'rated_at', closedAt: 'closed_at', rejectedAt: 'rejected_at', mergedAt: 'merged_at',
  rejectReason: 'reject_reason', duplicateOf: 'duplicate_of', leadDepartmentId: 'lead_department_id', round: 'round',
  redoCount: 'redo_count', replyText: 'reply_text', replyBy: 'reply_by', rating: 'rating', ratingComment: 'rating_comment',
  redoRequested: 'redo_requested', suspendedAt: 'suspended_at', suspendReason: 'suspend_reason', replyDeadline: 'reply_deadline',
  ratingDeadline: 'rating_deadline', pendingExtensionUntil: 'pending_extension_until', pendingExtensionReason: 'pending_extension_reason',
  supervisionLevel: 'supervision_level',
};

const assignmentPatchColumns: Record<keyof AssignmentPatch, string> = {
  status: 'status', signedAt: 'signed_at', opinion: 'opinion', opinionAt: 'opinion_at', replyDeadline: 'reply_deadline',
  opinionDeadline: 'opinion_deadline', returnReason: 'return_reason', returnBasis: 'return_basis',
  returnRequestedAt: 'return_requested_at', closedAt: 'closed_at',
};

export function toColumns(patch: object, names: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(patch)) if (v !== undefined) out[names[k]] = v;
  return out;
}

export async function applyAssignmentOps(tx: Tx, caseId: number, ops: AssignmentOp[]): Promise<void> {
  const created = ops.flatMap((op) => (op.op === 'create' ? [op.assignment] : []));
  if (created.length) {
    await tx.insertInto('assignments').values(created.map((a) => ({
      case_id: caseId, department_id: a.departmentId, role: a.role, round: a.round, status: 'pending' as const,
      dispatched_at: a.dispatchedAt, sign_deadline: a.signDeadline, opinion_deadline: a.opinionDeadline, reply_deadline: a.replyDeadline,
      parent_assignment_id: a.parentId ?? null,
    }))).execute();
  }
  for (const op of ops) {
    if (op.op === 'update') {
      await tx.updateTable('assignments').set(toColumns(op.patch, assignmentPatchColumns)).where('id', '=', op.id).where('case_id', '=', caseId).execute();
    }
  }
}

const deadlineColumns = { signDeadline: 'sign_deadline', opinionDeadline: 'opinion_deadline', replyDeadline: 'reply_deadline' } as const;

/** Moves an assignment's stored deadlines (a calendar or policy change recomputed them; the event is the caller's). */
export async function setAssignmentDeadlines(
  tx: Tx, caseId: number, assignmentId: number, deadlines: Partial<Record<keyof typeof deadlineColumns, Date>>,
): Promise<void> {
  const set = toColumns(deadlines, deadlineColumns);
  if (!Object.keys(set).length) return;
  await tx.updateTable('assignments').set(set).where('id', '=', assignmentId).where('case_id', '=', caseId).execute();
}

/** Sets the case's supervision level (derived from its supervision orders by the supervision area). */
export async function setSupervisionLevel(tx: Tx, caseId: number, level: CaseRow['supervision_level']): Promise<void> {
  await tx.updateTable('cases').set({ supervision_level: level }).where('id', '=', caseId).execute();
}

/** Event rows that extend a case's chain, with the chain's new length and head. */
export function chainEvents(row: Pick<CaseRow, 'id' | 'event_count' | 'last_event_hash'>, events: NewEvent[], actor: Actor, now: Date) {
  let prev = row.last_event_hash;
  let seq = row.event_count;
  const values = events.map((e) => {
    seq += 1;
    const content = {
      caseId: row.id, seq, type: e.type, actorUserId: actor.userId, actorDepartmentId: actor.departmentId,
      actorRole: actor.role, at: now, payload: e.payload,
    };
    // The stored payload is the hashed text (jsonb keeps the same value whatever the key order).
    const payload = canonicalJson(e.payload);
    const hash = eventHashWithPayload(prev, content, payload);
    const value = {
      case_id: row.id, seq, type: e.type, actor_user_id: actor.userId, actor_department_id: actor.departmentId,
      actor_role: actor.role, at: now, payload, prev_hash: prev, hash,
    };
    prev = hash;
    return value;
  });
  return { values, eventCount: seq, lastHash: prev };
}

/**
 * Appends events to the case's chain and updates the row, so the row's event_count and last_event_hash always
 * match the chain. `row` is the locked row.
 */
export async function writeCaseChange(
  tx: Tx,
  row: Pick<CaseRow, 'id' | 'event_count' | 'last_event_hash'>,
  patch: CasePatch,
  events: NewEvent[],
  actor: Actor,
  now: Date,
): Promise<void> {
  const chain = chainEvents(row, events, actor, now);
  if (chain.values.length) await tx.insertInto('case_events').values(chain.values).execute();
  await tx
    .updateTable('cases')
    .set({ ...toColumns(patch, casePatchColumns), updated_at: now, event_count: chain.eventCount, last_event_hash: chain.lastHash })
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', row.id)
    .execute();
}
