import type { CaseEvent, EventPayload } from '../events/catalogue.js';
import { classifyStatus } from '../import/values.js';
import { caseSupervisionLevel, type SupervisionLevel } from '../supervision/case-level.js';
import type { OrderLevel } from '../supervision/types.js';
import type { CaseKind, CaseStatus, Rating, Urgency } from './status.js';
import type { AssignmentRole, AssignmentStatus } from './types.js';

// The state of a case row and its assignment rows as its events determine it: a pure fold over the chain, used by
// `audit verify` to compare every row with its history. Each field is derived from event payloads, the event's
// instant and its actor exactly as the writers (decide() through the cases repository, supervision orders, the SLA
// sweep, deadline recomputation, import) set the column. A value the events do not carry (a deadline decide()
// computed from the calendar and did not record) is marked unknown and not compared, until a later event sets it.

/** One stored event with what the fold reads besides its payload. */
export type ReplayEvent = CaseEvent & { at: Date; actorUserId: number | null };

/** The case columns the fold derives, by column name. */
export interface ReplayedCase {
  status: CaseStatus;
  urgency: Urgency;
  /** 诉求类型: from case.created; a case registered before the payload carried it is not compared (backfilled). */
  case_type: CaseKind;
  rating: Rating | null;
  rating_comment: string | null;
  redo_requested: boolean;
  reply_text: string | null;
  reply_by: number | null;
  reject_reason: string | null;
  duplicate_of: number | null;
  lead_department_id: number | null;
  round: number;
  redo_count: number;
  supervision_level: SupervisionLevel;
  suspended_at: Date | null;
  suspend_reason: string | null;
  pending_extension_until: Date | null;
  pending_extension_reason: string | null;
  reply_deadline: Date | null;
  rating_deadline: Date | null;
  accepted_at: Date | null;
  dispatched_at: Date | null;
  signed_at: Date | null;
  replied_at: Date | null;
  reply_approved_at: Date | null;
  rated_at: Date | null;
  closed_at: Date | null;
  rejected_at: Date | null;
  merged_at: Date | null;
}
export type CaseField = keyof ReplayedCase;

/** The assignment columns the fold derives. */
export interface ReplayedAssignment {
  id: number;
  department_id: number;
  role: AssignmentRole;
  round: number;
  status: AssignmentStatus;
  parent_assignment_id: number | null;
  dispatched_at: Date;
  sign_deadline: Date | null;
  signed_at: Date | null;
  opinion_at: Date | null;
  reply_deadline: Date | null;
  opinion_deadline: Date | null;
  return_requested_at: Date | null;
  closed_at: Date | null;
}
export type AssignmentField = keyof ReplayedAssignment;

export interface Replay {
  row: ReplayedCase;
  /** Fields the events do not determine for this case (not compared). */
  unknown: Set<CaseField>;
  assignments: ReplayedAssignment[];
  /** Per assignment id: fields not determined. */
  unknownOf: Map<number, Set<AssignmentField>>;
  /** Events that do not fit the history (an assignment id that was never created…), in words. */
  problems: string[];
}

const deadlineFields: AssignmentField[] = ['sign_deadline', 'reply_deadline', 'opinion_deadline'];

function initialRow(): ReplayedCase {
  return {
    status: 'submitted', urgency: 'normal', case_type: 'complaint', rating: null, rating_comment: null, redo_requested: false, reply_text: null, reply_by: null,
    reject_reason: null, duplicate_of: null, lead_department_id: null, round: 0, redo_count: 0, supervision_level: 'none',
    suspended_at: null, suspend_reason: null, pending_extension_until: null, pending_extension_reason: null, reply_deadline: null,
    rating_deadline: null, accepted_at: null, dispatched_at: null, signed_at: null, replied_at: null, reply_approved_at: null,
    rated_at: null, closed_at: null, rejected_at: null, merged_at: null,
  };
}

const instant = (iso: string | null | undefined): Date | null => (iso == null ? null : new Date(iso));
const isLive = (a: ReplayedAssignment) => a.status !== 'returned' && a.status !== 'cancelled';

