// Masking of personal data for everything public (board, Open311 GET, public similar cases).
// Owner: the publication area. Other areas import maskPersonalData, maskName and maskPhone; the publication area
// also uses detectPersonalData to highlight what was found in the review screen.
//
// Detection runs a list of detectors over the text; each returns spans, overlapping spans are resolved by priority
// (earlier detector wins, then the longer span), and the survivors are replaced right to left. Every replacement
// contains '*' or a placeholder, and masking masked text changes nothing (idempotent), so the supervisor's edited
// text can be masked again on approval.

import { detectAddressNumbers } from './address.js';
import { detectNames, type NameSpan } from './names.js';
import { isValidIdCard18, isValidIdDate, luhnValid } from './checks.js';

export interface KnownPersonalData {
  /** Names known from the case (submitter, contacts): masked wherever they appear. */
  names?: string[];
  /** The enterprise name, masked when `maskEnterprise` is set (the submitter asked). */
  enterpriseName?: string | null;
  maskEnterprise?: boolean;
  /** Manual redactions by the supervisor: each occurrence is replaced by ███ (kept as '*' runs). */
  redactions?: string[];
  /** Other literal strings known to be personal (phone numbers, addresses of the case): masked by their kind's rule. */
  phones?: string[];
  /** Place words local enterprise names start with (province, city: domain/settings/city.ts placePrefixes). */
  placePrefixes?: readonly string[];
  /**
   * Official numbers of units (service lines, office numbers): not personal data, never masked. Compared by their
   * digits, so 0734-8888888 allows (0734)8888888 too. A number also in `phones` (the submitter's own) stays masked.
   */
  officialNumbers?: string[];
}

export type PersonalDataKind = 'name' | 'mobile' | 'landline' | 'id_card' | 'email' | 'plate' | 'bank_card' | 'house_number' | 'enterprise' | 'account' | 'redaction';

export interface DetectedSpan {
  start: number;
  /** Exclusive. */
  end: number;
  kind: PersonalDataKind;
  text: string;
  replacement: string;
}

/** 张三 → 张*, 欧阳娜娜 → 欧***: keeps the first character only. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return '*';
  return chars[0] + '*'.repeat(chars.length - 1);
}

/** 13812345678 → 138****5678; other numbers keep at most their last 4 digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length === 11) return `${digits.slice(0, 3)}****${digits.slice(7)}`;
  return digits.length > 4 ? '*'.repeat(digits.length - 4) + digits.slice(-4) : '****';
}

const digitsOf = (s: string) => s.replace(/\D/g, '');

/** Masks personal data found in free text: known names and strings, plus every pattern the detectors know. */
export function maskPersonalData(text: string, known: KnownPersonalData = {}): string {
  return applySpans(text, detectPersonalData(text, known));
}

/** Replaces the spans (non-overlapping, sorted) in the text. */
export function applySpans(text: string, spans: readonly DetectedSpan[]): string {
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + s.replacement;
    at = s.end;
  }
  return out + text.slice(at);
}

// ---------------------------------------------------------------------------------------------------------------------
// Detectors, in priority order.

const notDigitBefore = '(?<![0-9０-９])';
const notDigitAfter = '(?![0-9０-９])';

/** Replaces every digit/letter by '*' except the first `keepStart` and last `keepEnd` of them (separators stay). */
function starMiddle(s: string, keepStart: number, keepEnd: number): string {
  const alnum = [...s].filter((c) => /[0-9A-Za-z]/.test(c)).length;
  let seen = 0;
  return [...s].map((c) => {
    if (!/[0-9A-Za-z]/.test(c)) return c;
    seen++;
    return seen <= keepStart || seen > alnum - keepEnd ? c : '*';
  }).join('');
}

