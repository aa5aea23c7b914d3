import { plattProbability, type Platt } from './calibrate.js';
import type { CsrMatrix } from './csr.js';
import type { FeatureSet, SparseVector, Vocabulary } from './features.js';

// Multinomial logistic regression on sparse TF-IDF vectors, trained by plain SGD with class weights and a
// decaying step. Confidences: Platt scaling of the top-1 margin fitted on out-of-fold scores (calibrate.ts, ADR 0016);
// models stored before it carry a temperature fitted on held-out cases instead. Pure and deterministic.

export interface LinearModel {
  /** Department id per class. */
  classes: number[];
  vocab: Vocabulary;
  /** Feature-major: weights[f * K + k]. */
  weights: Float32Array;
  bias: Float32Array;
  temperature: number;
  /** Calibration of the top-1 margin (absent in models stored before ADR 0016: they use the temperature). */
  platt?: Platt;
  /** User dictionary of the segmenter it was trained with. */
  userWords: string[];
  /** The city's names it dropped like stop words; absent in models stored before the city settings. */
  stopWords?: string[];
  /** The terms it reads (features.ts); absent in models stored before character pairs: 'words'. */
  features?: FeatureSet;
  /** How it was trained (scoring is the same either way); absent in models stored before ADR 0024: 'logistic'. */
  loss?: Loss;
}

export interface TrainOptions {
  epochs?: number;
  learningRate?: number;
  /** L2 penalty applied to touched weights. */
  l2?: number;
  seed?: number;
  /** Per row: how many times it counts (rounded; the desk's corrections count more); default 1. */
  sampleWeights?: ArrayLike<number>;
  /** The rows to fit on (default all): cross-validation folds without copying the matrix. */
  rows?: Int32Array;
  /** Default 'logistic'. */
  loss?: Loss;
}

/** 'logistic': multinomial logistic regression; 'squared-hinge': one-vs-rest linear SVM (ADR 0024). */
export type Loss = 'logistic' | 'squared-hinge';

/** Small deterministic generator (mulberry32) for shuffling. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Raw class scores (logits) of a vector. */
export function logits(m: Pick<LinearModel, 'weights' | 'bias' | 'classes'>, x: SparseVector, out = new Float64Array(m.classes.length)): Float64Array {
  const K = m.classes.length;
  for (let k = 0; k < K; k++) out[k] = m.bias[k];
  for (let j = 0; j < x.index.length; j++) {
    const base = x.index[j] * K;
    const v = x.value[j];
    for (let k = 0; k < K; k++) out[k] += v * m.weights[base + k];
  }
  return out;
}

export function softmax(z: ArrayLike<number>, temperature = 1, out = new Float64Array(z.length)): Float64Array {
  let max = -Infinity;
  for (let k = 0; k < z.length; k++) max = Math.max(max, z[k] / temperature);
  let sum = 0;
  for (let k = 0; k < z.length; k++) {
    out[k] = Math.exp(z[k] / temperature - max);
    sum += out[k];
  }
  for (let k = 0; k < z.length; k++) out[k] /= sum;
  return out;
}

/**
 * Fits weights on the rows of `x` (all, or `opts.rows`) with gold class indexes `ys[row]` (0..K-1).
 *
 * One kernel over the CSR arrays (no per-case objects): scores of every class, the loss's gradient, then updates of
 * the classes with a gradient worth the work only, for the row's features. 'logistic': multinomial (softmax)
 * log-loss. 'squared-hinge': one-vs-rest linear SVM with the squared hinge (a class's gradient is zero once the case
 * is on its right side by a margin of 1, so most steps update two or three classes).
 */
export function fitLinear(x: CsrMatrix, ys: ArrayLike<number>, K: number, V: number, opts: TrainOptions = {}): { weights: Float32Array; bias: Float32Array } {
  const epochs = opts.epochs ?? 5;
  const hinge = opts.loss === 'squared-hinge';
  const lr0 = opts.learningRate ?? (hinge ? 0.2 : 0.8);
  const l2 = opts.l2 ?? 1e-6;
  const weights = new Float32Array(V * K);
  const bias = new Float32Array(K);
  const rows = opts.rows ?? Int32Array.from({ length: x.rows }, (_, i) => i);
  // Class weights (inverse square root of frequency): rarer departments count more, so macro-F1 does not sink.
  const counts = new Float64Array(K);
  for (const r of rows) counts[ys[r]]++;
  const mean = rows.length / K;
  const classWeight = Float64Array.from(counts, (c) => (c ? Math.min(4, Math.sqrt(mean / c)) : 0));
  // A case of weight w is seen round(w) times a pass (at least once): the expected gradient is weighted while every
  // step keeps its size (scaling the step instead lets the last few large steps decide).
  const sw = opts.sampleWeights;
  const order = sw ? Int32Array.from(Array.from(rows).flatMap((r) => Array<number>(Math.max(1, Math.round(sw[r]))).fill(r))) : Int32Array.from(rows);
  const rand = seededRandom(opts.seed ?? 1);
  const z = new Float64Array(K);
  const g = new Float64Array(K);
  const active = new Int32Array(K);
  const { indptr, indices, values } = x;
  let step = 0;
  const totalSteps = Math.max(1, Math.round(epochs * order.length));
  for (let epoch = 0; step < totalSteps; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      const t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    for (let s = 0; s < order.length && step < totalSteps; s++) {
      const n = order[s];
      const y = ys[n];
      const from = indptr[n];
      const to = indptr[n + 1];
      // Linear decay to a tenth of the first step over the whole run.
      const lr = lr0 * (1 - 0.9 * (step++ / totalSteps)) * classWeight[y];
      for (let k = 0; k < K; k++) z[k] = bias[k];
      for (let j = from; j < to; j++) {
        const base = indices[j] * K;
        const v = values[j];
        for (let k = 0; k < K; k++) z[k] += v * weights[base + k];
      }
      if (hinge) {
        for (let k = 0; k < K; k++) {
          const sign = k === y ? 1 : -1;
          const m = 1 - sign * z[k];
          g[k] = m > 0 ? -2 * sign * m : 0;
        }
      } else {
        softmax(z, 1, g);
        g[y] -= 1;
      }
      // Only classes with a gradient worth the work: after the first pass most are ~0.
      let m = 0;
      for (let k = 0; k < K; k++) {
        if (g[k] > 1e-4 || g[k] < -1e-4) {
          active[m++] = k;
          bias[k] -= lr * g[k] * 0.1;
        }
      }
      const decay = lr * l2;
      for (let j = from; j < to; j++) {
        const base = indices[j] * K;
        const gv = lr * values[j];
        for (let a = 0; a < m; a++) {
          const k = active[a];
          weights[base + k] -= gv * g[k] + decay * weights[base + k];
        }
      }
    }
  }
  return { weights, bias };
}

