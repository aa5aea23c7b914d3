import type { CalendarDay } from './china-notices';
import { isWeekend, parseLocalDate } from './local-time';

/** One thing wrong with an import or a day edit, in words an admin can act on (zh-CN). */
export interface DayProblem {
  /** 1-based line (CSV) or item (JSON) number, when the input had lines. */
  line: number | null;
  date: string | null;
  message: string;
}

const kindAliases: Record<string, CalendarDay['kind']> = {
  holiday: 'holiday', 放假: 'holiday', 休: 'holiday', 节假日: 'holiday',
  makeup_workday: 'makeup_workday', workday: 'makeup_workday', 调休上班: 'makeup_workday', 上班: 'makeup_workday', 班: 'makeup_workday',
};

const where = (line: number | null) => (line === null ? '' : `第 ${line} 行：`);

/**
 * Reads a pasted notice: a JSON array of {date, kind, name} (or {days: [...]}), or CSV lines `date,kind,name`
 * (kind: holiday / makeup_workday, or 放假 / 调休上班). Blank lines, `#` comments and a `date,kind,name` header
 * are skipped. Nothing is dropped silently: every unreadable line is a problem.
 */
export function parseCalendarImport(text: string): { days: Array<CalendarDay & { line: number | null }>; problems: DayProblem[] } {
  const trimmed = text.trim();
  const problems: DayProblem[] = [];
  const days: Array<CalendarDay & { line: number | null }> = [];
  if (!trimmed) return { days, problems: [{ line: null, date: null, message: '导入内容为空' }] };
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch {
      return { days, problems: [{ line: null, date: null, message: '导入内容不是有效的 JSON' }] };
    }
    const items = Array.isArray(json) ? json : (json as { days?: unknown }).days;
    if (!Array.isArray(items)) return { days, problems: [{ line: null, date: null, message: 'JSON 应为数组，或含 days 数组的对象' }] };
    items.forEach((item: unknown, index) => {
      const o = (item ?? {}) as Record<string, unknown>;
      const day = readDay(String(o.date ?? ''), String(o.kind ?? ''), String(o.name ?? ''), index + 1, problems);
      if (day) days.push(day);
    });
    return { days, problems };
  }
  trimmed.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith('#') || /^date\s*,/i.test(line) || /^日期\s*[,，]/.test(line)) return;
    const cells = line.split(/[,，\t]/).map((c) => c.trim());
    if (cells.length < 2) {
      problems.push({ line: index + 1, date: null, message: `${where(index + 1)}应为“日期,类型,名称”，如 2024-10-01,holiday,国庆节` });
      return;
    }
    const day = readDay(cells[0], cells[1], cells.slice(2).join(',').trim(), index + 1, problems);
    if (day) days.push(day);
  });
  if (days.length === 0 && problems.length === 0) problems.push({ line: null, date: null, message: '导入内容中没有日期' });
  return { days, problems };
}

function readDay(date: string, kindText: string, name: string, line: number | null, problems: DayProblem[]) {
  const kind = kindAliases[kindText.trim()];
  const bad = dateProblem(date);
  if (bad) problems.push({ line, date, message: `${where(line)}${bad}` });
  if (!kind) problems.push({ line, date, message: `${where(line)}类型“${kindText}”无效，应为 holiday（放假）或 makeup_workday（调休上班）` });
  return bad || !kind ? null : { date, kind, name: name.slice(0, 50), line };
}

/** Why a string is not a usable local date, or null. */
export function dateProblem(date: string): string | null {
  try {
    parseLocalDate(date);
    return null;
  } catch {
    return `日期“${date}”格式不正确，应为 YYYY-MM-DD 且是真实存在的日期`;
  }
}

/**
 * Checks the days of one year's notice: dates belong to that year (or the December before it, as 元旦 can), no date
 * twice, a make-up working day falls on a Saturday or Sunday (a holiday on a weekend is fine), and no date already
 * belongs to another year's notice (`otherYears`: date → year of the notice holding it).
 */
export function validateYearDays(
  year: number,
  days: ReadonlyArray<CalendarDay & { line?: number | null }>,
  otherYears: ReadonlyMap<string, number>,
): DayProblem[] {
  const problems: DayProblem[] = [];
  const seen = new Map<string, number | null>();
  for (const d of days) {
    const line = d.line ?? null;
    const bad = dateProblem(d.date);
    if (bad) {
      problems.push({ line, date: d.date, message: `${where(line)}${bad}` });
      continue;
    }
    const dateYear = Number(d.date.slice(0, 4));
    const month = d.date.slice(5, 7);
    if (dateYear !== year && !(dateYear === year - 1 && month === '12')) {
      problems.push({ line, date: d.date, message: `${where(line)}${d.date} 不属于 ${year} 年的安排（只可包含 ${year} 年及上一年 12 月的日期）` });
    }
    if (seen.has(d.date)) {
      const first = seen.get(d.date);
      problems.push({ line, date: d.date, message: `${where(line)}${d.date} 重复出现${first ? `（与第 ${first} 行重复）` : ''}` });
    } else seen.set(d.date, line);
    const other = otherYears.get(d.date);
    if (other !== undefined && other !== year) {
      problems.push({ line, date: d.date, message: `${where(line)}${d.date} 已在 ${other} 年的安排中，不能重叠` });
    }
    if (d.kind === 'makeup_workday' && !isWeekend(parseLocalDate(d.date))) {
      problems.push({ line, date: d.date, message: `${where(line)}调休上班日 ${d.date} 不是周六或周日` });
    }
  }
  return problems;
}

/** Periods like [['08:30','12:00'],['14:30','17:30']]: why they are unusable, or null. */
export function workingHoursProblem(periods: ReadonlyArray<readonly [string, string]>): string | null {
  if (periods.length === 0) return '至少需要一个工作时段';
  const clock = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
  let previousEnd = '';
  for (const [start, end] of periods) {
    if (!clock.test(start) || !clock.test(end)) return `时间“${start}–${end}”格式不正确，应为 HH:MM`;
    if (end <= start) return `时段 ${start}–${end} 的结束时间应晚于开始时间`;
    if (previousEnd && start < previousEnd) return `时段 ${start}–${end} 与前一时段重叠或未按时间顺序排列`;
    previousEnd = end;
  }
  return null;
}
