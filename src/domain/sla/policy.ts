import type { CaseKind, Urgency } from '../case/status.js';
import type { DeadlinePolicy } from '../case/types.js';

/** The part of the working calendar deadline rules need. */
export interface WorkingTime {
  addWorkingDays(from: Date, n: number): Date;
  addWorkingHours(from: Date, hours: number): Date;
  workingMillisBetween(from: Date, to: Date): number;
}

/** Time limits in working days (or hours where stated), per case kind and urgency. */
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
  replyDays: { consultation: 3, help: 5, complaint: 15, report: 15, suggestion: 15 },
  replyDaysUrgent: 3,
  replyDaysEmergency: 1,
  ratingDays: 5,
};

export function deadlinePolicy(time: WorkingTime, limits: TimeLimits = defaultTimeLimits): DeadlinePolicy {
  return {
    signBy(from: Date, urgency: Urgency) {
      if (urgency === 'emergency') return time.addWorkingHours(from, limits.signHoursEmergency);
      if (urgency === 'urgent') return time.addWorkingHours(from, limits.signHoursUrgent);
      return time.addWorkingDays(from, limits.signDays);
    },
    opinionBy(from: Date, urgency: Urgency) {
      return time.addWorkingDays(from, urgency === 'emergency' ? 1 : limits.opinionDays);
    },
    replyBy(from: Date, kind: CaseKind, urgency: Urgency) {
      const days = limits.replyDays[kind];
      if (urgency === 'emergency') return time.addWorkingDays(from, Math.min(days, limits.replyDaysEmergency));
      if (urgency === 'urgent') return time.addWorkingDays(from, Math.min(days, limits.replyDaysUrgent));
      return time.addWorkingDays(from, days);
    },
    ratingBy(from: Date) {
      return time.addWorkingDays(from, limits.ratingDays);
    },
    afterPause(deadline: Date, pausedFrom: Date, pausedTo: Date) {
      const paused = time.workingMillisBetween(pausedFrom, pausedTo);
      return paused > 0 ? time.addWorkingHours(deadline, paused / 3_600_000) : deadline;
    },
  };
}
