import { csrFromColumns, type CsrMatrix, type InternedDocuments } from './csr.js';
import { charGrams, usesWords, type FeatureSet, type RoutingDocument, type Vocabulary } from './features.js';
import { normalizeText } from './text.js';
import type { Tokenizer } from './tokenize.js';

// Training's side of documentTerms (features.ts): the same terms, as integer ids, without making a string for every
// character n-gram. A character 1-, 2- or 3-gram of CJK characters (U+4E00–U+9FFF) is a number — c, c₁·2¹⁶+c₂,
// (c₁·2¹⁶+c₂)·2¹⁶+c₃, distinct ranges since c ≥ 0x4E00, exact below 2⁵³ — looked up in an open-addressing table of
// typed arrays; a pair of adjacent words is a number made of the two words' ids, in another such table. Words and the
// category/district go through a Map of strings as before; the other terms become strings once each, at the end. A test checks that the vocabulary and the vectors equal
// documentTerms + buildVocabulary + vectorize. Pure (ADR 0024).

/** A table from numeric keys (> 0) to ids: linear probing, grown at half full. */
export class NumberTable {
  private keys = new Float64Array(1 << 16);
  private ids = new Int32Array(1 << 16);
  private used = 0;

  /** The id of `key`, or `next` stored for it when absent (the caller then knows it is new: result === next). */
  idOf(key: number, next: number): number {
    const mask = this.keys.length - 1;
    let h = hash(key) & mask;
    for (;;) {
      const k = this.keys[h];
      if (k === key) return this.ids[h];
      if (k === 0) break;
      h = (h + 1) & mask;
    }
    this.keys[h] = key;
    this.ids[h] = next;
    if (++this.used * 2 > this.keys.length) this.grow();
    return next;
  }

  private grow() {
    const keys = this.keys;
    const ids = this.ids;
    this.keys = new Float64Array(keys.length * 2);
    this.ids = new Int32Array(keys.length * 2);
    const mask = this.keys.length - 1;
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] === 0) continue;
      let h = hash(keys[i]) & mask;
      while (this.keys[h] !== 0) h = (h + 1) & mask;
      this.keys[h] = keys[i];
      this.ids[h] = ids[i];
    }
  }
}

function hash(key: number): number {
  const lo = key >>> 0;
  const hi = Math.floor(key / 4294967296) | 0;
  let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The string of a character n-gram key ("~" and its characters). */
export function charGramTerm(key: number): string {
  if (key < 65536) return `~${String.fromCharCode(key)}`;
  if (key < 4294967296) return `~${String.fromCharCode(Math.floor(key / 65536), key % 65536)}`;
  const head = Math.floor(key / 65536);
  return `~${String.fromCharCode(Math.floor(head / 65536), head % 65536, key % 65536)}`;
}

/** The terms of every document (documentTerms) as ids, with document frequencies: internTerms without the strings. */
export function internDocuments(docs: readonly RoutingDocument[], tokenizer: Tokenizer, features: FeatureSet): InternedDocuments {
  const words = new Map<string, number>();
  const chars = new NumberTable();
  const pairs = new NumberTable();
  // A term is a string (word, meta), a number (character n-gram key) or a pair of word ids [a, b] ("a_b").
  const terms: (string | number | [number, number])[] = [];
  let df = new Int32Array(1 << 16);
  let lastDoc = new Int32Array(1 << 16).fill(-1);
  let buf = new Int32Array(4096);
  let m = 0;
  let d = 0;
  const add = (id: number) => {
    if (id >= df.length) {
      const df2 = new Int32Array(df.length * 2);
      df2.set(df);
      df = df2;
      const last2 = new Int32Array(lastDoc.length * 2).fill(-1);
      last2.set(lastDoc);
      lastDoc = last2;
    }
    if (lastDoc[id] !== d) {
      lastDoc[id] = d;
      df[id]++;
    }
    if (m === buf.length) {
      const b2 = new Int32Array(buf.length * 2);
      b2.set(buf);
      buf = b2;
    }
    buf[m++] = id;
  };
  const word = (t: string) => add(idOfWord(t));
  const gram = (key: number) => {
    const id = chars.idOf(key, terms.length);
    if (id === terms.length) terms.push(key);
    add(id);
  };
  const idOfWord = (t: string) => {
    let id = words.get(t);
    if (id === undefined) {
      id = terms.length;
      words.set(t, id);
      terms.push(t);
    }
    return id;
  };
  const wordList = (tokens: string[]) => {
    let previous = -1;
    for (let i = 0; i < tokens.length; i++) {
      const id = idOfWord(tokens[i]);
      add(id);
      if (previous >= 0) {
        // Word ids stay far below 2^24, so the key is exact and never 0.
        const pair = pairs.idOf((previous + 1) * 16777216 + id + 1, terms.length);
        if (pair === terms.length) terms.push([previous, id]);
        add(pair);
      }
      previous = id;
    }
  };
  const grams = charGrams(features);
  const out = docs.map((doc, n) => {
    d = n;
    m = 0;
    if (usesWords(features)) {
      const title = tokenizer.tokens(doc.title);
      wordList(title);
      wordList(title);
      wordList(tokenizer.tokens(doc.body));
    }
    if (grams) {
      const text = normalizeText(`${doc.title}\n${doc.body}`);
      let start = 0;
      for (let i = 0; i <= text.length; i++) {
        const c = i < text.length ? text.charCodeAt(i) : 0;
        if (c >= 0x4e00 && c <= 0x9fff) continue;
        charRun(text, start, i, grams, gram);
        start = i + 1;
      }
    }
    if (doc.categoryId != null) word(`#c${doc.categoryId}`);
    if (doc.districtId != null) word(`#d${doc.districtId}`);
    return buf.slice(0, m);
  });
  const name = (t: string | number | [number, number]): string => (typeof t === 'string' ? t : typeof t === 'number' ? charGramTerm(t) : `${terms[t[0]] as string}_${terms[t[1]] as string}`);
  return { terms: terms.map(name), df: df.slice(0, terms.length), docs: out };
}

/** The n-grams of one run text[from, to) of CJK characters, as documentTerms emits them. */
function charRun(text: string, from: number, to: number, grams: { uni: boolean; tri: boolean }, gram: (key: number) => void) {
  const n = to - from;
  if (n === 0 || (!grams.uni && n < 2)) return;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (grams.uni) gram(c);
    if (i + 1 < to) {
      const pair = c * 65536 + text.charCodeAt(i + 1);
      gram(pair);
      if (grams.tri && i + 2 < to) gram(pair * 65536 + text.charCodeAt(i + 2));
    }
  }
}

/** CSR rows of documents against an existing vocabulary (held-out and test cases): csrWith(documentTerms…), faster. */
export function csrOfDocuments(docs: readonly RoutingDocument[], tokenizer: Tokenizer, features: FeatureSet, vocab: Vocabulary): CsrMatrix {
  const it = internDocuments(docs, tokenizer, features);
  return csrFromColumns(it.docs, vocab.idf, Int32Array.from(it.terms, (t) => vocab.index.get(t) ?? -1));
}
