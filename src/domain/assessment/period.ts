// Assessment periods: a month (2026-10), a quarter (2026-Q3) or a year (2026), in Beijing time (UTC+8).

import { beijingDateCn, beijingMonth, beijingMonthStart } from '../calendar/local-time.js';

export type PeriodKind = 'month' | 'quarter' | 'year';

export interface Period {
  key: string;
  kind: PeriodKind;
  /** First instant of the period. */
  from: Date;
  /** First instant after the period. */
  to: Date;
}

const beijing = beijingMonthStart;

/** The period a key names, or null when the key is not one. */
export function parsePeriod(key: string): Period | null {
  let m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(key);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    return { key, kind: 'month', from: beijing(y, mo), to: beijing(mo === 12 ? y + 1 : y, mo === 12 ? 1 : mo + 1) };
  }
  m = /^(\d{4})-Q([1-4])$/.exec(key);
  if (m) {
    const y = Number(m[1]);
    const q = Number(m[2]);
    return { key, kind: 'quarter', from: beijing(y, q * 3 - 2), to: q === 4 ? beijing(y + 1, 1) : beijing(y, q * 3 + 1) };
  }
  m = /^(\d{4})$/.exec(key);
  if (m) {
    const y = Number(m[1]);
    return { key, kind: 'year', from: beijing(y, 1), to: beijing(y + 1, 1) };
  }
  return null;
}

export const hasEnded = (p: Period, now: Date) => now.getTime() >= p.to.getTime();

/** The month before the one `now` falls in (Beijing time), e.g. the period a monthly run at the start of a month is for. */
export function previousMonthKey(now: Date, back = 1): string {
  return beijingMonth(now, back);
}

export const inPeriod = (p: Pick<Period, 'from' | 'to'>, at: Date) => at.getTime() >= p.from.getTime() && at.getTime() < p.to.getTime();

/**
 * A period's dates as people read them, in Beijing time and Chinese form: 2026年10月1日至2026年10月31日. `to` is
 * exclusive (the next period's first instant), so the last day shown is the day before it.
 */
export function periodRangeCn(from: Date | string, to: Date | string): string {
  const start = new Date(from);
  const lastDay = new Date(new Date(to).getTime() - 1);
  return `${beijingDateCn(start)}至${beijingDateCn(lastDay)}`;
}
