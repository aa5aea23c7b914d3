// The one status enum of a case, and the named groups every query and screen uses.
export const caseStatuses = [
  'submitted',
  'rejected',
  'merged',
  'dispatched',
  'handling',
  'replied',
  'awaiting_rating',
  'closed',
] as const;
export type CaseStatus = (typeof caseStatuses)[number];

export const statusGroups = {
  /** Not finished: someone still has to act. */
  open: ['submitted', 'dispatched', 'handling', 'replied', 'awaiting_rating'],
  /** A department holds the case. */
  inDepartment: ['dispatched', 'handling'],
  /** The department's clock runs (unless suspended). */
  clockRunning: ['dispatched', 'handling'],
  terminal: ['rejected', 'merged', 'closed'],
} as const satisfies Record<string, readonly CaseStatus[]>;

export function isIn(group: keyof typeof statusGroups, status: CaseStatus): boolean {
  return (statusGroups[group] as readonly CaseStatus[]).includes(status);
}

export const roles = ['admin', 'intake', 'handler', 'head', 'supervisor', 'leader', 'deputy'] as const;
export type Role = (typeof roles)[number];
/** Who can act on a case: staff roles, the submitter (public tracking page) and the system (sweeps). */
export type ActorRole = Role | 'submitter' | 'system';

export const ratings = ['satisfied', 'basically', 'unsatisfied'] as const;
export type Rating = (typeof ratings)[number];

export const urgencies = ['normal', 'urgent', 'emergency'] as const;
export type Urgency = (typeof urgencies)[number];

/** Case types (诉求类型). A category's kind is the default type of its cases; the case's own type drives its time limit. */
export const caseKinds = ['consultation', 'help', 'complaint', 'report', 'suggestion', 'praise'] as const;
export type CaseKind = (typeof caseKinds)[number];