function regexSpans(text: string, re: RegExp, kind: PersonalDataKind, accept: (m: RegExpExecArray) => string | null, group = 0): DetectedSpan[] {
  const out: DetectedSpan[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const matched = m[group];
    if (matched === undefined) continue;
    const start = m.index + (group ? m[0].indexOf(matched) : 0);
    const replacement = accept(m);
    if (replacement !== null && replacement !== matched) out.push({ start, end: start + matched.length, kind, text: matched, replacement });
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}

const emailRe = /[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
function emails(text: string): DetectedSpan[] {
  return regexSpans(text, emailRe, 'email', (m) => {
    const [local, domain] = m[0].split('@');
    return `${local[0]}***@${domain}`;
  });
}

// 18-digit ID numbers (with their checksum, or a typo'd checksum on a valid birth date), 15-digit old ones.
const id18Re = new RegExp(`${notDigitBefore}(?<![A-Za-z])[1-9]\\d{5}(?:18|19|20)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])\\d{3}[0-9Xx]${notDigitAfter}(?![A-Za-z])`, 'g');
const id15Re = new RegExp(`${notDigitBefore}(?<![A-Za-z])[1-9]\\d{5}\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])\\d{3}${notDigitAfter}(?![A-Za-z])`, 'g');
function idCards(text: string): DetectedSpan[] {
  return [
    ...regexSpans(text, id18Re, 'id_card', (m) => (isValidIdCard18(m[0]) || isValidIdDate(m[0].slice(6, 14)) ? starMiddle(m[0], 4, 4) : null)),
    ...regexSpans(text, id15Re, 'id_card', (m) => (isValidIdDate(`19${m[0].slice(6, 12)}`) ? starMiddle(m[0], 4, 3) : null)),
  ];
}

// Bank cards: 16–19 digits passing Luhn, written in one run or in groups of four.
const cardRe = new RegExp(`${notDigitBefore}(?:\\d{4}[ -]){3}\\d{4}(?:[ -]?\\d{1,3})?${notDigitAfter}|${notDigitBefore}\\d{16,19}${notDigitAfter}`, 'g');
function bankCards(text: string): DetectedSpan[] {
  return regexSpans(text, cardRe, 'bank_card', (m) => {
    const digits = m[0].replace(/\D/g, '');
    if (digits.length < 16 || digits.length > 19 || !luhnValid(digits)) return null;
    return starMiddle(m[0], 4, 4);
  });
}

// Mobile numbers, with +86 / 86 and spaces or hyphens between the groups.
const mobileRe = new RegExp(`${notDigitBefore}(?:(?:\\+|＋)?86[ -]?)?1[3-9]\\d(?:[ -]?\\d{4}){2}${notDigitAfter}`, 'g');
function mobiles(text: string): DetectedSpan[] {
  return regexSpans(text, mobileRe, 'mobile', (m) => {
    const digits = m[0].replace(/\D/g, '');
    const local = digits.slice(-11);
    return `${digits.length > 11 ? '+86 ' : ''}${local.slice(0, 3)}****${local.slice(7)}`;
  });
}

// Landlines: area code 0xx(x) with a 7–8 digit number ((0734)8123456, 0734-8123456, 07348123456), optional extension;
// and a bare 7–8 digit number right after a phone word (电话8123456).
const landlineRe = new RegExp(`${notDigitBefore}(?:[(（]0\\d{2,3}[)）][ -]?|0\\d{2,3}[ -]?)[2-9]\\d{6,7}(?:(?:转|-|ext\\.?)\\d{1,5})?${notDigitAfter}`, 'g');
const phoneWordRe = /(?:电话|手机|座机|热线|联系方式|号码|tel|Tel|TEL)[：:\s]*(?:是|为)?[：:\s]*([2-9]\d{6,7})(?![0-9])/g;
function landlines(text: string): DetectedSpan[] {
  return [
    ...regexSpans(text, landlineRe, 'landline', (m) => {
      const digitsOnly = m[0].replace(/\D/g, '');
      // 12345-style service numbers and 400/800 enterprise lines never match (they do not start with 0 + area code).
      if (digitsOnly.length < 10) return null;
      return starMiddle(m[0], 4, 2);
    }),
    ...regexSpans(text, phoneWordRe, 'landline', (m) => starMiddle(m[1], 0, 2), 1),
  ];
}

// Plates: province + letter + 5 (6 for new energy) letters/digits, with an optional separator. Letters I and O
// are never used on plates; the last character may be 挂/学/警/港/澳.
const plateRe = /[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][·・.\s-]?(?:[A-HJ-NP-Z0-9]{5,6}|[A-HJ-NP-Z0-9]{4}[挂学警港澳])(?![A-Za-z0-9])/g;
function plates(text: string): DetectedSpan[] {
  return regexSpans(text, plateRe, 'plate', (m) => {
    const body = m[0].slice(2).replace(/^[·・.\s-]/, '');
    if (/^[A-Z]+$/.test(body) && body.length === 6) return null; // six capitals after a province: an English word, not a plate
    return `${m[0].slice(0, 2)}${'*'.repeat(body.length - 2)}${body.slice(-2)}`;
  });
}

// Chat accounts named as such: 微信号 wxid_abc123, QQ 12345678.
const accountRe = /(?:微信号?|QQ号?|qq号?|企鹅号)[：:\s]*(?:是|为)?[：:\s]*([A-Za-z][A-Za-z0-9_-]{5,19}|[1-9]\d{4,11})(?![A-Za-z0-9_-])/g;
function accounts(text: string): DetectedSpan[] {
  return regexSpans(text, accountRe, 'account', (m) => `${m[1].slice(0, 2)}${'*'.repeat(Math.max(3, m[1].length - 2))}`, 1);
}

function literal(text: string, needle: string, kind: PersonalDataKind, replacement: string): DetectedSpan[] {
  const out: DetectedSpan[] = [];
  if (!needle) return out;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) {
    out.push({ start: i, end: i + needle.length, kind, text: needle, replacement });
  }
  return out;
}

/**
 * The distinctive part of an enterprise name, so the short form is masked too: with the place words 湖南省, 湖南,
 * 示例市, 示例 (longest first), 示例恒达机械制造有限公司 → 恒达机械制造.
 */
export function enterpriseCore(name: string, places: readonly string[] = []): string {
  let t = name.trim();
  const sorted = [...places].sort((a, b) => b.length - a.length);
  for (let found = true; found;) {
    found = false;
    for (const p of sorted) {
      if (p && t.startsWith(p) && t.length > p.length) {
        t = t.slice(p.length);
        found = true;
        break;
      }
    }
  }
  return t
    .replace(/(?:股份有限公司|有限责任公司|有限公司|集团公司|集团|公司|厂|店|合作社|事务所)$/, '')
    .replace(/(?:（[^）]*）|\([^)]*\))$/, '');
}

