import type { ErrorCode } from '../errors.js';
import type { Actor, AssignmentSnapshot, CaseSnapshot } from './types.js';
import { maxTextLength } from './types.js';

// Named predicates: each returns the error code that explains a refusal, or null when it passes.
export type Guard = (s: CaseSnapshot, actor: Actor, now: Date) => ErrorCode | null;

/** The actor's department's live assignment in the current round, if any. */
export function assignmentOf(s: CaseSnapshot, departmentId: number | null): AssignmentSnapshot | undefined {
  if (departmentId == null) return undefined;
  return s.assignments.find(
    (a) => a.departmentId === departmentId && a.round === s.round && (a.status === 'pending' || a.status === 'signed' || a.status === 'done'),
  );
}

const isLive = (a: Pick<AssignmentSnapshot, 'status'>) => a.status !== 'returned' && a.status !== 'cancelled';

/** The case's lead (city level: dispatched by the desk, not a sub-dispatch). */
export function leadAssignment(s: CaseSnapshot): AssignmentSnapshot | undefined {
  return s.assignments.find((a) => a.role === 'lead' && a.parentId == null && a.round === s.round && isLive(a));
}

/** The case's co-handlers at city level (their opinions gate the lead's reply). */
export function liveCoAssignments(s: CaseSnapshot): AssignmentSnapshot[] {
  return s.assignments.filter((a) => a.role === 'co' && a.parentId == null && a.round === s.round && isLive(a));
}

/** Live assignments dispatched on from `parentId` (二级派单). */
export function liveChildren(s: CaseSnapshot, parentId: number): AssignmentSnapshot[] {
  return s.assignments.filter((a) => a.parentId === parentId && a.round === s.round && isLive(a));
}

/**
 * Returns the actor may decide: the desk decides city-level returns; a department decides returns of the
 * assignments it dispatched on to its subordinates (a town returns to its district).
 */
export function decidableReturns(s: CaseSnapshot, actor: Actor): AssignmentSnapshot[] {
  const pending = s.assignments.filter((a) => a.round === s.round && a.returnRequestedAt && (a.status === 'pending' || a.status === 'signed'));
  if (actor.role === 'intake' || actor.role === 'supervisor') return pending.filter((a) => a.parentId == null);
  const mine = assignmentOf(s, actor.departmentId);
  return mine ? pending.filter((a) => a.parentId === mine.id) : [];
}

export const isNotAccepted: Guard = (s) => (s.acceptedAt ? 'ALREADY_ACCEPTED' : null);

export const isAssignedToActor: Guard = (s, actor) => (assignmentOf(s, actor.departmentId) ? null : 'NOT_ASSIGNED_TO_DEPARTMENT');

export const isPendingSign: Guard = (s, actor) => {
  const a = assignmentOf(s, actor.departmentId);
  if (!a) return 'NOT_ASSIGNED_TO_DEPARTMENT';
  return a.status === 'pending' ? null : 'ALREADY_SIGNED';
};

/** The actor's department leads the case itself (not a sub-dispatched part of it). */
export const isLeadOfActor: Guard = (s, actor) => {
  const a = assignmentOf(s, actor.departmentId);
  if (!a) return 'NOT_ASSIGNED_TO_DEPARTMENT';
  return a.role === 'lead' && a.parentId == null ? null : 'NOT_LEAD_DEPARTMENT';
};

/** The actor's department leads a sub-dispatched part (a town the district dispatched on to). */
export const isSubLeadOfActor: Guard = (s, actor) => {
  const a = assignmentOf(s, actor.departmentId);
  if (!a) return 'NOT_ASSIGNED_TO_DEPARTMENT';
  return a.role === 'lead' && a.parentId != null ? null : 'NOT_SUB_ASSIGNMENT';
};

/** Signed and still working on it (not done with its opinion or report). */
export const isWorkingByActor: Guard = (s, actor) => {
  const a = assignmentOf(s, actor.departmentId);
  if (!a) return 'NOT_ASSIGNED_TO_DEPARTMENT';
  if (!a.signedAt) return 'NOT_SIGNED';
  return a.status === 'signed' ? null : 'ASSIGNMENT_DONE';
};

export const hasNoLiveChildren: Guard = (s, actor) => {
  const a = assignmentOf(s, actor.departmentId);
  return a && liveChildren(s, a.id).some((c) => c.status !== 'done') ? 'CHILDREN_ACTIVE' : null;
};