/** Temperature minimising the negative log-likelihood of held-out gold classes (golden-section search on log T). */
export function fitTemperature(zs: readonly Float64Array[], ys: readonly number[]): number {
  if (zs.length === 0) return 1;
  const nll = (logT: number) => {
    const T = Math.exp(logT);
    let s = 0;
    for (let i = 0; i < zs.length; i++) {
      const z = zs[i];
      let max = -Infinity;
      for (let k = 0; k < z.length; k++) max = Math.max(max, z[k] / T);
      let sum = 0;
      for (let k = 0; k < z.length; k++) sum += Math.exp(z[k] / T - max);
      s += Math.log(sum) + max - z[ys[i]] / T;
    }
    return s / zs.length;
  };
  let a = Math.log(0.05);
  let b = Math.log(20);
  const phi = (Math.sqrt(5) - 1) / 2;
  let c = b - phi * (b - a);
  let d = a + phi * (b - a);
  let fc = nll(c);
  let fd = nll(d);
  for (let i = 0; i < 40; i++) {
    if (fc < fd) {
      b = d; d = c; fd = fc; c = b - phi * (b - a); fc = nll(c);
    } else {
      a = c; c = d; fc = fd; d = a + phi * (b - a); fd = nll(d);
    }
  }
  return Math.exp((a + b) / 2);
}

export interface Ranked {
  classIndex: number;
  departmentId: number;
  confidence: number;
}

/** Top logit minus the runner-up's: the score Platt scaling reads. */
export function topMargin(z: ArrayLike<number>): { top: number; margin: number } {
  let top = 0;
  for (let k = 1; k < z.length; k++) if (z[k] > z[top]) top = k;
  let second = -Infinity;
  for (let k = 0; k < z.length; k++) if (k !== top && z[k] > second) second = z[k];
  return { top, margin: second === -Infinity ? 0 : z[top] - second };
}

/**
 * Calibrated probabilities of every class: with Platt scaling the top class gets P(right | margin) and the rest share
 * what is left in the softmax's proportions (so they sum to one); older models use the temperature.
 */
export function calibrated(m: Pick<LinearModel, 'temperature' | 'platt'>, z: Float64Array): Float64Array {
  const p = softmax(z, m.platt ? 1 : m.temperature);
  if (!m.platt || z.length < 2) return p;
  const { top, margin } = topMargin(z);
  const rest = 1 - p[top];
  // Keep the model's order: the top class is never given less than the runner-up's share of what is left.
  let second = 0;
  for (let k = 0; k < p.length; k++) if (k !== top) second = Math.max(second, rest > 0 ? p[k] / rest : 0);
  const pTop = Math.max(plattProbability(m.platt, margin), second / (1 + second));
  for (let k = 0; k < p.length; k++) p[k] = k === top ? pTop : rest > 0 ? (p[k] / rest) * (1 - pTop) : (1 - pTop) / (p.length - 1);
  return p;
}

/** The best `n` classes with calibrated confidences, skipping classes `excluded` says no (e.g. inactive departments). */
export function rank(m: LinearModel, x: SparseVector, n = 3, excluded?: (departmentId: number) => boolean): { ranked: Ranked[]; z: Float64Array } {
  const z = logits(m, x);
  const p = calibrated(m, z);
  if (n === 1 && !excluded) {
    // The top class only (evaluations): no sort.
    let k = 0;
    for (let c = 1; c < p.length; c++) if (p[c] > p[k]) k = c;
    return { ranked: [{ classIndex: k, departmentId: m.classes[k], confidence: p[k] }], z };
  }
  const order = Array.from(p.keys()).sort((a, b) => p[b] - p[a]);
  const ranked: Ranked[] = [];
  for (const k of order) {
    if (excluded?.(m.classes[k])) continue;
    ranked.push({ classIndex: k, departmentId: m.classes[k], confidence: p[k] });
    if (ranked.length === n) break;
  }
  return { ranked, z };
}

/** Terms of `x` that pushed class `k` up the most, relative to the average class. */
export function drivingTerms(m: LinearModel, x: SparseVector, k: number, n = 5): { term: string; weight: number }[] {
  const K = m.classes.length;
  const out: { term: string; weight: number }[] = [];
  for (let j = 0; j < x.index.length; j++) {
    const base = x.index[j] * K;
    let avg = 0;
    for (let c = 0; c < K; c++) avg += m.weights[base + c];
    avg /= K;
    const w = x.value[j] * (m.weights[base + k] - avg);
    if (w > 0) out.push({ term: m.vocab.terms[x.index[j]], weight: w });
  }
  return out.sort((a, b) => b.weight - a.weight).slice(0, n);
}
