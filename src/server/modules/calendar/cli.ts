import { parseStrictInstant } from '../../../contracts/common.js';
import type { AppDeps } from '../../deps.js';
import { beijingIso } from '../../../domain/calendar/local-time.js';

/** An instant as ISO 8601 in Beijing time with its offset, e.g. 2024-10-10T17:30:00+08:00. */
export function isoBeijing(d: Date): string {
  return beijingIso(d);
}

interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

function warnMissing(deps: AppDeps, years: number[], io: Io) {
  const known = new Set(deps.calendar.years);
  for (const y of [...new Set(years)].filter((y) => !known.has(y)).sort()) {
    io.err(`警告：工作日历缺少 ${y} 年的节假日安排，按仅双休日计算`);
  }
}

/** `yiwang calendar is-workday DATE...`: true or false per date, one per line. Exit 1 on a malformed date. */
export function isWorkdayCommand(deps: AppDeps, dates: string[], io: Io): number {
  if (dates.length === 0) {
    io.err('用法：yiwang calendar is-workday 2024-10-08 [更多日期…]');
    return 1;
  }
  const lines: string[] = [];
  for (const date of dates) {
    try {
      lines.push(String(deps.calendar.calendar.isWorkday(date)));
    } catch {
      io.err(`日期“${date}”格式不正确，应为 YYYY-MM-DD`);
      return 1;
    }
  }
  warnMissing(deps, dates.map((d) => Number(d.slice(0, 4))), io);
  for (const line of lines) io.out(line);
  return 0;
}

/** `yiwang calendar add --from ISO (--working-days N | --working-hours N)`: the deadline in ISO 8601 with +08:00. */
export function addCommand(deps: AppDeps, opts: { from?: string; days?: string; hours?: string }, io: Io): number {
  // Strict: 2024-02-30 is refused, not rolled over to March.
  const from = (opts.from && parseStrictInstant(opts.from)) || new Date(Number.NaN);
  if (Number.isNaN(from.getTime())) {
    io.err('请用 --from 给出起算时间，如 2024-09-30T10:00:00+08:00');
    return 1;
  }
  if ((opts.days === undefined) === (opts.hours === undefined)) {
    io.err('请给出 --working-days N 或 --working-hours N 之一');
    return 1;
  }
  const n = Number(opts.days ?? opts.hours);
  const cal = deps.calendar.calendar;
  let out: Date;
  try {
    out = opts.days !== undefined ? cal.addWorkingDays(from, n) : cal.addWorkingHours(from, n);
  } catch {
    io.err(opts.days !== undefined ? '工作日数须为不小于 0 的整数' : '工作小时数须为不小于 0 的数');
    return 1;
  }
  const years = [];
  for (let y = Number(cal.localDate(from).slice(0, 4)); y <= Number(cal.localDate(out).slice(0, 4)); y += 1) years.push(y);
  warnMissing(deps, years, io);
  io.out(isoBeijing(out));
  return 0;
}
