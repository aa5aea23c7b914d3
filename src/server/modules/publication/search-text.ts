import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';

// Chinese full-text search for the board: the public text is cut into words with jieba (search mode, so 停车场 also
// yields 停车 and 车场), plus every pair of adjacent Chinese characters, because jieba sometimes cuts a phrase the
// other way (用电报装 → 用 / 电报 / 装, so 报装 would never be found). Lexemes are stored with array_to_tsvector,
// bypassing PostgreSQL's parser and dictionaries, which know nothing of Chinese. A query is cut into words with jieba;
// each word must be present either as a jieba word or as all of its character pairs, and every word is required:
// ('施工许可证' | '施工' & '工许' & '许可' & '可证') & '厂房'. The same SQL runs on PostgreSQL 15 and on PGlite
// (PostgreSQL 18). Loading the dictionary takes ~0.2 s, once per process.

let jieba: Jieba | null = null;
const segmenter = () => (jieba ??= Jieba.withDict(dict));

const wordish = /[\p{Script=Han}\p{L}\p{N}]/u;
const hanRuns = /\p{Script=Han}{2,}/gu;
const bigrams = (run: string) => {
  const chars = [...run];
  return chars.slice(1).map((c, i) => chars[i] + c);
};
const normalise = (t: string) => t.normalize('NFKC').toLowerCase().trim();

/** Distinct lexemes of a text for the search vector (masking stars and punctuation dropped). */
export function searchLexemes(text: string): string[] {
  const out = new Set<string>();
  for (const raw of segmenter().cutForSearch(text.normalize('NFKC'), true)) {
    const t = normalise(raw);
    if (t && wordish.test(t) && !t.includes('*') && t.length <= 40) out.add(t);
  }
  for (const run of text.normalize('NFKC').match(hanRuns) ?? []) for (const b of bigrams(run)) out.add(b);
  return [...out].slice(0, 4000);
}

/** The words of a query, each required; empty when the query has no word. */
export function queryLexemes(q: string): string[] {
  const out = new Set<string>();
  for (const raw of segmenter().cut(q.normalize('NFKC'), true)) {
    const t = normalise(raw);
    if (t && wordish.test(t) && !t.includes('*')) out.add(t);
  }
  return [...out].slice(0, 10);
}

const quote = (t: string) => `'${t.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/** tsquery text: every word required, as itself or as all its character pairs; cast with ::tsquery (no dictionary). */
export function toTsquery(words: readonly string[]): string {
  return words.map((w) => {
    const pairs = /^\p{Script=Han}{3,}$/u.test(w) ? bigrams(w) : [];
    return pairs.length ? `(${quote(w)} | (${pairs.map(quote).join(' & ')}))` : quote(w);
  }).join(' & ');
}
