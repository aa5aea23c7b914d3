import type { AssignmentRole, AssignmentStatus, DeadlinePolicy } from '../case/types.js';
import { isIn, type CaseKind, type CaseStatus, type Urgency } from '../case/status.js';
import { defaultWarningShare, warningShare, type WorkingTime } from './policy.js';

// Warning levels of an assignment's running clock (yellow at a share of the working time used, red when the
// deadline passed). Pure: the sweep passes in now, the calendar and the share.

export const slaClocks = ['sign', 'opinion', 'reply'] as const;
export type SlaClock = (typeof slaClocks)[number];
export const slaLevels = ['yellow', 'red'] as const;
export type SlaLevel = (typeof slaLevels)[number];
export const warningLevels = ['none', 'yellow', 'red'] as const;
export type WarningLevel = (typeof warningLevels)[number];

export { defaultWarningShare };

/** The share of a time limit after which it turns yellow; the policy's own when it has one (else 0.8). */
export function shareFor(policy: DeadlinePolicy | null, categoryId: number | null, urgency: Urgency, kind?: CaseKind | null): number {
  return policy ? warningShare(policy, categoryId, urgency, kind) : defaultWarningShare;
}

/** What the clock rules need to know about a case and one of its assignments. */
export interface ClockInput {
  caseStatus: CaseStatus;
  suspended: boolean;
  caseReplyDeadline: Date | null;
  role: AssignmentRole;
  status: AssignmentStatus;
  signedAt: Date | null;
  signDeadline: Date;
  opinionAt: Date | null;
  opinionDeadline: Date | null;
  replyDeadline: Date | null;
}

export interface RunningClock {
  clock: SlaClock;
  deadline: Date;
}

/**
 * The clock that runs for an assignment now, if any: sign while pending; opinion for a signed co-handler without
 * an opinion; reply for the signed lead. Only while the case is with the departments (dispatched/handling) and
 * not suspended — terminal, replied and suspended cases never warn.
 */
export function runningClock(a: ClockInput): RunningClock | null {
  if (!isIn('clockRunning', a.caseStatus) || a.suspended) return null;
  if (a.status === 'pending') return { clock: 'sign', deadline: a.signDeadline };
  if (a.status !== 'signed') return null;
  if (a.role === 'co') return a.opinionAt == null && a.opinionDeadline ? { clock: 'opinion', deadline: a.opinionDeadline } : null;
  const deadline = a.replyDeadline ?? a.caseReplyDeadline;
  return deadline ? { clock: 'reply', deadline } : null;
}

/**
 * The yellow instant: `share` of the WORKING time between start and deadline used. Never after the deadline; a
 * limit with no working time in it turns yellow at the deadline.
 */
export function yellowInstant(start: Date, deadline: Date, share: number, time: WorkingTime): Date {
  const total = time.workingMillisBetween(start, deadline);
  if (total <= 0 || deadline <= start) return deadline;
  const at = time.addWorkingHours(start, (total * share) / 3_600_000);
  return at.getTime() > deadline.getTime() ? deadline : at;
}

/** The level a clock has reached at `now`. */
export function levelAt(now: Date, yellowAt: Date, deadline: Date): WarningLevel {
  if (now.getTime() >= deadline.getTime()) return 'red';
  if (now.getTime() >= yellowAt.getTime()) return 'yellow';
  return 'none';
}

/** The levels reached at `now`, lowest first (a sweep that ran late records yellow and red together). */
export function levelsReached(level: WarningLevel): SlaLevel[] {
  return level === 'red' ? ['yellow', 'red'] : level === 'yellow' ? ['yellow'] : [];
}

/** When the sweep must look again: the next level's instant, or never once red. */
export function nextCheck(level: WarningLevel, yellowAt: Date, deadline: Date): Date | null {
  if (level === 'none') return yellowAt;
  if (level === 'yellow') return deadline;
  return null;
}

export function worstLevel(levels: Iterable<WarningLevel>): WarningLevel {
  let worst: WarningLevel = 'none';
  for (const l of levels) if (l === 'red' || (l === 'yellow' && worst === 'none')) worst = l;
  return worst;
}
