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

// Beijing wall-clock views of an instant. Every "what day/month/hour is it in Beijing" question in the code base
// asks these rather than shifting a Date by eight hours itself.

/** The Beijing wall-clock fields of an instant (month 1–12, weekday 0 = Sunday). */
export interface BeijingParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

export function beijingParts(at: Date): BeijingParts {
  const wall = new Date(instantMillis(at) + SHANGHAI_OFFSET_MS);
  return {
    year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate(),
    hour: wall.getUTCHours(), minute: wall.getUTCMinutes(), second: wall.getUTCSeconds(), weekday: wall.getUTCDay(),
  };
}

/** 'YYYY-MM-DD' of the Beijing day the instant falls in. */
export function beijingDate(at: Date): string {
  return formatDay(dayOfMillis(instantMillis(at)));
}

/** 'YYYY-MM' of the Beijing month the instant falls in, or of `back` months before it. */
export function beijingMonth(at: Date, back = 0): string {
  const p = beijingParts(at);
  const d = new Date(Date.UTC(p.year, p.month - 1 - back, 1));
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}`;
}

/** 'YYYY-MM-DD HH:MM' in Beijing time. */
export function beijingDateTime(at: Date): string {
  const p = beijingParts(at);
  return `${beijingDate(at)} ${pad2(p.hour)}:${pad2(p.minute)}`;
}

/** ISO 8601 with the Beijing offset to the second, e.g. 2026-11-02T09:00:00+08:00. */
export function beijingIso(at: Date): string {
  const p = beijingParts(at);
  return `${beijingDate(at)}T${pad2(p.hour)}:${pad2(p.minute)}:${pad2(p.second)}+08:00`;
}

/** 2026年11月3日 */
export function beijingDateCn(at: Date): string {
  const p = beijingParts(at);
  return `${p.year}年${p.month}月${p.day}日`;
}

/** 2026年11月3日 17:30 */
export function beijingDateTimeCn(at: Date): string {
  const p = beijingParts(at);
  return `${beijingDateCn(at)} ${pad2(p.hour)}:${pad2(p.minute)}`;
}

/** The instant the Beijing day of `at` began (local midnight). */
export function startOfBeijingDay(at: Date): Date {
  return new Date(midnightMillis(dayOfMillis(instantMillis(at))));
}

/** The instant a Beijing 'YYYY-MM-DD' begins; throws on anything that is not a real date. */
export function beijingDayStart(date: string): Date {
  return new Date(midnightMillis(parseLocalDate(date)));
}

/** The instant a Beijing month begins; `month` is 1–12 and may run over (13 = January of the next year). */
export function beijingMonthStart(year: number, month: number): Date {
  return new Date(Date.UTC(year, month - 1, 1) - SHANGHAI_OFFSET_MS);
}
