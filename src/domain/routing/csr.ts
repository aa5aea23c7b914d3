import type { SparseVector, Vocabulary } from './features.js';

// Training vectors as one compressed sparse row (CSR) matrix: three typed arrays instead of an object and two arrays
// per case, and the vocabulary built by interning each term once (an integer id per distinct term, document
// frequencies counted in a typed array) rather than a Set and two Map look-ups per term per case. Same vocabulary and
// same vectors as buildVocabulary + vectorize (features.ts; a test checks it), at a fraction of the allocations.
// Pure (ADR 0024).

export interface CsrMatrix {
  rows: number;
  /** Row r's entries are indices/values[indptr[r] .. indptr[r + 1]). */
  indptr: Int32Array;
  indices: Int32Array;
  values: Float32Array;
}

/** Row `r` as a SparseVector (views, no copy). */
export function csrRow(m: CsrMatrix, r: number): SparseVector {
  return { index: m.indices.subarray(m.indptr[r], m.indptr[r + 1]), value: m.values.subarray(m.indptr[r], m.indptr[r + 1]) };
}

/** Documents as integer ids of their terms (first-seen order), and each term's document frequency. */
export interface InternedDocuments {
  terms: string[];
  df: Int32Array;
  docs: Int32Array[];
}

export function internTerms(termLists: readonly (readonly string[])[]): InternedDocuments {
  const id = new Map<string, number>();
  const terms: string[] = [];
  let df = new Int32Array(1024);
  const lastDoc: number[] = [];
  const docs = termLists.map((list, d) => {
    const out = new Int32Array(list.length);
    for (let i = 0; i < list.length; i++) {
      let t = id.get(list[i]);
      if (t === undefined) {
        t = terms.length;
        id.set(list[i], t);
        terms.push(list[i]);
        lastDoc.push(-1);
        if (t >= df.length) {
          const grown = new Int32Array(df.length * 2);
          grown.set(df);
          df = grown;
        }
      }
      if (lastDoc[t] !== d) {
        lastDoc[t] = d;
        df[t]++;
      }
      out[i] = t;
    }
    return out;
  });
  return { terms, df: df.slice(0, terms.length), docs };
}

/**
 * Terms seen in at least `minDf` documents, the `maxTerms` most frequent kept (ties by term), in term order, with
 * smoothed IDF; and for each interned id its column (-1 = dropped). As buildVocabulary.
 */
export function vocabularyOfInterned(it: InternedDocuments, minDf: number, maxTerms: number): { vocab: Vocabulary; column: Int32Array } {
  const kept: number[] = [];
  for (let t = 0; t < it.terms.length; t++) if (it.df[t] >= minDf) kept.push(t);
  kept.sort((a, b) => it.df[b] - it.df[a] || (it.terms[a] < it.terms[b] ? -1 : 1));
  const top = kept.slice(0, maxTerms).sort((a, b) => (it.terms[a] < it.terms[b] ? -1 : it.terms[a] > it.terms[b] ? 1 : 0));
  const n = it.docs.length;
  const column = new Int32Array(it.terms.length).fill(-1);
  top.forEach((t, c) => (column[t] = c));
  const terms = top.map((t) => it.terms[t]);
  const idf = Float32Array.from(top, (t) => Math.log((1 + n) / (1 + it.df[t])) + 1);
  return { vocab: { terms, idf, index: new Map(terms.map((t, i) => [t, i])) }, column };
}

/**
 * Sublinear TF-IDF rows, L2-normalised, columns ascending (as vectorize). `docs[r]` holds term ids; `column` maps
 * each to its column in the vocabulary or -1 (not in it: skipped).
 */
export function csrFromColumns(docs: readonly Int32Array[], idf: Float32Array, column: Int32Array): CsrMatrix {
  const V = idf.length;
  const tf = new Float64Array(V);
  const touched = new Int32Array(V);
  let total = 0;
  for (const d of docs) total += d.length;
  // At most one entry per term occurrence: one allocation, trimmed at the end.
  const indices = new Int32Array(total);
  const values = new Float32Array(total);
  const indptr = new Int32Array(docs.length + 1);
  let nnz = 0;
  for (let r = 0; r < docs.length; r++) {
    const doc = docs[r];
    let m = 0;
    for (let i = 0; i < doc.length; i++) {
      const c = column[doc[i]];
      if (c < 0) continue;
      if (tf[c] === 0) touched[m++] = c;
      tf[c]++;
    }
    touched.subarray(0, m).sort();
    let norm = 0;
    for (let k = 0; k < m; k++) {
      const c = touched[k];
      const v = (1 + Math.log(tf[c])) * idf[c];
      tf[c] = 0;
      indices[nnz + k] = c;
      values[nnz + k] = v;
      norm += v * v;
    }
    if (norm > 0) {
      const inv = 1 / Math.sqrt(norm);
      for (let k = 0; k < m; k++) values[nnz + k] *= inv;
    }
    nnz += m;
    indptr[r + 1] = nnz;
  }
  return { rows: docs.length, indptr, indices: indices.slice(0, nnz), values: values.slice(0, nnz) };
}

/** Vocabulary and CSR rows of term lists (training): interning, document frequencies, columns, TF-IDF. */
export function buildCsr(termLists: readonly (readonly string[])[], minDf: number, maxTerms: number): { vocab: Vocabulary; matrix: CsrMatrix } {
  return csrOfInterned(internTerms(termLists), minDf, maxTerms);
}

/** Vocabulary and CSR rows of interned documents (internTerms, or internDocuments in intern.ts). */
export function csrOfInterned(it: InternedDocuments, minDf: number, maxTerms: number): { vocab: Vocabulary; matrix: CsrMatrix } {
  const { vocab, column } = vocabularyOfInterned(it, minDf, maxTerms);
  return { vocab, matrix: csrFromColumns(it.docs, vocab.idf, column) };
}

/** CSR rows of term lists against an existing vocabulary (held-out and test cases). */
export function csrWith(termLists: readonly (readonly string[])[], vocab: Vocabulary): CsrMatrix {
  const it = internTerms(termLists);
  return csrFromColumns(it.docs, vocab.idf, Int32Array.from(it.terms, (t) => vocab.index.get(t) ?? -1));
}

/** Sparse vectors as one matrix (tests, and callers that already have vectors). */
export function toCsr(vectors: readonly SparseVector[]): CsrMatrix {
  const indptr = new Int32Array(vectors.length + 1);
  vectors.forEach((v, r) => (indptr[r + 1] = indptr[r] + v.index.length));
  const indices = new Int32Array(indptr[vectors.length]);
  const values = new Float32Array(indptr[vectors.length]);
  vectors.forEach((v, r) => {
    indices.set(v.index, indptr[r]);
    values.set(v.value, indptr[r]);
  });
  return { rows: vectors.length, indptr, indices, values };
}
