// Who is concerned by a case event: a pure mapping from the event to an audience (departments' staff and/or
// the supervision office). The worker turns the audience into users.

export interface NotifiableEvent {
  type: string;
  payload: Record<string, unknown>;
}

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

function ids(...values: unknown[]): number[] {
  const out: number[] = [];
  for (const v of values.flat()) if (typeof v === 'number' && Number.isInteger(v) && v > 0 && !out.includes(v)) out.push(v);
  return out;
}

export function audienceFor(event: NotifiableEvent, ctx: CaseContext): Audience {
  const p = event.payload;
  switch (event.type) {
    // A new assignment: the departments that must now sign.
    case 'case.dispatched':
    case 'case.redone':
      return { departmentIds: ids(p.leadDepartmentId, p.coDepartmentIds), supervisors: false };
    case 'case.sub_dispatched':
      return { departmentIds: ids(p.leadDepartmentId, p.coDepartmentIds), supervisors: false };
    case 'case.called_in':
      return { departmentIds: ids(p.departmentId), supervisors: false };
    // A town's report goes to the district that dispatched it on.
    case 'case.sub_replied':
      return { departmentIds: ids(p.parentDepartmentId), supervisors: false };
    case 'case.return_approved':
      // Only an approved lead return creates a new assignment; a co-handler simply leaves.
      return p.role === 'lead' ? { departmentIds: ids(p.newLeadDepartmentId), supervisors: false } : nobody;
    // A town returns to its district; everyone else to the supervision office.
    case 'case.return_requested':
      return p.parentDepartmentId != null ? { departmentIds: ids(p.parentDepartmentId), supervisors: false } : { departmentIds: [], supervisors: true };
    // The department concerned.
    case 'case.warned':
    case 'case.urged':
    case 'case.order_issued':
      return { departmentIds: ids(p.departmentId ?? ctx.leadDepartmentId), supervisors: false };
    case 'case.order_raised':
      // The payload names levels, not the department: the order goes to the lead department unless it says otherwise.
      return { departmentIds: ids(p.departmentId ?? ctx.leadDepartmentId), supervisors: false };
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
      return p.rating === 'unsatisfied' ? { departmentIds: [], supervisors: true } : nobody;
    default:
      return nobody;
  }
}

/** SMS costs money and interrupts: only red-level and escalation events go out by text message. */
export function wantsSms(event: NotifiableEvent): boolean {
  const p = event.payload;
  if (event.type === 'case.escalated') return true;
  if (event.type === 'case.warned' || event.type === 'case.order_issued') return p.level === 'red';
  if (event.type === 'case.order_raised') return p.to === 'red';
  return false;
}
