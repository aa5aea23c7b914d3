import type { ErrorCode } from '../errors.js';
import type { CaseEvent } from '../events/catalogue.js';
import type { ActorRole, CaseKind, CaseStatus, Rating, Urgency } from './status.js';

export type AssignmentRole = 'lead' | 'co';
export type AssignmentStatus = 'pending' | 'signed' | 'done' | 'returned' | 'cancelled';

export interface AssignmentSnapshot {
  id: number;
  departmentId: number;
  role: AssignmentRole;
  round: number;
  status: AssignmentStatus;
  signedAt: Date | null;
  opinionAt: Date | null;
  opinionDeadline: Date | null;
  replyDeadline: Date | null;
  returnRequestedAt: Date | null;
  /** The assignment this one was dispatched on from (二级派单: a district's assignment → its towns); null at city level. */
  parentId: number | null;
}

/** What decide() needs to know about a case: the row plus its current assignments. */
export interface CaseSnapshot {
  id: number;
  status: CaseStatus;
  kind: CaseKind;
  /** The case's category, so time-limit policies per category apply (absent in older pure tests: defaults). */
  categoryId?: number | null;
  urgency: Urgency;
  acceptedAt: Date | null;
  leadDepartmentId: number | null;
  round: number;
  redoCount: number;
  rating: Rating | null;
  suspendedAt: Date | null;
  replyDeadline: Date | null;
  ratingDeadline: Date | null;
  pendingExtensionUntil: Date | null;
  assignments: AssignmentSnapshot[];
}

export interface Actor {
  userId: number | null;
  role: ActorRole;
  departmentId: number | null;
}

/** Deadline rules decide() applies; computed by the SLA module from the working calendar. */
export interface DeadlinePolicy {
  // `kind` is the case's type (诉求类型): a time-limit policy may be for one type (src/domain/sla/policy.ts).
  signBy(from: Date, urgency: Urgency, categoryId?: number | null, kind?: CaseKind | null): Date;
  opinionBy(from: Date, urgency: Urgency, categoryId?: number | null, kind?: CaseKind | null): Date;
  replyBy(from: Date, kind: CaseKind, urgency: Urgency, categoryId?: number | null): Date;
  ratingBy(from: Date, urgency?: Urgency, categoryId?: number | null, kind?: CaseKind | null): Date;
  /** A deadline moved later by the working time that passed while the clock was paused. */
  afterPause(deadline: Date, pausedFrom: Date, pausedTo: Date): Date;
}

export interface DecideContext {
  now: Date;
  policy: DeadlinePolicy;
}

export const maxTextLength = 5000;

export type Command =
  | { type: 'accept' }
  | { type: 'reject'; reason: string }
  | { type: 'merge'; duplicateOf: number }
  | { type: 'dispatch'; leadDepartmentId: number; coDepartmentIds: number[]; routing?: DispatchRouting }
  | { type: 'sign' }
  | { type: 'request-return'; reason: string; basis: string; attachments?: AttachmentRef[] }
  | { type: 'approve-return'; assignmentId: number; newLeadDepartmentId?: number }
  | { type: 'deny-return'; assignmentId: number; reason: string }
  | { type: 'request-extension'; until: Date; reason: string; attachments?: AttachmentRef[] }
  | { type: 'approve-extension' }
  | { type: 'deny-extension'; reason: string }
  | { type: 'suspend'; reason: string }
  | { type: 'resume' }
  | { type: 'opinion'; text: string; attachments?: AttachmentRef[] }
  | { type: 'reply'; text: string; attachments?: AttachmentRef[] }
  | { type: 'approve-reply' }
  | { type: 'send-back'; reason: string }
  | { type: 'rate'; rating: Rating; comment: string; wantsRedo?: boolean }
  | { type: 'redo'; reason: string }
  | { type: 'close'; reason?: string }
  | { type: 'instruct'; text: string }
  | { type: 'sub-dispatch'; leadDepartmentId: number; coDepartmentIds: number[]; replyBy?: Date }
  | { type: 'sub-reply'; text: string; attachments?: AttachmentRef[] }
  | { type: 'call-in'; departmentId: number; reason: string }
  | { type: 'answer-directly'; answer: DirectAnswer };

