import { SHANGHAI_OFFSET_MS } from '../calendar/local-time.js';

/**
 * The same Beijing wall-clock day `months` later, at 23:59:59.999 (a limit counted in months runs to the end of the
 * day). A day that does not exist in the target month (31 March + 3 months) falls on that month's last day.
 */
export function addMonthsEndOfDay(from: Date, months: number): Date {
  const local = new Date(from.getTime() + SHANGHAI_OFFSET_MS);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const day = Math.min(local.getUTCDate(), lastDay);
  return new Date(Date.UTC(y, m, day, 23, 59, 59, 999) - SHANGHAI_OFFSET_MS);
}

/** Whole days left until `deadline` (negative once past), counted on Beijing dates. */
export function daysLeft(now: Date, deadline: Date): number {
  const day = (d: Date) => Math.floor((d.getTime() + SHANGHAI_OFFSET_MS) / 86_400_000);
  return day(deadline) - day(now);
}
