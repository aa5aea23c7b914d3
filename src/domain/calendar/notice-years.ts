import { beijingDate } from './local-time.js';

// A year whose holiday notice (国务院办公厅关于某年部分节假日安排的通知) is not in the calendar counts weekends only, so
// 元旦 and 春节 would be working days. These say which years a deadline runs into without a notice, and when the
// administrator must be told ahead of a new year.

const yearOf = (at: Date) => Number(beijingDate(at).slice(0, 4));

/** The years between two instants (Beijing dates, both included, in either order) that have no notice. */
export function yearsWithoutNotice(a: Date, b: Date, present: ReadonlySet<number>): number[] {
  const [lo, hi] = [yearOf(a), yearOf(b)].sort((x, y) => x - y);
  const out: number[] = [];
  for (let y = lo; y <= hi; y++) if (!present.has(y)) out.push(y);
  return out;
}

/** Six weeks: the State Council publishes the next year's notice in October to December. */
export const noticeLeadDays = 42;

/** The next year, when it starts within `leadDays` days of `now` and has no notice yet; otherwise null. */
export function upcomingYearWithoutNotice(now: Date, present: ReadonlySet<number>, leadDays = noticeLeadDays): number | null {
  const next = yearOf(now) + 1;
  if (present.has(next)) return null;
  const startsIn = (Date.parse(`${next}-01-01T00:00:00+08:00`) - now.getTime()) / 86_400_000;
  return startsIn <= leadDays ? next : null;
}
