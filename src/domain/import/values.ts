// Parsing the cell values of imported files: dates in every shape one column may mix, satisfaction ratings, source
// statuses, phone numbers. Pure: no I/O, no clock.

import type { Rating } from '../case/status.js';

/** A cell as a reader delivers it: text (CSV, JSON, XLSX text), a number (XLSX, JSON), a Date (XLSX date cell). */
export type CellValue = string | number | boolean | Date | null | undefined;

export interface DateOptions {
  /** Offset of the source's wall-clock times from UTC in minutes (Beijing +480, the default). */
  utcOffsetMinutes?: number;
  /** Read 05/03/2024 as 5 March rather than May 3 (the US order, NYC 311 exports, is the default). */
  dayFirst?: boolean;
}

export type DateResult = { ok: true; value: Date } | { ok: false; reason: string };

const excelEpoch = Date.UTC(1899, 11, 30);
/** Excel serials from 1950 to 2100: a wider range is more likely a count or an id than a date. */
const serialMin = 18264;
const serialMax = 73051;

function wallClock(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number, offsetMinutes: number): DateResult {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return { ok: false, reason: '日期或时间超出范围' };
  const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d > daysInMonth) return { ok: false, reason: `${y}年${mo}月没有${d}日` };
  return { ok: true, value: new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms) - offsetMinutes * 60_000) };
}

/** Excel serial day number (days since 1899-12-30, fraction = time of day) read as wall-clock time at the source. */
export function fromExcelSerial(serial: number, offsetMinutes = 480): Date {
  const ms = Math.round(serial * 86_400_000);
  // Round to the second: Excel stores times as binary fractions, 14:30 comes back as 14:29:59.9999.
  return new Date(Math.round((excelEpoch + ms) / 1000) * 1000 - offsetMinutes * 60_000);
}

function hour12(h: number, ampm: string | undefined): number {
  if (!ampm) return h;
  const pm = /^p/i.test(ampm) || ampm === '下午' || ampm === '晚上';
  if (h === 12) return pm ? 12 : 0;
  return pm ? h + 12 : h;
}

const timePart = String.raw`(?:[ T]*(上午|下午|晚上)?\s*(\d{1,2})(?:[:时点](\d{1,2})(?:[:分](\d{1,2})(?:\.(\d{1,6}))?秒?)?分?)?\s*(AM|PM|am|pm|a\.m\.|p\.m\.)?)?`;
const zonePart = String.raw`\s*(Z|[+-]\d{2}:?\d{2})?`;
/** Year first: 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日, each with an optional time and offset. */
const yearFirst = new RegExp(String.raw`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?` + timePart + zonePart + '$');
/** Year last: 03/05/2024 (US order unless dayFirst), 5.3.2024. */
const yearLast = new RegExp(String.raw`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})` + timePart + zonePart + '$');

const cnDigits: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/**
 * Reads a date-time cell. Accepts Date objects from XLSX (their UTC fields are the wall-clock time Excel showed),
 * Excel serial numbers (as numbers or text), ISO 8601 with or without offset, 2024-03-05 14:30, 2024/3/5,
 * 2024.3.5, 2024年3月5日 14时30分, 20240305, 20240305143000, 03/05/2024 02:30:00 PM. Times without an offset are
 * wall-clock times of the source (Beijing unless the mapping says otherwise).
 */
export function parseDateValue(value: CellValue, opts: DateOptions = {}): DateResult {
  const offset = opts.utcOffsetMinutes ?? 480;
  if (value == null || value === '') return { ok: false, reason: '为空' };
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { ok: false, reason: '不是有效日期' };
    return { ok: true, value: new Date(value.getTime() - offset * 60_000) };
  }
  if (typeof value === 'number') {
    if (value >= serialMin && value <= serialMax) return { ok: true, value: fromExcelSerial(value, offset) };
    return { ok: false, reason: `数字 ${value} 不像 Excel 日期` };
  }
  if (typeof value === 'boolean') return { ok: false, reason: '不是日期' };
  let t = value.normalize('NFKC').trim().replace(/\s+/g, ' ');
  if (!t) return { ok: false, reason: '为空' };
  // Chinese numerals in dates (二〇二四年三月五日) are rare but appear in letters.
  if (/^[〇零一二三四五六七八九]{4}年/.test(t)) t = t.replace(/[〇零一二三四五六七八九]/g, (c) => String(cnDigits[c]));

  let m = /^(\d+(?:\.\d+)?)$/.exec(t);
  if (m) {
    const digits = m[1];
    if (/^\d{8}$/.test(digits)) return wallClock(+digits.slice(0, 4), +digits.slice(4, 6), +digits.slice(6, 8), 0, 0, 0, 0, offset);
    if (/^\d{14}$/.test(digits)) {
      return wallClock(+digits.slice(0, 4), +digits.slice(4, 6), +digits.slice(6, 8), +digits.slice(8, 10), +digits.slice(10, 12), +digits.slice(12, 14), 0, offset);
    }
    const n = Number(digits);
    if (n >= serialMin && n <= serialMax) return { ok: true, value: fromExcelSerial(n, offset) };
    // Unix time in seconds or milliseconds (JSON exports).
    if (/^\d{10}$/.test(digits)) return { ok: true, value: new Date(n * 1000) };
    if (/^\d{13}$/.test(digits)) return { ok: true, value: new Date(n) };
    return { ok: false, reason: `「${t}」不是可识别的日期` };
  }

  m = yearFirst.exec(t);
  if (m) return withTime(+m[1], +m[2], +m[3], m, offset);
  m = yearLast.exec(t);
  if (m) {
    const [a, b] = [+m[1], +m[2]];
    const dayFirst = opts.dayFirst ?? (a > 12 && b <= 12);
    return withTime(+m[3], dayFirst ? b : a, dayFirst ? a : b, m, offset);
  }
  // Year and month only (2024年3月): not precise enough for a case's creation.
  return { ok: false, reason: `「${t.length > 30 ? t.slice(0, 30) + '…' : t}」不是可识别的日期` };
}

