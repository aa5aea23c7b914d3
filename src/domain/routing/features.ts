import { normalizeText } from './text.js';
import type { Tokenizer } from './tokenize.js';

// Features of a case for the router: word unigrams and adjacent-word bigrams of title (counted twice) and body,
// plus (feature set 'words+chars') every pair of adjacent Chinese characters, plus the category and district when
// known; TF-IDF with sublinear term frequency, L2-normalised. Pure.
//
// Character pairs carry what segmentation loses on words the training cases never used: 房产证 / 不动产权证 /
// 产权证 share 产证 and 权证; a colloquial or misspelt word still shares pairs with the official one. On messages
// written blind by another author (bench/router-blind.ts) they lifted accuracy from 54% to 62%.

/**
 * Which terms a model was trained on. Models stored before character pairs existed are 'words'; 'words+chars' adds
 * adjacent character pairs; 'words+chars3' (the default since ADR 0016) characters, pairs and triples.
 */
export type FeatureSet = 'words' | 'words+chars' | 'words+chars3' | 'words+chars2' | 'chars2';

export const featureSets: readonly FeatureSet[] = ['words', 'words+chars', 'words+chars3', 'words+chars2', 'chars2'];

/** Which character n-grams a feature set reads: pairs always; single characters; triples. Null: none. */
export function charGrams(features: FeatureSet): { uni: boolean; tri: boolean } | null {
  if (features === 'words') return null;
  if (features === 'words+chars') return { uni: false, tri: false };
  return { uni: true, tri: features === 'words+chars3' };
}

/** Whether a feature set reads jieba's words and word pairs ('chars2' reads characters only). */
export function usesWords(features: FeatureSet): boolean {
  return features !== 'chars2';
}

export interface RoutingDocument {
  title: string;
  body: string;
  categoryId?: number | null;
  districtId?: number | null;
}

export interface SparseVector {
  index: Int32Array;
  value: Float32Array;
}

/** Bigrams are stored as "a_b", character pairs as "~ab"; meta features start with '#'. */
export function documentTerms(doc: RoutingDocument, tokenizer: Tokenizer, features: FeatureSet = 'words'): string[] {
  const out: string[] = [];
  const add = (tokens: string[]) => {
    for (let i = 0; i < tokens.length; i++) {
      out.push(tokens[i]);
      if (i > 0) out.push(`${tokens[i - 1]}_${tokens[i]}`);
    }
  };
  if (usesWords(features)) {
    const title = tokenizer.tokens(doc.title);
    add(title);
    add(title);
    add(tokenizer.tokens(doc.body));
  }
  const grams = charGrams(features);
  if (grams) {
    // Every run of Chinese characters: "~a" (uni), "~ab", "~abc" (tri); 'words+chars' only pairs of runs of two or more.
    for (const run of normalizeText(`${doc.title}\n${doc.body}`).match(/[\u4e00-\u9fff]+/g) ?? []) {
      for (let i = 0; i < run.length; i++) {
        if (grams.uni) out.push(`~${run[i]}`);
        if (i + 1 < run.length) out.push(`~${run.slice(i, i + 2)}`);
        if (grams.tri && i + 2 < run.length) out.push(`~${run.slice(i, i + 3)}`);
      }
    }
  }
  if (doc.categoryId != null) out.push(`#c${doc.categoryId}`);
  if (doc.districtId != null) out.push(`#d${doc.districtId}`);
  return out;
}

/**
 * A term as people read it: bigrams joined; meta features unnamed (null). Character n-grams are unnamed too where the
 * model has words (words explain better); a characters-only model ('chars2') shows its character pairs ("~燃气" → 燃气).
 */
export function displayTerm(term: string, features?: FeatureSet): string | null {
  if (term.startsWith('#')) return null;
  if (term.startsWith('~')) return features === 'chars2' && term.length === 3 ? term.slice(1) : null;
  return term.replace('_', '');
}

export interface Vocabulary {
  terms: string[];
  index: Map<string, number>;
  idf: Float32Array;
}

/** Terms seen in at least `minDf` documents, the `maxTerms` most frequent kept, with smoothed IDF. */
export function buildVocabulary(termLists: readonly string[][], minDf: number, maxTerms: number): Vocabulary {
  const df = new Map<string, number>();
  for (const terms of termLists) for (const t of new Set(terms)) df.set(t, (df.get(t) ?? 0) + 1);
  const kept = [...df.entries()].filter(([, n]) => n >= minDf).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, maxTerms);
  kept.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const n = termLists.length;
  const terms = kept.map(([t]) => t);
  const idf = Float32Array.from(kept, ([, d]) => Math.log((1 + n) / (1 + d)) + 1);
  return { terms, index: new Map(terms.map((t, i) => [t, i])), idf };
}

export function vocabularyFrom(terms: string[], idf: Float32Array): Vocabulary {
  return { terms, idf, index: new Map(terms.map((t, i) => [t, i])) };
}

export function vectorize(terms: readonly string[], vocab: Vocabulary): SparseVector {
  const tf = new Map<number, number>();
  for (const t of terms) {
    const i = vocab.index.get(t);
    if (i !== undefined) tf.set(i, (tf.get(i) ?? 0) + 1);
  }
  const index = Int32Array.from(tf.keys()).sort();
  const value = new Float32Array(index.length);
  let norm = 0;
  for (let k = 0; k < index.length; k++) {
    const v = (1 + Math.log(tf.get(index[k])!)) * vocab.idf[index[k]];
    value[k] = v;
    norm += v * v;
  }
  if (norm > 0) {
    const inv = 1 / Math.sqrt(norm);
    for (let k = 0; k < value.length; k++) value[k] *= inv;
  }
  return { index, value };
}
