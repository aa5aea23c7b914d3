import type { CaseKind, Urgency } from '../case/status.js';
import type { DeadlinePolicy } from '../case/types.js';

/** The part of the working calendar deadline rules need. */
export interface WorkingTime {
  addWorkingDays(from: Date, n: number): Date;
  addWorkingHours(from: Date, hours: number): Date;
  workingMillisBetween(from: Date, to: Date): number;
}

/** Time limits in working days (or hours where stated), per case kind and urgency: the built-in defaults. */
export interface TimeLimits {
  signDays: number;
  signHoursUrgent: number;
  signHoursEmergency: number;
  opinionDays: number;
  replyDays: Record<CaseKind, number>;
  replyDaysUrgent: number;
  replyDaysEmergency: number;
  ratingDays: number;
}

// Typical 12345 practice: sign within 1 working day (emergency 2 working hours); consultation 3, help 5,
// complaint or report 15 working days.
export const defaultTimeLimits: TimeLimits = {
  signDays: 1,
  signHoursUrgent: 4,
  signHoursEmergency: 2,
  opinionDays: 3,
  replyDays: { consultation: 3, help: 5, complaint: 15, report: 15, suggestion: 15, praise: 5 },
  replyDaysUrgent: 3,
  replyDaysEmergency: 1,
  ratingDays: 5,
};

/** Yellow warning when this share of a time limit is used, unless a policy says otherwise. */
export const defaultWarningShare = 0.8;

export type LimitUnit = 'days' | 'hours';
export interface Limit {
  value: number;
  unit: LimitUnit;
}

/**
 * An admin-made time-limit policy (one version of it): for one category (null = every category), one case type
 * (null = every type) and one urgency. Replaces the built-in defaults entirely for the cases it matches; where several
 * match, the most specific wins (category and type, then category, then type, then neither).
 */
export interface PolicyRule {
  categoryId: number | null;
  caseType: CaseKind | null;
  urgency: Urgency;
  sign: Limit;
  opinion: Limit;
  reply: Limit;
  rating: Limit;
  warningShare: number;
}

/**
 * The DeadlinePolicy decide() uses, plus what the sweeps need. `warningShare(categoryId, urgency)` is the share of a
 * time limit (0 < share < 1) after which an assignment turns yellow: a sweep computes
 * `dispatchedAt + share × (deadline − dispatchedAt)` in working time, i.e.
 * `addWorkingHours(start, share × workingMillisBetween(start, deadline) / 3.6e6)`.
 */
export interface SlaPolicy extends DeadlinePolicy {
  warningShare(categoryId: number | null | undefined, urgency: Urgency, kind?: CaseKind | null): number;
  /** The admin rule that applies, or null when the built-in defaults apply. */
  ruleFor(categoryId: number | null | undefined, urgency: Urgency, kind?: CaseKind | null): PolicyRule | null;
}

/** The yellow-warning share for a category, urgency and type; 0.8 for a policy object that does not know any. */
export function warningShare(policy: DeadlinePolicy, categoryId: number | null | undefined, urgency: Urgency, kind?: CaseKind | null): number {
  const p = policy as Partial<SlaPolicy>;
  return typeof p.warningShare === 'function' ? p.warningShare(categoryId, urgency, kind) : defaultWarningShare;
}

/**
 * Picks the rule for (category, type, urgency): among the rules of that urgency whose category and type are the
 * case's or "every", the most specific: category and type, else category, else type, else the rule for all; none
 * when nothing matches (the built-in defaults by type apply). Without a type only rules for every type match.
 */
export function findRule(rules: readonly PolicyRule[], categoryId: number | null | undefined, urgency: Urgency, kind?: CaseKind | null): PolicyRule | null {
  let best: PolicyRule | null = null;
  let bestScore = -1;
  for (const r of rules) {
    if (r.urgency !== urgency) continue;
    if (r.categoryId !== null && r.categoryId !== categoryId) continue;
    if (r.caseType != null && r.caseType !== kind) continue;
    const score = (r.categoryId !== null ? 2 : 0) + (r.caseType != null ? 1 : 0);
    if (score > bestScore) { best = r; bestScore = score; }
  }
  return best;
}

export function deadlinePolicy(time: WorkingTime, limits: TimeLimits = defaultTimeLimits, rules: readonly PolicyRule[] = []): SlaPolicy {
  const add = (from: Date, limit: Limit) => (limit.unit === 'hours' ? time.addWorkingHours(from, limit.value) : time.addWorkingDays(from, limit.value));
  const ruleFor = (categoryId: number | null | undefined, urgency: Urgency, kind?: CaseKind | null) => (rules.length ? findRule(rules, categoryId, urgency, kind) : null);
  return {
    ruleFor,
    warningShare(categoryId, urgency, kind) {
      return ruleFor(categoryId, urgency, kind)?.warningShare ?? defaultWarningShare;
    },
    signBy(from: Date, urgency: Urgency, categoryId?: number | null, kind?: CaseKind | null) {
      const rule = ruleFor(categoryId, urgency, kind);
      if (rule) return add(from, rule.sign);
      if (urgency === 'emergency') return time.addWorkingHours(from, limits.signHoursEmergency);
      if (urgency === 'urgent') return time.addWorkingHours(from, limits.signHoursUrgent);
      return time.addWorkingDays(from, limits.signDays);
    },
    opinionBy(from: Date, urgency: Urgency, categoryId?: number | null, kind?: CaseKind | null) {
      const rule = ruleFor(categoryId, urgency, kind);
      if (rule) return add(from, rule.opinion);
      return time.addWorkingDays(from, urgency === 'emergency' ? 1 : limits.opinionDays);
    },
    replyBy(from: Date, kind: CaseKind, urgency: Urgency, categoryId?: number | null) {
      const rule = ruleFor(categoryId, urgency, kind);
      if (rule) return add(from, rule.reply);
      const days = limits.replyDays[kind];
      if (urgency === 'emergency') return time.addWorkingDays(from, Math.min(days, limits.replyDaysEmergency));
      if (urgency === 'urgent') return time.addWorkingDays(from, Math.min(days, limits.replyDaysUrgent));
      return time.addWorkingDays(from, days);
    },
    ratingBy(from: Date, urgency?: Urgency, categoryId?: number | null, kind?: CaseKind | null) {
      const rule = urgency ? ruleFor(categoryId, urgency, kind) : null;
      if (rule) return add(from, rule.rating);
      return time.addWorkingDays(from, limits.ratingDays);
    },
    afterPause(deadline: Date, pausedFrom: Date, pausedTo: Date) {
      const paused = time.workingMillisBetween(pausedFrom, pausedTo);
      return paused > 0 ? time.addWorkingHours(deadline, paused / 3_600_000) : deadline;
    },
  };
}