/**
 * Folds a case's events (in seq order) into the row state they determine. `assignmentIds` are the ids of the case's
 * assignment rows in ascending order: assignments get ids in the order they were created, as the writers insert
 * them, so an event naming an assignment id can be applied to the right one.
 */
export function replayCase(events: readonly ReplayEvent[], assignmentIds: readonly number[] = []): Replay {
  const row = initialRow();
  const unknown = new Set<CaseField>();
  const assignments: ReplayedAssignment[] = [];
  const unknownOf = new Map<number, Set<AssignmentField>>();
  const problems: string[] = [];
  const pool = [...assignmentIds];
  let spare = -1;
  const orders = new Map<number, { level: OrderLevel; closed: boolean }>();

  const setDeadline = (field: 'reply_deadline', iso: string | null | undefined) => {
    if (iso === undefined) unknown.add(field);
    else {
      unknown.delete(field);
      row[field] = instant(iso);
    }
  };
  const markUnknown = (a: ReplayedAssignment, field: AssignmentField) => unknownOf.get(a.id)!.add(field);
  const setKnown = (a: ReplayedAssignment, field: 'sign_deadline' | 'reply_deadline' | 'opinion_deadline', value: Date | null | undefined) => {
    if (value === undefined) markUnknown(a, field);
    else {
      a[field] = value;
      unknownOf.get(a.id)!.delete(field);
    }
  };
  const create = (
    at: Date, departmentId: number, role: AssignmentRole, round: number, parentId: number | null,
    deadlines: { sign?: Date | null; reply?: Date | null; opinion?: Date | null },
  ): ReplayedAssignment => {
    const a: ReplayedAssignment = {
      id: pool.shift() ?? spare--, department_id: departmentId, role, round, status: 'pending', parent_assignment_id: parentId,
      dispatched_at: at, sign_deadline: null, signed_at: null, opinion_at: null, reply_deadline: null, opinion_deadline: null,
      return_requested_at: null, closed_at: null,
    };
    assignments.push(a);
    unknownOf.set(a.id, new Set());
    setKnown(a, 'sign_deadline', deadlines.sign);
    setKnown(a, 'reply_deadline', deadlines.reply);
    setKnown(a, 'opinion_deadline', deadlines.opinion);
    return a;
  };
  const createRound = (at: Date, leadId: number, coIds: number[], round: number, replyDeadline: Date | null | undefined) => {
    // decide(): the lead's reply deadline is recorded (when the payload has it); sign and opinion deadlines are not.
    create(at, leadId, 'lead', round, null, { reply: replyDeadline, opinion: null });
    for (const id of coIds) create(at, id, 'co', round, null, { reply: null });
  };
  const byId = (e: ReplayEvent, id: number): ReplayedAssignment | undefined => {
    const a = assignments.find((x) => x.id === id);
    if (!a) problems.push(`${e.type} names assignment ${id}, which its history never created`);
    return a;
  };
  const close = (a: ReplayedAssignment, status: AssignmentStatus, at: Date) => {
    a.status = status;
    a.closed_at = at;
  };
  const liveChildren = (parentId: number) => assignments.filter((a) => a.parent_assignment_id === parentId && a.round === row.round && isLive(a));
  const lead = () => assignments.find((a) => a.role === 'lead' && a.parent_assignment_id == null && a.round === row.round && isLive(a));
  const refreshLevel = () => {
    const open = [...orders.values()].filter((o) => !o.closed).map((o) => o.level);
    row.supervision_level = caseSupervisionLevel(row.supervision_level, open, orders.size > 0);
  };

  for (const e of events) {
    const at = e.at;
    switch (e.type) {
      case 'case.created':
        row.urgency = e.payload.urgency;
        if (e.payload.caseType) row.case_type = e.payload.caseType;
        else unknown.add('case_type');
        break;
      case 'case.accepted':
        row.accepted_at = at;
        break;
      case 'case.rejected':
        Object.assign(row, { status: 'rejected', rejected_at: at, reject_reason: e.payload.reason });
        break;
      case 'case.merged':
        Object.assign(row, { status: 'merged', merged_at: at, duplicate_of: e.payload.duplicateOf });
        break;
      case 'case.dispatched': {
        const p = e.payload;
        Object.assign(row, { status: 'dispatched', accepted_at: row.accepted_at ?? at, dispatched_at: at, lead_department_id: p.leadDepartmentId, round: p.round });
        setDeadline('reply_deadline', p.replyDeadline);
        createRound(at, p.leadDepartmentId, p.coDepartmentIds, p.round, p.replyDeadline === undefined ? undefined : instant(p.replyDeadline));
        break;
      }
      case 'case.signed': {
        const a = byId(e, e.payload.assignmentId);
        if (!a) break;
        if (a.role === 'lead' && a.parent_assignment_id == null) Object.assign(row, { status: 'handling', signed_at: at });
        a.status = 'signed';
        a.signed_at = at;
        break;
      }
      case 'case.return_requested': {
        const a = byId(e, e.payload.assignmentId);
        if (a) a.return_requested_at = at;
        break;
      }
      case 'case.return_approved':
        returnApproved(e.payload, at);
        break;
      case 'case.return_denied': {
        const a = byId(e, e.payload.assignmentId);
        if (a) a.return_requested_at = null;
        break;
      }
      case 'case.extension_requested':
        Object.assign(row, { pending_extension_until: instant(e.payload.until), pending_extension_reason: e.payload.reason });
        break;
      case 'case.extension_approved': {
        const until = instant(e.payload.until);
        const l = lead();
        Object.assign(row, { pending_extension_until: null, pending_extension_reason: null });
        setDeadline('reply_deadline', e.payload.until);
        if (l) setKnown(l, 'reply_deadline', until);
        break;
      }
      case 'case.extension_denied':
        Object.assign(row, { pending_extension_until: null, pending_extension_reason: null });
        break;
      case 'case.suspended':
        Object.assign(row, { suspended_at: at, suspend_reason: e.payload.reason });
        break;
      case 'case.resumed': {
        Object.assign(row, { suspended_at: null, suspend_reason: null });
        setDeadline('reply_deadline', e.payload.replyDeadline);
        // The open assignments' deadlines moved by the paused working time, which the payload does not record.
        for (const a of assignments) {
          if (a.round !== row.round || (a.status !== 'pending' && a.status !== 'signed')) continue;
          if (a.reply_deadline || unknownOf.get(a.id)!.has('reply_deadline')) markUnknown(a, 'reply_deadline');
          if (a.opinion_deadline || unknownOf.get(a.id)!.has('opinion_deadline')) markUnknown(a, 'opinion_deadline');
        }
        break;
      }
      case 'case.opinion_given': {
        const a = byId(e, e.payload.assignmentId);
        if (a) {
          close(a, 'done', at);
          a.opinion_at = at;
        }
        break;
      }
      case 'case.replied':
        Object.assign(row, { status: 'replied', replied_at: at, reply_text: e.payload.text, reply_by: e.actorUserId });
        break;
      case 'case.reply_approved': {
        const l = lead();
        Object.assign(row, { status: 'awaiting_rating', reply_approved_at: at, rating_deadline: instant(e.payload.ratingDeadline) });
        if (l) close(l, 'done', at);
        break;
      }
      case 'case.sent_back':
        Object.assign(row, { status: 'handling', replied_at: null });
        break;
      case 'case.rated': {
        const p = e.payload;
        Object.assign(row, { rating: p.rating, rating_comment: p.comment, rated_at: at });
        if (p.rating === 'unsatisfied') row.redo_requested = p.wantsRedo;
        break;
      }
      case 'case.redone': {
        const p = e.payload;
        Object.assign(row, {
          status: 'dispatched', round: p.round, redo_count: row.redo_count + 1, dispatched_at: at, rating: null, rating_comment: null,
          rated_at: null, redo_requested: false, reply_text: null, reply_by: null, replied_at: null, reply_approved_at: null, rating_deadline: null,
        });
        setDeadline('reply_deadline', p.replyDeadline);
        createRound(at, p.leadDepartmentId, p.coDepartmentIds, p.round, p.replyDeadline === undefined ? undefined : instant(p.replyDeadline));
        break;
      }
      case 'case.closed':
        Object.assign(row, { status: 'closed', closed_at: at });
        break;
      case 'case.answered_directly':
        Object.assign(row, {
          status: 'closed', accepted_at: row.accepted_at ?? at, replied_at: at, reply_approved_at: at, reply_text: e.payload.answer,
          reply_by: e.actorUserId, closed_at: at,
        });
        break;
      case 'case.instructed':
        row.supervision_level = 'instruction';
        break;
      case 'case.sub_dispatched': {
        const p = e.payload;
        const replyBy = instant(p.replyDeadline);
        if (!assignments.some((a) => a.id === p.parentAssignmentId)) problems.push(`${e.type} names assignment ${p.parentAssignmentId}, which its history never created`);
        // The town's sign and co-handlers' opinion deadlines are the earlier of a policy's and the part's deadline.
        create(at, p.leadDepartmentId, 'lead', row.round, p.parentAssignmentId, { reply: replyBy, opinion: null });
        for (const id of p.coDepartmentIds) create(at, id, 'co', row.round, p.parentAssignmentId, { reply: null });
        break;
      }
      case 'case.sub_replied': {
        const a = byId(e, e.payload.assignmentId);
        if (!a) break;
        const siblings = a.parent_assignment_id == null ? [] : liveChildren(a.parent_assignment_id).filter((c) => c.role === 'co' && c.status !== 'done');
        close(a, 'done', at);
        a.opinion_at = at;
        for (const c of siblings) close(c, 'done', at);
        break;
      }
      case 'case.called_in': {
        const p = e.payload;
        create(at, p.departmentId, 'co', row.round, null, { sign: instant(p.signDeadline), opinion: instant(p.opinionDeadline), reply: null });
        break;
      }
      case 'case.urged':
        if (row.supervision_level === 'none') row.supervision_level = 'urged';
        break;
      case 'case.order_issued':
        orders.set(e.payload.orderId, { level: e.payload.level, closed: false });
        refreshLevel();
        break;
      case 'case.order_raised': {
        orders.set(e.payload.orderId, { level: e.payload.to, closed: false });
        refreshLevel();
        break;
      }
      case 'case.order_answered':
        refreshLevel();
        break;
      case 'case.order_closed': {
        const o = orders.get(e.payload.orderId);
        if (o) o.closed = true;
        else problems.push(`${e.type} names order ${e.payload.orderId}, which its history never issued`);
        refreshLevel();
        break;
      }
      case 'case.deadlines_recomputed': {
        // recompute-deadlines.ts: the first open lead of the round (by id) carries the case's deadline.
        const l = assignments.find((a) => a.round === row.round && (a.status === 'pending' || a.status === 'signed') && a.role === 'lead');
        for (const c of e.payload.changes) {
          const a = byId(e, c.assignmentId);
          if (!a) continue;
          const field = c.field === 'signDeadline' ? 'sign_deadline' : c.field === 'replyDeadline' ? 'reply_deadline' : 'opinion_deadline';
          // The case's deadline follows its lead's when it was the same (recompute-deadlines.ts).
          if (field === 'reply_deadline' && a === l && !unknown.has('reply_deadline') && (row.reply_deadline?.toISOString() ?? null) === c.from) {
            row.reply_deadline = instant(c.to);
          }
          setKnown(a, field, instant(c.to));
        }
        break;
      }
      case 'case.imported':
        imported(e.payload);
        break;
      case 'case.unit_merged': {
        // bulk-writes.ts moveOpenAssignments: the open assignments move; the case's lead follows its current lead.
        const p = e.payload;
        const current = lead();
        for (const id of p.assignmentIds) {
          const a = byId(e, id);
          if (a) a.department_id = p.toDepartmentId;
        }
        if (current && p.assignmentIds.includes(current.id) && row.lead_department_id === p.fromDepartmentId) row.lead_department_id = p.toDepartmentId;
        break;
      }
      case 'case.merge_received':
      case 'case.warned':
      case 'case.escalated':
      case 'case.publication_approved':
      case 'case.publication_rejected':
      case 'case.publication_withdrawn':
      case 'case.assessment_excluded':
      case 'case.import_updated':
        break;
      default: {
        const never: never = e;
        problems.push(`unknown event type ${(never as { type: string }).type}`);
      }
    }
  }
  return { row, unknown, assignments, unknownOf, problems };

  function returnApproved(p: EventPayload<'case.return_approved'>, at: Date) {
    const a = assignments.find((x) => x.id === p.assignmentId);
    if (!a) {
      problems.push(`case.return_approved names assignment ${p.assignmentId}, which its history never created`);
      return;
    }
    const children = liveChildren(a.id);
    const siblings = a.parent_assignment_id != null && a.role === 'lead' && !p.newLeadDepartmentId
      ? liveChildren(a.parent_assignment_id).filter((c) => c.id !== a.id) : [];
    close(a, 'returned', at);
    for (const c of children) close(c, 'cancelled', at);
    if (a.parent_assignment_id != null) {
      // A town's return decided by its district: a new town inside the same deadline, or the district keeps it.
      for (const c of siblings) close(c, 'cancelled', at);
      if (a.role === 'lead' && p.newLeadDepartmentId) {
        create(at, p.newLeadDepartmentId, 'lead', row.round, a.parent_assignment_id, { reply: instant(p.replyDeadline), opinion: null });
      }
      return;
    }
    if (a.role === 'co' || !p.newLeadDepartmentId) return;
    Object.assign(row, { status: 'dispatched', lead_department_id: p.newLeadDepartmentId, dispatched_at: at, pending_extension_until: null, pending_extension_reason: null });
    setDeadline('reply_deadline', p.replyDeadline);
    create(at, p.newLeadDepartmentId, 'lead', row.round, null, { reply: p.replyDeadline === undefined ? undefined : instant(p.replyDeadline), opinion: null });
  }

  /**
   * An imported record's history (plan-case.ts planNewCase; a changed record again through write-batch.ts planUpdate,
   * revision ≥ 2, which keeps the reject reason and replaces the finished lead assignment). The source's state is
   * read from its status text as the import read it: rejected when classifyStatus says so, otherwise finished.
   */
  function imported(p: EventPayload<'case.imported'>) {
    const rejected = classifyStatus(p.sourceStatus ?? null) === 'rejected';
    const finished = !rejected;
    const created = new Date(p.createdAt);
    const closedAt = instant(p.closedAt);
    const leadId = finished ? p.departmentId ?? null : null;
    Object.assign(row, {
      status: finished ? 'closed' : 'rejected', lead_department_id: leadId, round: leadId ? 1 : 0,
      reply_text: finished ? p.reply ?? null : null, rating: finished ? p.rating ?? null : null,
      accepted_at: finished ? created : null, dispatched_at: leadId ? created : null,
      replied_at: finished ? instant(p.repliedAt) : null, reply_approved_at: finished ? instant(p.repliedAt) : null,
      rated_at: finished && p.rating ? closedAt : null, closed_at: finished ? closedAt : null,
      rejected_at: rejected ? closedAt ?? created : null,
    });
    if (p.revision === undefined) {
      row.urgency = 'normal';
      if (p.caseType) row.case_type = p.caseType;
      else unknown.add('case_type');
      row.reject_reason = rejected ? p.reply ?? `原系统状态：${p.sourceStatus ?? '不予受理'}` : null;
    }
    // The finished lead assignment is replaced: ids of deleted rows go back to the pool (they are gone from the table).
    for (let i = assignments.length - 1; i >= 0; i--) {
      if (assignments[i].status !== 'done') continue;
      pool.unshift(assignments[i].id);
      unknownOf.delete(assignments[i].id);
      assignments.splice(i, 1);
    }
    if (leadId) {
      const a = create(created, leadId, 'lead', 1, null, { sign: created, reply: null, opinion: null });
      close(a, 'done', closedAt as Date);
    }
  }
}

/** The assignment fields compared, in report order. */
export const assignmentFields: AssignmentField[] = [
  'department_id', 'role', 'round', 'status', 'parent_assignment_id', 'dispatched_at', 'signed_at', 'opinion_at', 'return_requested_at',
  'closed_at', ...deadlineFields,
];

/** The case fields compared, in report order. */
export const caseFields: CaseField[] = Object.keys(initialRow()) as CaseField[];