/** 直接答复: the desk answers the caller from an approved knowledge entry and closes the case at once. */
export interface DirectAnswer {
  entryId: number;
  version: number;
  question: string;
  answer: string;
  basisNumber: string | null;
}

/**
 * A file uploaded beforehand by the acting staff member for this case, carried by the command's event. Who may see it:
 * internal (staff with the case), submitter (also the submitter's tracking page), public (also the public board once
 * the reply is published). Only a reply's files can reach the submitter; every other event's are internal.
 */
export interface AttachmentRef {
  id: number;
  visibility: AttachmentVisibility;
}
export const attachmentVisibilities = ['internal', 'submitter', 'public'] as const;
export type AttachmentVisibility = (typeof attachmentVisibilities)[number];
/** At most this many files on one event. */
export const maxEventAttachments = 10;

/** Who or what chose the departments of a dispatch: recorded in the case.dispatched event. */
export interface DispatchRouting {
  source: 'rule' | 'model' | 'suggestion' | 'manual';
  ruleId?: number;
  ruleVersion?: number;
  modelVersion?: number;
  confidence?: number;
}

export type CommandType = Command['type'];

export const commandTypes = [
  'accept', 'reject', 'merge', 'dispatch', 'sign', 'request-return', 'approve-return', 'deny-return',
  'request-extension', 'approve-extension', 'deny-extension', 'suspend', 'resume', 'opinion', 'reply',
  'approve-reply', 'send-back', 'rate', 'redo', 'close', 'instruct', 'sub-dispatch', 'sub-reply', 'call-in',
] as const satisfies readonly CommandType[];

/** Changes to the case row. Only decide() produces them, so only decide() moves `status`. */
export interface CasePatch {
  status?: CaseStatus;
  acceptedAt?: Date;
  dispatchedAt?: Date;
  signedAt?: Date;
  repliedAt?: Date | null;
  replyApprovedAt?: Date | null;
  ratedAt?: Date | null;
  closedAt?: Date;
  rejectedAt?: Date;
  mergedAt?: Date;
  rejectReason?: string;
  duplicateOf?: number;
  leadDepartmentId?: number;
  round?: number;
  redoCount?: number;
  replyText?: string | null;
  replyBy?: number | null;
  rating?: Rating | null;
  ratingComment?: string | null;
  redoRequested?: boolean;
  suspendedAt?: Date | null;
  suspendReason?: string | null;
  replyDeadline?: Date | null;
  ratingDeadline?: Date | null;
  pendingExtensionUntil?: Date | null;
  pendingExtensionReason?: string | null;
  supervisionLevel?: 'instruction';
}

export interface NewAssignment {
  departmentId: number;
  role: AssignmentRole;
  round: number;
  dispatchedAt: Date;
  signDeadline: Date;
  opinionDeadline: Date | null;
  replyDeadline: Date | null;
  /** Set for a sub-dispatch (二级派单): the parent assignment's id. */
  parentId?: number | null;
}

export interface AssignmentPatch {
  status?: AssignmentStatus;
  signedAt?: Date;
  opinion?: string;
  opinionAt?: Date;
  replyDeadline?: Date;
  opinionDeadline?: Date;
  returnReason?: string | null;
  returnBasis?: string | null;
  returnRequestedAt?: Date | null;
  closedAt?: Date;
}

export type AssignmentOp =
  | { op: 'create'; assignment: NewAssignment }
  | { op: 'update'; id: number; patch: AssignmentPatch };

/** An event to append to the case's chain: one of the catalogue's (src/domain/events). */
export type NewEvent = CaseEvent;

export type Decision =
  | { ok: true; patch: CasePatch; assignments: AssignmentOp[]; events: NewEvent[] }
  | { ok: false; code: ErrorCode };
