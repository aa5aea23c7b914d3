// Whether a hot spot's problem fell after it was taken up: cases per week before and after a turning point (the day it
// became a task or the month's topic; else its detection). Pure; the weeks are counted by the caller.

export interface WeekCount { /** Monday of the week, YYYY-MM-DD (Beijing). */ week: string; count: number }

export interface TrendVerdict {
  /** Mean cases per week over the `span` whole weeks before the turning point's week. */
  beforePerWeek: number;
  /** Mean over the whole weeks after it (null until one has passed). */
  afterPerWeek: number | null;
  /** 'fell' when after ≤ half of before, 'rose' when above before, else 'flat'; null without an after figure. */
  verdict: 'fell' | 'flat' | 'rose' | null;
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * `weeks` in order, the last possibly unfinished (`currentWeek`, excluded from the after figure); `turnWeek` the
 * Monday of the turning point's week (excluded from both: it is half one, half the other).
 */
export function trendVerdict(weeks: readonly WeekCount[], turnWeek: string, currentWeek: string, span = 4): TrendVerdict {
  const before = weeks.filter((w) => w.week < turnWeek).slice(-span).map((w) => w.count);
  const after = weeks.filter((w) => w.week > turnWeek && w.week < currentWeek).map((w) => w.count);
  const beforePerWeek = before.length ? mean(before) : 0;
  if (!after.length) return { beforePerWeek, afterPerWeek: null, verdict: null };
  const afterPerWeek = mean(after);
  const verdict = afterPerWeek <= beforePerWeek / 2 ? 'fell' : afterPerWeek > beforePerWeek ? 'rose' : 'flat';
  return { beforePerWeek, afterPerWeek, verdict };
}

/** Monday (YYYY-MM-DD) of the week holding a local date. */
export function mondayOf(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const back = (d.getUTCDay() + 6) % 7;
  return new Date(d.getTime() - back * 86_400_000).toISOString().slice(0, 10);
}
