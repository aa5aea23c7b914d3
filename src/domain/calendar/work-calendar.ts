import { DayRules, type CalendarData } from './day-rules';
import { dayOfMillis, formatDay, instantMillis, midnightMillis, parseClock, parseLocalDate } from './local-time';
import { normalizePaused, type Interval, type Span } from './paused-intervals';

export type { CalendarData, Interval };

/** Working periods of a working day, local 'HH:MM' pairs, sorted and not overlapping. */
export interface WorkingHours {
  periods: ReadonlyArray<readonly [string, string]>;
}

/** 08:30–12:00 and 14:30–17:30, the usual hours of a government service hall. */
export const defaultWorkingHours: WorkingHours = {
  periods: [
    ['08:30', '12:00'],
    ['14:30', '17:30'],
  ],
};

/**
 * Returned (as a Date) when an open suspension swallows the rest of a time limit: the largest
 * instant a Date can hold (+275760-09-13), so it still sorts after every real deadline and fits a
 * PostgreSQL timestamptz.
 */
export const endOfTimeMs = 8.64e15;

const HOUR_MS = 60 * 60 * 1000;

/**
 * Working-day and working-hour arithmetic in Asia/Shanghai (fixed UTC+08:00), pure: every instant
 * is passed in, nothing reads the clock or the host time zone.
 */
export class WorkCalendar {
  private readonly days: DayRules;
  /** Working periods as [start, end) milliseconds after local midnight. */
  private readonly periods: ReadonlyArray<readonly [number, number]>;
  /** End of the last period: where a day-counted time limit closes ("下班时间"). */
  private readonly closeOfDayMs: number;

  constructor(data: CalendarData, hours: WorkingHours = defaultWorkingHours) {
    this.days = new DayRules(data);
    this.periods = parsePeriods(hours);
    this.closeOfDayMs = this.periods[this.periods.length - 1][1];
  }

  isWorkday(date: string): boolean {
    return this.days.isWorkingDay(parseLocalDate(date));
  }

  localDate(instant: Date): string {
    return formatDay(dayOfMillis(instantMillis(instant)));
  }

