import type { SearchField } from '../../../contracts/search.js';
import { isValidCreditCode } from '../../../domain/enterprise/credit-code.js';
import type { SearchErrorCode } from '../../../domain/errors.js';
import { queryLexemes } from '../publication/index.js';

// What a search box means, as a tsquery over the lexemes migration 0034 stores (its header lists them). Pure: the
// same text always gives the same query, so it is tested without a database. The pieces mirror the SQL function
// yw_search_grams: pairs of adjacent characters in 一-鿿 (U+4E00–U+9FFF), latin/digit runs, after NFKC and lower case.

const han = /^[\u4e00-\u9fff]+$/;
const hanRuns = /[\u4e00-\u9fff]{2,}/g;
const alnumRuns = /[a-z0-9]{2,}/g;
const quote = (t: string) => `'${t.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
const norm = (s: string) => s.normalize('NFKC').toLowerCase().trim();

function pairs(run: string): string[] {
  const chars = [...run];
  return chars.slice(1).map((c, i) => chars[i] + c);
}

/** Every pair and run of a text with the prefix, all required; null when the text has none. */
function allOf(prefix: string, text: string): string | null {
  const t = norm(text);
  const parts = new Set<string>();
  for (const run of t.match(hanRuns) ?? []) for (const p of pairs(run)) parts.add(prefix + p);
  for (const run of t.match(alnumRuns) ?? []) parts.add(prefix + run);
  return parts.size ? [...parts].map(quote).join(' & ') : null;
}

/**
 * The words of a text as jieba cuts it, each as the tsquery of all its character pairs (or its latin/digit run), in
 * the order they come, without repeats; `skip` leaves out words that say nothing (the knowledge base's filler words).
 */
export function wordQueries(q: string, skip: ReadonlySet<string> = new Set()): string[] {
  const words = [...new Set(queryLexemes(q).map(norm))].filter((w) => !skip.has(w) && (han.test(w) ? w.length >= 2 : /^[a-z0-9]{2,}$/.test(w)));
  return words.map((w) => (han.test(w) ? pairs(w) : [w])).map((ps) => ps.map(quote).join(' & '));
}

/** Words of the text (jieba cuts the query): each word is required, as all its character pairs. */
function textOf(q: string): string | null {
  const parts = wordQueries(q);
  return parts.length ? parts.map((p) => `(${p})`).join(' & ') : null;
}

function phoneDigits(q: string): string | null {
  const t = q.normalize('NFKC').trim();
  return /^[0-9+\-() ]+$/.test(t) ? t.replace(/\D/g, '') : null;
}

function phoneOf(digits: string): string | null {
  if (digits.length === 4) return quote(`p4:${digits}`);
  if (digits.length >= 7 && digits.length <= 20) return quote(`p:${digits}`);
  return null;
}

function codeOf(q: string): string | null {
  const frag = q.normalize('NFKC').trim().toUpperCase();
  return /^[A-Z0-9-]{3,30}$/.test(frag) ? `${quote(`c:${frag}`)}:*` : null;
}

function creditOf(q: string): string | null {
  const code = q.normalize('NFKC').trim().toUpperCase();
  return /^[0-9A-Z]{18}$/.test(code) && isValidCreditCode(code) ? quote(`cc:${code}`) : null;
}

const any = (...parts: (string | null)[]): string | null => {
  const ok = parts.filter((p): p is string => p != null);
  return ok.length ? ok.map((p) => `(${p})`).join(' | ') : null;
};

/** `common`: the query may match many cases (words, names, enterprises), so the newest rows are walked first. */
export type MatchOf = { tsquery: string; common: boolean } | { error: SearchErrorCode };

/** The tsquery a search box asks for, or the code that says why it cannot be asked. */
export function matchOf(q: string, field: SearchField): MatchOf {
  const answer = (tsquery: string | null, error: SearchErrorCode, common = true): MatchOf => (tsquery ? { tsquery, common } : { error });
  switch (field) {
    case 'code':
      return answer(codeOf(q), 'SEARCH_CODE_INVALID', false);
    case 'phone': {
      const digits = phoneDigits(q);
      return answer(digits ? phoneOf(digits) : null, 'SEARCH_PHONE_INVALID', false);
    }
    case 'name':
      return answer(allOf('n:', q), 'SEARCH_QUERY_TOO_SHORT');
    case 'enterprise':
      return answer(creditOf(q) ?? allOf('e:', q), 'SEARCH_QUERY_TOO_SHORT');
    case 'text':
      return answer(textOf(q), 'SEARCH_QUERY_TOO_SHORT');
    case 'auto': {
      const credit = creditOf(q);
      if (credit) return { tsquery: credit, common: false };
      const digits = phoneDigits(q);
      // Digits: a phone (four are its last four) or a piece of a tracking code.
      if (digits && digits.length >= 3) return answer(any(phoneOf(digits), codeOf(digits)), 'SEARCH_QUERY_TOO_SHORT', false);
      // Latin letters and digits read as a code fragment, or as a word of the text (型号 AB12).
      const code = /^[A-Za-z0-9-]+$/.test(q.normalize('NFKC').trim()) ? codeOf(q) : null;
      return answer(any(code, textOf(q), allOf('n:', q), allOf('e:', q)), 'SEARCH_QUERY_TOO_SHORT');
    }
  }
}

/** The whole number for the caller's history; null unless 7–20 digits. */
export function callerPhoneOf(phone: string): string | null {
  const digits = phoneDigits(phone);
  return digits && digits.length >= 7 && digits.length <= 20 ? quote(`p:${digits}`) : null;
}

/** Filters that are lexemes too (they change rarely; migration 0034). */
export function filterTerms(f: { districtId?: number; categoryId?: number; channel?: string; caseType?: string }): string[] {
  return [
    f.districtId ? `d:${f.districtId}` : null, f.categoryId ? `k:${f.categoryId}` : null,
    f.channel ? `h:${f.channel}` : null, f.caseType ? `t:${f.caseType}` : null,
  ].filter((t): t is string => t != null).map(quote);
}
