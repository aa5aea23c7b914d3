import { z } from 'zod';

// One normaliser for all text that comes in: every string field of every request contract is built on zStr()
// (test/security/contracts-text.int.test.ts walks every route's schemas to keep it so), and the hand-parsed
// Open311 parameters call textFault() directly.
//
// Refused rather than stripped: NUL (PostgreSQL cannot store it: it used to surface as a 500), the other C0
// control characters except tab, line feed and carriage return, lone UTF-16 surrogates and U+FFFE/U+FFFF (none
// of them can be written in XML 1.0, so one in a description used to break the public Open311 XML feed). A
// refusal keeps the stored text exactly what the sender wrote and tells the sender; silently stripping would
// change a citizen's words behind their back, and a browser form never produces these characters anyway.

// eslint-disable-next-line no-control-regex
const forbiddenText = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a text is refused (zh-CN, names the character), or null when it is acceptable. */
export function textFault(s: string): string | null {
  const m = forbiddenText.exec(s);
  if (!m) return null;
  const code = m[0].charCodeAt(0);
  const name = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (code === 0) return `含有空字符（NUL，${name}），请删除后重新提交`;
  if (code < 0x20) return `含有控制字符 ${name}，请删除后重新提交`;
  return `含有无效字符 ${name}，请删除后重新提交`;
}

/** The stable error code a refused text carries (in the zod issue's params, mapped by the HTTP error handler). */
export const textFaultCode = 'TEXT_CONTROL_CHARACTER';

/** The check every request string carries; exported so the contract walker can recognise it. */
export const textCheck = z.superRefine<string>((s, ctx) => {
  const fault = textFault(s);
  if (fault) ctx.addIssue({ code: 'custom', message: fault, input: s, params: { code: textFaultCode } });
});

/** A request string: any length, control characters refused. Chain .trim(), .max(), .regex() on it as on z.string(). */
export const zStr = () => z.string().check(textCheck);

export const zId = z.coerce.number().int().positive();
export const zText = (max: number) => zStr().trim().min(1).max(max);
export const zErrorResponse = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});
export type ErrorResponse = z.infer<typeof zErrorResponse>;

// Strict dates: JavaScript's Date rolls 2026-02-30 over to 2026-03-02; here such a date is refused.

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const dateTimePattern = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function realDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** A real calendar date written YYYY-MM-DD. */
export function isStrictDate(s: string): boolean {
  const m = datePattern.exec(s);
  return !!m && realDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

/**
 * YYYY-MM-DD or an ISO 8601 date-time (YYYY-MM-DDTHH:mm[:ss[.fff]][Z|±hh:mm]) naming a real date and time; the
 * Date it means (as `new Date(s)` reads it), or null.
 */
export function parseStrictInstant(s: string): Date | null {
  const m = dateTimePattern.exec(s);
  if (!m || !realDay(Number(m[1]), Number(m[2]), Number(m[3]))) return null;
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59)) return null;
  if (m[7] && m[7] !== 'Z' && (Number(m[7].slice(1, 3)) > 14 || Number(m[7].slice(-2)) > 59)) return null;
  const d = new Date(m[4] !== undefined ? s.replace(' ', 'T') : s);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** A date field: YYYY-MM-DD, a real date. */
export const zDate = () => zStr().trim().regex(datePattern, '日期格式应为 YYYY-MM-DD').refine(isStrictDate, '日期不存在（如 2 月 30 日）');

/** A point in time: YYYY-MM-DD or an ISO 8601 date-time naming a real date, as a Date. */
export const zInstant = () => zStr().trim()
  .refine((s) => parseStrictInstant(s) !== null, '时间格式应为 YYYY-MM-DD 或 ISO 8601（如 2026-11-20T17:30:00+08:00），且日期真实存在')
  .transform((s) => parseStrictInstant(s)!);
