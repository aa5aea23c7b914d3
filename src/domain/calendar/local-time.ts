/**
 * Asia/Shanghai wall-clock arithmetic without the host time zone.
 *
 * China has used a fixed UTC+08:00 offset with no daylight saving since 1991, so a local day is
 * simply a 24-hour slice of the UTC timeline shifted by eight hours. Working in "day numbers"
 * (days since 1970-01-01 local) keeps the calendar independent of `TZ` and of `Intl` data.
 */

export const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const CLOCK_PATTERN = /^(\d{2}):(\d{2})$/;

/** Milliseconds of an instant, rejecting `Invalid Date` so that NaN never leaks into a deadline. */
export function instantMillis(instant: Date, what = 'instant'): number {
  const ms = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (Number.isNaN(ms)) throw new RangeError(`${what} is not a valid Date`);
  return ms;
}

/** Local day number (days since 1970-01-01 in Asia/Shanghai) of a UTC millisecond. */
export function dayOfMillis(ms: number): number {
  return Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS);
}

/** UTC millisecond of local midnight starting the given day number. */
export function midnightMillis(day: number): number {
  return day * DAY_MS - SHANGHAI_OFFSET_MS;
}

/** Day of the week of a day number: 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function isWeekend(day: number): boolean {
  const weekday = weekdayOf(day);
  return weekday === 0 || weekday === 6;
}

/** Parses a local 'YYYY-MM-DD' into a day number; throws on anything that is not a real date. */
export function parseLocalDate(date: string): number {
  const match = DATE_PATTERN.exec(date);
  if (!match) throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(date)}`);
  const [year, month, dayOfMonth] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utc = Date.UTC(year, month - 1, dayOfMonth);
  // Date.UTC silently rolls 02-30 over to 03-02; reject instead of guessing.
  if (formatDay(utc / DAY_MS) !== date) throw new RangeError(`not a real calendar date: ${date}`);
  return utc / DAY_MS;
}

/** Formats a day number as local 'YYYY-MM-DD'. */
export function formatDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Parses a local 'HH:MM' (00:00 … 24:00) into milliseconds after local midnight. */
export function parseClock(clock: string): number {
  const match = CLOCK_PATTERN.exec(clock);
  const hours = match ? Number(match[1]) : Number.NaN;
  const minutes = match ? Number(match[2]) : Number.NaN;
  if (!match || minutes > 59 || hours > 24 || (hours === 24 && minutes !== 0)) {
    throw new RangeError(`not a HH:MM clock time: ${JSON.stringify(clock)}`);
  }
  return (hours * 60 + minutes) * 60 * 1000;
}