  /**
   * The deadline of an n-working-day time limit started at `from`, under the legal rule that the
   * starting day is not counted (开始的当日不计入): the close of working hours on the n-th working
   * day after `from`'s local date. n = 0 means the close of `from`'s own day when that is a working
   * day not yet closed, else the close of the next working day (never a deadline before `from`).
   *
   * Suspensions: the working time that falls inside `paused` between `from` and the deadline is
   * added back, and the added time may itself run into a suspension, and so on until stable. That
   * fixed point is computed directly as the earliest instant whose unpaused working time since
   * `from` equals the working time from `from` to the unsuspended deadline. So a deadline moved
   * by a suspension can end mid-day (e.g. 2 suspended working hours → 10:30 the next working day).
   */
  addWorkingDays(from: Date, n: number, paused: readonly Interval[] = []): Date {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0: ${n}`);
    const fromMs = instantMillis(from, 'from');
    const fromDay = dayOfMillis(fromMs);
    let day: number;
    if (n === 0) {
      const isOpenToday = this.days.isWorkingDay(fromDay) && fromMs < this.closeOf(fromDay);
      day = isOpenToday ? fromDay : this.days.firstWorkingDayFrom(fromDay + 1);
    } else {
      day = fromDay;
      for (let counted = 0; counted < n; counted += 1) day = this.days.firstWorkingDayFrom(day + 1);
    }
    const deadline = this.closeOf(day);
    const spans = normalizePaused(paused);
    if (spans.length === 0) return new Date(deadline);
    const owed = this.unpausedWorkingMs(fromMs, deadline);
    return new Date(Math.max(deadline, this.addWorkingMs(fromMs, owed, spans)));
  }

  /**
   * The instant at which `hours` working hours have run from `from`, counting only time inside the
   * working periods of working days and outside `paused`. The result is always inside working time
   * or exactly at the end of a period (a limit that runs out at 12:00 ends at 12:00, not 14:30).
   * 0 hours returns `from` unchanged.
   */
  addWorkingHours(from: Date, hours: number, paused: readonly Interval[] = []): Date {
    if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`working hours must be finite and ≥ 0: ${hours}`);
    const fromMs = instantMillis(from, 'from');
    return new Date(this.addWorkingMs(fromMs, Math.round(hours * HOUR_MS), normalizePaused(paused)));
  }

  /**
   * Working time in [from, to) outside `paused`, in milliseconds; negative when `to` is before
   * `from` (so elapsed and remaining time share one function).
   */
  workingMillisBetween(from: Date, to: Date, paused: readonly Interval[] = []): number {
    const fromMs = instantMillis(from, 'from');
    const toMs = instantMillis(to, 'to');
    if (toMs < fromMs) return negate(this.workingMillisBetween(to, from, paused));
    let total = this.unpausedWorkingMs(fromMs, toMs);
    // Merged spans are disjoint, so subtracting each one's working time never counts twice.
    for (const span of normalizePaused(paused)) {
      const start = Math.max(span.start, fromMs);
      const end = Math.min(span.end, toMs);
      if (end > start) total -= this.unpausedWorkingMs(start, end);
    }
    return total;
  }

  /**
   * Working days from `from` to `to` under the same rule as addWorkingDays: the working days after
   * `from`'s local date up to and including `to`'s local date, so that
   * workingDaysBetween(t, addWorkingDays(t, n)) === n for n ≥ 1. Used for "已超期 X 个工作日"
   * with (deadline, now). Negative (the same count, negated) when `to` is before `from`.
   */
  workingDaysBetween(from: Date, to: Date): number {
    const fromDay = dayOfMillis(instantMillis(from, 'from'));
    const toDay = dayOfMillis(instantMillis(to, 'to'));
    if (toDay >= fromDay) return this.days.countWorkingDays(fromDay + 1, toDay);
    return negate(this.days.countWorkingDays(toDay + 1, fromDay));
  }

  private closeOf(day: number): number {
    return midnightMillis(day) + this.closeOfDayMs;
  }

  /** Working time in [fromMs, toMs) ignoring suspensions; whole days in between are counted in O(log). */
  private unpausedWorkingMs(fromMs: number, toMs: number): number {
    if (toMs <= fromMs) return 0;
    const firstDay = dayOfMillis(fromMs);
    const lastDay = dayOfMillis(toMs);
    if (firstDay === lastDay) return this.workingMsWithinDay(firstDay, fromMs, toMs);
    const wholeDays = this.days.countWorkingDays(firstDay + 1, lastDay - 1);
    return (
      this.workingMsWithinDay(firstDay, fromMs, midnightMillis(firstDay + 1)) +
      wholeDays * this.workingMsPerDay() +
      this.workingMsWithinDay(lastDay, midnightMillis(lastDay), toMs)
    );
  }

  private workingMsWithinDay(day: number, fromMs: number, toMs: number): number {
    if (!this.days.isWorkingDay(day)) return 0;
    const midnight = midnightMillis(day);
    let total = 0;
    for (const [start, end] of this.periods) {
      total += Math.max(0, Math.min(toMs, midnight + end) - Math.max(fromMs, midnight + start));
    }
    return total;
  }

  private workingMsPerDay(): number {
    return this.periods.reduce((sum, [start, end]) => sum + end - start, 0);
  }

  /**
   * Walks forward period by period (never minute by minute), jumping over suspensions. Ends the
   * moment the owed time is used up, so the result is the earliest instant with that much working
   * time behind it.
   */
  private addWorkingMs(fromMs: number, amountMs: number, spans: readonly Span[]): number {
    let cursor = fromMs;
    let remaining = amountMs;
    let next = 0; // index of the first span that ends after the cursor
    while (remaining > 0) {
      if (cursor >= endOfTimeMs) return endOfTimeMs;
      while (next < spans.length && spans[next].end <= cursor) next += 1;
      const span = next < spans.length ? spans[next] : undefined;
      if (span && span.start <= cursor) {
        if (span.end === Infinity) return endOfTimeMs;
        cursor = span.end;
        continue;
      }
      const [periodStart, periodEnd] = this.periodAtOrAfter(cursor);
      if (periodStart > cursor) {
        cursor = periodStart; // re-check suspensions at the new position
        continue;
      }
      const limit = Math.min(periodEnd, span ? span.start : Infinity);
      const available = limit - cursor;
      if (remaining <= available) return Math.min(cursor + remaining, endOfTimeMs);
      remaining -= available;
      cursor = limit;
    }
    return cursor;
  }

  /** The first working period [start, end) whose end is after `ms`, in UTC milliseconds. */
  private periodAtOrAfter(ms: number): readonly [number, number] {
    for (let day = dayOfMillis(ms); ; day = this.days.firstWorkingDayFrom(day + 1)) {
      if (!this.days.isWorkingDay(day)) continue;
      const midnight = midnightMillis(day);
      for (const [start, end] of this.periods) {
        if (midnight + end > ms) return [midnight + start, midnight + end];
      }
    }
  }
}

/** Negates without producing -0, which would make `Object.is`-style equality surprising. */
function negate(value: number): number {
  return value === 0 ? 0 : -value;
}

function parsePeriods(hours: WorkingHours): Array<readonly [number, number]> {
  if (hours.periods.length === 0) throw new RangeError('working hours need at least one period');
  const periods = hours.periods.map(([start, end]) => [parseClock(start), parseClock(end)] as const);
  periods.forEach(([start, end], index) => {
    const previousEnd = index > 0 ? periods[index - 1][1] : 0;
    if (end <= start || start < previousEnd) {
      throw new RangeError(`working periods must be sorted, non-empty and not overlapping: ${JSON.stringify(hours.periods)}`);
    }
  });
  return periods;
}
