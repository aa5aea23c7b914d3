import { formatDay, isWeekend, parseLocalDate } from './local-time';

/**
 * Official days off and make-up working days (调休上班), local 'YYYY-MM-DD'.
 * `holidays` may list weekend days too (they are ignored); a date may not be in both lists.
 */
export interface CalendarData {
  holidays: readonly string[];
  makeupWorkdays: readonly string[];
}

// Weekdays (Mon–Fri) among the 7 days starting 1970-01-01 (a Thursday), as a prefix count:
// WEEKDAY_PREFIX[r] = weekdays among day numbers 0 … r-1.
const WEEKDAY_PREFIX = [0, 1, 2, 2, 2, 3, 4, 5] as const;

/** Mon–Fri in day numbers [0, day) — or minus those in [day, 0) — so differences count any range. */
function weekdaysBefore(day: number): number {
  const weeks = Math.floor(day / 7);
  return weeks * 5 + WEEKDAY_PREFIX[day - weeks * 7];
}

/** Number of entries of a sorted array within [first, last]. */
function countWithin(sorted: readonly number[], first: number, last: number): number {
  return lowerBound(sorted, last + 1) - lowerBound(sorted, first);
}

function lowerBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid] < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * Which local days are working days. A make-up working day (调休上班) wins over everything, then a
 * listed holiday, then the Saturday/Sunday rule. Listing weekend days off as holidays is harmless,
 * so the data can copy the official notices' date ranges verbatim.
 */
export class DayRules {
  private readonly holidays: ReadonlySet<number>;
  private readonly makeupWorkdays: ReadonlySet<number>;
  /** Sorted Mon–Fri days that are off; with the next list, turns counting into two binary searches. */
  private readonly weekdaysOff: readonly number[];
  /** Sorted Sat/Sun days that are worked. */
  private readonly weekendsWorked: readonly number[];

  constructor(data: CalendarData) {
    const holidays = new Set(data.holidays.map(parseLocalDate));
    const makeupWorkdays = new Set(data.makeupWorkdays.map(parseLocalDate));
    for (const day of makeupWorkdays) {
      if (holidays.has(day)) {
        throw new RangeError(`${formatDay(day)} is listed both as a holiday and as a make-up working day`);
      }
    }
    this.holidays = holidays;
    this.makeupWorkdays = makeupWorkdays;
    this.weekdaysOff = [...holidays].filter((day) => !isWeekend(day)).sort((a, b) => a - b);
    this.weekendsWorked = [...makeupWorkdays].filter(isWeekend).sort((a, b) => a - b);
  }

  isWorkingDay(day: number): boolean {
    if (this.makeupWorkdays.has(day)) return true;
    if (this.holidays.has(day)) return false;
    return !isWeekend(day);
  }

  /** The first working day on or after `day`. Terminates: holidays are finite, weekdays are not. */
  firstWorkingDayFrom(day: number): number {
    let candidate = day;
    while (!this.isWorkingDay(candidate)) candidate += 1;
    return candidate;
  }

  /** Working days in [first, last] (0 when last < first), in O(log holidays). */
  countWorkingDays(first: number, last: number): number {
    if (last < first) return 0;
    const weekdays = weekdaysBefore(last + 1) - weekdaysBefore(first);
    return (
      weekdays - countWithin(this.weekdaysOff, first, last) + countWithin(this.weekendsWorked, first, last)
    );
  }
}