function withTime(y: number, mo: number, d: number, m: RegExpExecArray, offset: number): DateResult {
  const [cnAmPm, hh, mi, ss, frac, ampm, zone] = m.slice(4, 11);
  const h = hh === undefined ? 0 : hour12(+hh, ampm ?? cnAmPm);
  const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
  let tz = offset;
  if (zone) tz = zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (+zone.slice(1, 3) * 60 + +zone.slice(-2));
  return wallClock(y, mo, d, h, mi ? +mi : 0, ss ? +ss : 0, ms, tz);
}

/** Text of a cell, trimmed; Dates and numbers as the user would read them. */
export function cellText(value: CellValue): string {
  if (value == null) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().replace('T', ' ').slice(0, 19);
  return String(value).trim();
}

export type RatingResult = { ok: true; value: Rating | null } | { ok: false; reason: string };

const ratingWords: [RegExp, Rating | null][] = [
  [/^(非常|很)?不满意$|^差评?$|^dissatisfied$|^unsatisfied$|^不满$/i, 'unsatisfied'],
  [/^(基本|比较|一般|还算)满意$|^一般$|^basically$|^neutral$|^somewhat/i, 'basically'],
  [/^(非常|很|十分)?满意$|^好评?$|^satisfied$|^very ?satisfied$|^满意度高$/i, 'satisfied'],
  [/^(未评价|未回访|无|暂无|未评|-|—|\/|n\/?a|none|无法联系|未接通)$/i, null],
];

/** 满意 / 基本满意 / 不满意 and their variants, 1–5 stars (4–5 satisfied, 3 basically, 1–2 unsatisfied). */
export function parseRating(value: CellValue): RatingResult {
  const t = cellText(value).normalize('NFKC').replace(/\s+/g, '');
  if (!t) return { ok: true, value: null };
  const n = Number(t.replace(/分|星$/, ''));
  if (Number.isInteger(n) && n >= 1 && n <= 5) return { ok: true, value: n >= 4 ? 'satisfied' : n === 3 ? 'basically' : 'unsatisfied' };
  for (const [re, rating] of ratingWords) if (re.test(t)) return { ok: true, value: rating };
  return { ok: false, reason: `满意度「${t}」无法识别` };
}

export type StatusKind = 'finished' | 'open' | 'rejected' | 'unknown';

const finishedStatus = /办结|已完成|^完成$|已关闭|^关闭$|结案|归档|已回访|已评价|^closed$|^resolved$|^completed?$|^done$|^finished$/i;
const rejectedStatus = /不予受理|已驳回|^驳回$|无效|^rejected$|^invalid$|^duplicate$/i;
const openStatus = /待|办理中|处理中|已受理|已派单|已交办|已签收|未办结|未完成|^open$|^pending$|^in ?progress$|^assigned$|^started$|^new$|^submitted$/i;

/** What a source status says about the case: finished, still open, rejected, or not known. */
export function classifyStatus(value: CellValue): StatusKind {
  const t = cellText(value).normalize('NFKC').trim();
  if (!t) return 'unknown';
  if (rejectedStatus.test(t)) return 'rejected';
  if (openStatus.test(t) && !/已办结/.test(t)) return 'open';
  if (finishedStatus.test(t)) return 'finished';
  return 'unknown';
}

/** Digits, +, -, spaces and brackets, as the case table expects; null when nothing phone-like is left. */
export function cleanPhone(value: CellValue): string | null {
  const t = cellText(value).normalize('NFKC').replace(/^'/, '');
  if (!t) return null;
  const phone = t.replace(/[^0-9+\-() ]/g, '').trim();
  return phone.replace(/\D/g, '').length >= 5 ? phone.slice(0, 20) : null;
}