function knownSpans(text: string, known: KnownPersonalData): DetectedSpan[] {
  const out: DetectedSpan[] = [];
  for (const r of known.redactions ?? []) {
    const t = r.trim();
    if (t) out.push(...literal(text, t, 'redaction', '*'.repeat(Math.min(6, Math.max(2, [...t].length)))));
  }
  if (known.maskEnterprise && known.enterpriseName?.trim()) {
    const full = known.enterpriseName.trim();
    out.push(...literal(text, full, 'enterprise', '某企业'));
    const core = enterpriseCore(full, known.placePrefixes);
    if ([...core].length >= 2 && core !== full) out.push(...literal(text, core, 'enterprise', '某企业'));
  }
  for (const name of known.names ?? []) {
    const t = name.trim();
    // A bare surname + 先生/女士 is how the board names people anyway; a name of one character is not searchable.
    if ([...t].length < 2 || /^.(?:先生|女士|小姐)$/.test(t)) continue;
    out.push(...literal(text, t, 'name', maskName(t)));
  }
  for (const p of known.phones ?? []) {
    const t = p.trim();
    if (t.replace(/\D/g, '').length >= 7) out.push(...literal(text, t, 'mobile', maskPhone(t)));
  }
  return out;
}

function nameSpans(text: string): DetectedSpan[] {
  return detectNames(text).map((n: NameSpan) => ({ start: n.start, end: n.end, kind: 'name' as const, text: n.text, replacement: maskName(n.text) }));
}

function houseSpans(text: string): DetectedSpan[] {
  return detectAddressNumbers(text).map((s) => ({ start: s.start, end: s.end, kind: 'house_number' as const, text: s.text, replacement: '*'.repeat(Math.min(3, s.text.length)) }));
}

/**
 * Every piece of personal data found in the text, as non-overlapping spans sorted by position, each with its
 * replacement. Known data and manual redactions come first, then the patterns.
 */
export function detectPersonalData(text: string, known: KnownPersonalData = {}): DetectedSpan[] {
  if (!text) return [];
  const groups: DetectedSpan[][] = [
    knownSpans(text, known), emails(text), idCards(text), bankCards(text), mobiles(text), landlines(text), accounts(text), plates(text),
    nameSpans(text), houseSpans(text),
  ];
  const taken: DetectedSpan[] = [];
  const official = new Set((known.officialNumbers ?? []).map(digitsOf).filter((d) => d.length >= 3));
  for (const p of known.phones ?? []) official.delete(digitsOf(p));
  // An allowed number is taken first, so no other detector masks a part of it, and left out of the answer.
  const allowed = new Set<DetectedSpan>();
  if (official.size) {
    for (const g of groups) for (let i = g.length - 1; i >= 0; i--) {
      const s = g[i];
      if ((s.kind === 'landline' || s.kind === 'mobile') && official.has(digitsOf(s.text)) && !taken.some((t) => t.start < s.end && s.start < t.end)) {
        g.splice(i, 1);
        taken.push(s);
        allowed.add(s);
      }
    }
  }
  const overlaps = (a: DetectedSpan, b: DetectedSpan) => a.start < b.end && b.start < a.end;
  for (const group of groups) {
    // Within a group the longer span wins (a full enterprise name over its core).
    const sorted = [...group].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
    for (const s of sorted) if (!taken.some((t) => overlaps(t, s))) taken.push(s);
  }
  return taken.filter((t) => !allowed.has(t)).sort((a, b) => a.start - b.start);
}