export const isSignedByActor: Guard = (s, actor) => {
  const a = assignmentOf(s, actor.departmentId);
  if (!a) return 'NOT_ASSIGNED_TO_DEPARTMENT';
  return a.signedAt ? null : 'NOT_SIGNED';
};

export const isCoAwaitingOpinion: Guard = (s, actor) => {
  const a = assignmentOf(s, actor.departmentId);
  if (!a) return 'NOT_ASSIGNED_TO_DEPARTMENT';
  if (a.role !== 'co') return 'NOT_ASSIGNED_TO_DEPARTMENT';
  if (!a.signedAt) return 'NOT_SIGNED';
  return a.opinionAt ? 'OPINION_ALREADY_GIVEN' : null;
};

export const hasNoReturnPendingForActor: Guard = (s, actor) =>
  assignmentOf(s, actor.departmentId)?.returnRequestedAt ? 'RETURN_PENDING' : null;

export const hasReturnPending: Guard = (s, actor) => (decidableReturns(s, actor).length > 0 ? null : 'NO_PENDING_RETURN');

export const hasNoReturnPendingOnLead: Guard = (s) => (leadAssignment(s)?.returnRequestedAt ? 'RETURN_PENDING' : null);

/**
 * The co-handlers whose opinion the lead's reply still waits for: live at city level, no opinion yet, and the opinion
 * deadline not passed (or not set yet: not signed). The guard below and the console's 等待协办意见 note both ask it.
 */
export function awaitedOpinions<A extends Pick<AssignmentSnapshot, 'role' | 'parentId' | 'round' | 'status' | 'opinionAt' | 'opinionDeadline'>>(
  assignments: readonly A[], round: number, now: Date,
): A[] {
  return assignments.filter((a) => a.role === 'co' && a.parentId == null && a.round === round && isLive(a)
    && !a.opinionAt && !(a.opinionDeadline && a.opinionDeadline.getTime() <= now.getTime()));
}

/** The lead may reply once every co-handler has given an opinion or let its opinion deadline pass. */
export const hasAllOpinionsOrDeadlines: Guard = (s, _actor, now) =>
  awaitedOpinions(s.assignments, s.round, now).length === 0 ? null : 'OPINIONS_PENDING';

export const isNotSuspended: Guard = (s) => (s.suspendedAt ? 'CASE_SUSPENDED' : null);
export const isSuspended: Guard = (s) => (s.suspendedAt ? null : 'CASE_NOT_SUSPENDED');
export const hasNoPendingExtension: Guard = (s) => (s.pendingExtensionUntil ? 'EXTENSION_PENDING' : null);
export const hasPendingExtension: Guard = (s) => (s.pendingExtensionUntil ? null : 'NO_PENDING_EXTENSION');
export const isNotRated: Guard = (s) => (s.rating ? 'ALREADY_RATED' : null);
export const isRatedUnsatisfied: Guard = (s) => (s.rating === 'unsatisfied' ? null : 'NOT_RATED_UNSATISFIED');
/** Redo is offered once per case (the submitter's second chance, decided by the supervisor). */
export const isRedoAvailable: Guard = (s) => (s.redoCount < 1 ? null : 'REDO_LIMIT_REACHED');

/**
 * Close without a satisfied rating: the supervisor after an unsatisfied rating (declining a redo) or once the rating
 * window has ended; the system sweep only when the window ended with no rating at all.
 */
export const isClosable: Guard = (s, actor, now) => {
  const windowEnded = !!s.ratingDeadline && s.ratingDeadline.getTime() <= now.getTime();
  if (actor.role === 'system') return !s.rating && windowEnded ? null : 'RATING_WINDOW_OPEN';
  return s.rating === 'unsatisfied' || windowEnded ? null : 'RATING_WINDOW_OPEN';
};

// Payload checks.
export function requireText(value: string | undefined, code: 'REASON_REQUIRED' | 'BASIS_REQUIRED' | 'TEXT_REQUIRED' | 'RATING_COMMENT_REQUIRED'): ErrorCode | null {
  const t = value?.trim() ?? '';
  if (!t) return code;
  if (t.length > maxTextLength) return 'TEXT_TOO_LONG';
  return null;
}

export const isPendingOrSignedByActor: Guard = (s, actor) => {
  const a = assignmentOf(s, actor.departmentId);
  return a && (a.status === 'pending' || a.status === 'signed') ? null : 'NOT_ASSIGNED_TO_DEPARTMENT';
};
