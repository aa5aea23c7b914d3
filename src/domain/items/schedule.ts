import type { ReportSchedule } from './types.js';

// The report schedule's periods and due dates, pure. Periods are keys that sort as text within one frequency:
// 2026-11 (monthly), 2026-Q4 (quarterly). A period is due on day `day` of its month (a quarter: of its last month),
// at the close of that Beijing day (23:59:59.999 +08:00): a report that day is on time.

export interface ReportPeriod {
  period: string;
  /** YYYY-MM-DD */
  dueDate: string;
  dueAt: Date;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The end of a Beijing calendar day as an instant. */
export function endOfBeijingDay(date: string): Date {
  return new Date(`${date}T23:59:59.999+08:00`);
}

/** Every period of the schedule whose due date falls inside [start, end] (YYYY-MM-DD), in order. */
export function reportPeriods(schedule: ReportSchedule, start: string, end: string): ReportPeriod[] {
  if (schedule.frequency === 'none') return [];
  const out: ReportPeriod[] = [];
  let y = Number(start.slice(0, 4));
  let m = Number(start.slice(5, 7));
  for (;;) {
    const dueDate = `${y}-${pad(m)}-${pad(schedule.day)}`;
    if (dueDate > end) break;
    const isQuarterEnd = m % 3 === 0;
    if (dueDate >= start && (schedule.frequency === 'monthly' || isQuarterEnd)) {
      const period = schedule.frequency === 'monthly' ? `${y}-${pad(m)}` : `${y}-Q${m / 3}`;
      out.push({ period, dueDate, dueAt: endOfBeijingDay(dueDate) });
    }
    m += 1;
    if (m > 12) { m = 1; y += 1; }
  }
  return out;
}

/** The period a report made at `today` (YYYY-MM-DD) answers: the first not yet reported whose due date is the
 * nearest still open, else the latest past one. Null when the schedule has no periods. */
export function periodFor(periods: readonly ReportPeriod[], reported: ReadonlySet<string>, today: string): ReportPeriod | null {
  const open = periods.filter((p) => !reported.has(p.period));
  if (!open.length) return null;
  // The oldest unreported period that is already due comes first (a late report fills it), else the next one.
  return open.find((p) => p.dueDate < today) ?? open[0];
}

/** The last period whose due instant has passed at `now`, or null. */
export function lastDuePeriod(periods: readonly ReportPeriod[], now: Date): ReportPeriod | null {
  let last: ReportPeriod | null = null;
  for (const p of periods) if (p.dueAt.getTime() < now.getTime()) last = p;
  return last;
}
