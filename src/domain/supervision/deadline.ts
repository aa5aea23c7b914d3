import type { WorkingTime } from '../sla/policy.js';

/** How the supervisor states an order's deadline: a calendar date (close of that day) or N working days from now. */
export type OrderDeadlineInput = { date: string } | { workingDays: number };

// Close of working hours in Asia/Shanghai (fixed UTC+8), matching the calendar's "end of the N-th working day".
const closeOfDay = '17:30:00+08:00';

export function resolveOrderDeadline(input: OrderDeadlineInput, now: Date, time: WorkingTime): Date {
  if ('workingDays' in input) return time.addWorkingDays(now, input.workingDays);
  return new Date(`${input.date}T${closeOfDay}`);
}
