import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { businessTerms, isContentToken, normalizeText } from './text.js';

// Word segmentation with jieba's dictionary plus a user dictionary of local names and department words. Building
// a segmenter loads the 5 MB dictionary (~0.2 s), so segmenters are shared per user dictionary.

export interface Tokenizer {
  /** The user words this segmenter knows beyond jieba's dictionary (stored with a model so scoring matches training). */
  readonly userWords: readonly string[];
  /** The city's names it drops like stop words (stored with a model too). */
  readonly stopWords: readonly string[];
  /** Content tokens of a text in order (stop words, punctuation and numbers dropped). */
  tokens(text: string): string[];
}

const shared = new Map<string, Tokenizer>();

/**
 * A segmenter knowing `extraWords` (place and department names) besides the built-in business terms; `cityStops`
 * (the city's own names, cityWords) are kept whole and dropped like stop words.
 */
export function createTokenizer(extraWords: readonly string[] = [], cityStops: readonly string[] = []): Tokenizer {
  const stops = [...new Set(cityStops.map((w) => normalizeText(w)).filter((w) => w.length >= 2))].sort();
  const userWords = [...new Set([...businessTerms, ...extraWords, ...stops].map((w) => normalizeText(w)).filter((w) => w.length >= 2))].sort();
  const stopSet = new Set(stops);
  const key = `${userWords.join('\n')}\n\n${stops.join('\n')}`;
  const cached = shared.get(key);
  if (cached) return cached;
  const jieba = Jieba.withDict(dict);
  // A high frequency makes jieba prefer the user word over splitting it.
  jieba.loadDict(Buffer.from(userWords.map((w) => `${w} 200000 n`).join('\n')));
  const tokenizer: Tokenizer = {
    userWords,
    stopWords: stops,
    tokens(text) {
      const norm = normalizeText(text);
      if (!norm) return [];
      return jieba.cut(norm, true).filter((t) => isContentToken(t, stopSet));
    },
  };
  if (shared.size > 8) shared.clear();
  shared.set(key, tokenizer);
  return tokenizer;
}

/**
 * Names worth keeping whole from an organisation tree: full names, and names without the city in front (`cityNames`,
 * longest first) or their administrative suffix.
 */
export function placeAndDepartmentWords(names: readonly string[], cityNames: readonly string[] = []): string[] {
  const prefixes = [...cityNames].sort((a, b) => b.length - a.length);
  const out = new Set<string>();
  for (const name of names) {
    out.add(name);
    const bare = prefixes.find((p) => name.startsWith(p) && name.length > p.length);
    const short = (bare ? name.slice(bare.length) : name).replace(/^市/, '').replace(/(有限公司|委员会|管理局|服务局|街道|镇|乡|区|县|市)$/, '');
    if (short.length >= 2 && short !== name) out.add(short);
  }
  return [...out];
}
