import { exhaustive, type CaseEvent } from '../../../domain/events/catalogue.js';

// Who is concerned by a case event: a pure mapping from the event to an audience (departments' staff and/or
// the supervision office). The worker turns the audience into users.

/** The events the outbox holds are catalogue events (the trigger enqueues notifyingEventTypes). */
export type NotifiableEvent = CaseEvent;

export interface CaseContext {
  leadDepartmentId: number | null;
}

export interface Audience {
  /** Handlers and heads of these departments. */
  departmentIds: number[];
  /** Every supervisor (督办员). */
  supervisors: boolean;
  /** The case's submitter, by text message to the phone they gave (merges). */
  submitter?: boolean;
}

const nobody: Audience = { departmentIds: [], supervisors: false };

function ids(...values: (number | null | undefined | readonly number[])[]): number[] {
  const out: number[] = [];
  for (const v of values.flat()) if (typeof v === 'number' && Number.isInteger(v) && v > 0 && !out.includes(v)) out.push(v);
  return out;
}

export function audienceFor(event: NotifiableEvent, ctx: CaseContext): Audience {
  const e = event;
  switch (e.type) {
    // A new assignment: the departments that must now sign.
    case 'case.dispatched':
    case 'case.redone':
    case 'case.sub_dispatched':
      return { departmentIds: ids(e.payload.leadDepartmentId, e.payload.coDepartmentIds), supervisors: false };
    case 'case.called_in':
      return { departmentIds: ids(e.payload.departmentId), supervisors: false };
    // A town's report goes to the district that dispatched it on.
    case 'case.sub_replied':
      return { departmentIds: ids(e.payload.parentDepartmentId), supervisors: false };
    case 'case.return_approved':
      // Only an approved lead return creates a new assignment; a co-handler simply leaves.
      return e.payload.role === 'lead' ? { departmentIds: ids(e.payload.newLeadDepartmentId), supervisors: false } : nobody;
    // A town returns to its district; everyone else to the supervision office.
    case 'case.return_requested':
      return e.payload.parentDepartmentId != null ? { departmentIds: ids(e.payload.parentDepartmentId), supervisors: false } : { departmentIds: [], supervisors: true };
    // The department concerned.
    case 'case.warned':
    case 'case.urged':
    case 'case.order_issued':
      return { departmentIds: ids(e.payload.departmentId ?? ctx.leadDepartmentId), supervisors: false };
    case 'case.order_raised':
      // Raises written before the payload named the department: the order went to the lead department.
      return { departmentIds: ids(e.payload.departmentId ?? ctx.leadDepartmentId), supervisors: false };
    // Work waiting for the supervision office.
    case 'case.escalated':
    case 'case.extension_requested':
    case 'case.replied':
    case 'case.order_answered':
      return { departmentIds: [], supervisors: true };
    // Both submitters of a merge learn which case now carries their problem.
    case 'case.merged':
    case 'case.merge_received':
      return { departmentIds: [], supervisors: false, submitter: true };
    case 'case.instructed':
      return { departmentIds: ids(ctx.leadDepartmentId), supervisors: true };
    case 'case.rated':
      return e.payload.rating === 'unsatisfied' ? { departmentIds: [], supervisors: true } : nobody;
    // Not news for anyone (and not enqueued by the outbox trigger).
    case 'case.created':
    case 'case.accepted':
    case 'case.rejected':
    case 'case.imported':
    case 'case.import_updated':
    case 'case.signed':
    case 'case.return_denied':
    case 'case.extension_approved':
    case 'case.extension_denied':
    case 'case.suspended':
    case 'case.resumed':
    case 'case.opinion_given':
    case 'case.reply_approved':
    case 'case.sent_back':
    case 'case.closed':
    case 'case.order_closed':
    case 'case.deadlines_recomputed':
    case 'case.publication_approved':
    case 'case.publication_rejected':
    case 'case.publication_withdrawn':
    case 'case.assessment_excluded':
    case 'case.unit_merged':
    case 'case.answered_directly':
      return nobody;
    default:
      exhaustive(e);
      return nobody;
  }
}

/**
 * One notice per happening and person. The SLA sweep writes one red crossing as three events in one statement:
 * `case.warned` red and `case.urged` (system) for the department, `case.escalated` for the supervisors; a sweep that
 * ran late writes the yellow and the red warning of the same clock together. The red warning's notice says the
 * department was urged, so the system urge and a yellow overtaken in the same batch are not noticed again (they stay
 * in the case's record and go to webhooks). Returns the indexes of the events that get no inbox notice.
 */
export function coveredEvents(events: readonly ({ caseId: number | null; event: NotifiableEvent } | null)[]): Set<number> {
  const red = new Set<string>();
  for (const x of events) {
    if (x?.event.type === 'case.warned' && x.event.payload.level === 'red') red.add(`${x.caseId}:${x.event.payload.assignmentId}:${x.event.payload.clock}`);
  }
  const covered = new Set<number>();
  events.forEach((x, i) => {
    if (!x) return;
    const e = x.event;
    if (e.type === 'case.urged' && e.payload.by === 'system') covered.add(i);
    if (e.type === 'case.warned' && e.payload.level === 'yellow' && red.has(`${x.caseId}:${e.payload.assignmentId}:${e.payload.clock}`)) covered.add(i);
  });
  return covered;
}

/** SMS costs money and interrupts: only red-level and escalation events go out by text message. */
export function wantsSms(event: NotifiableEvent): boolean {
  const e = event;
  switch (e.type) {
    case 'case.escalated': return true;
    case 'case.warned':
    case 'case.order_issued': return e.payload.level === 'red';
    case 'case.order_raised': return e.payload.to === 'red';
    case 'case.created':
    case 'case.accepted':
    case 'case.rejected':
    case 'case.merged':
    case 'case.merge_received':
    case 'case.imported':
    case 'case.import_updated':
    case 'case.dispatched':
    case 'case.signed':
    case 'case.return_requested':
    case 'case.return_approved':
    case 'case.return_denied':
    case 'case.extension_requested':
    case 'case.extension_approved':
    case 'case.extension_denied':
    case 'case.suspended':
    case 'case.resumed':
    case 'case.opinion_given':
    case 'case.replied':
    case 'case.reply_approved':
    case 'case.sent_back':
    case 'case.rated':
    case 'case.redone':
    case 'case.closed':
    case 'case.instructed':
    case 'case.sub_dispatched':
    case 'case.sub_replied':
    case 'case.called_in':
    case 'case.urged':
    case 'case.order_answered':
    case 'case.order_closed':
    case 'case.deadlines_recomputed':
    case 'case.publication_approved':
    case 'case.publication_rejected':
    case 'case.publication_withdrawn':
    case 'case.assessment_excluded':
    case 'case.unit_merged':
    case 'case.answered_directly':
      return false;
    default:
      exhaustive(e);
      return false;
  }
}
