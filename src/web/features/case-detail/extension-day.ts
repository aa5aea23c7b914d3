import { beijingDate, beijingDayStart } from '../../../domain/calendar/local-time.js';
import type { WorkCalendar } from '../../../domain/calendar/work-calendar.js';

// The days an extension may end on, and the instant it ends: pure, beside the picker that uses them.

/** Is `d` a day an extension may end on: a working day after the current deadline's day? */
export function isExtensionDay(cal: WorkCalendar, date: string, currentDeadline: string | null): boolean {
  if (!cal.isWorkday(date)) return false;
  return !currentDeadline || date > beijingDate(new Date(currentDeadline));
}

/** The close of working hours on that day: the instant the request carries. */
export function extensionUntil(cal: WorkCalendar, date: string): Date {
  return cal.addWorkingDays(beijingDayStart(date), 0);
}

