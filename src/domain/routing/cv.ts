import { csrRow, type CsrMatrix } from './csr.js';
import { evaluate } from './metrics.js';
import { fitLinear, logits, seededRandom, topMargin, type Loss, type TrainOptions } from './model.js';

// k-fold cross-validation on the training cases: chooses the L2 penalty (best out-of-fold macro-F1) and gives the
// out-of-fold scores of the chosen penalty, from which the confidences are calibrated and the thresholds chosen.
// Every out-of-fold score comes from a model that never saw that case. Pure and deterministic.

export interface CrossValidationOptions {
  folds?: number;
  /** Penalties tried, strongest first (a tie keeps the stronger one). */
  grid?: readonly number[];
  /** At most this many cases take part (a stratified sample): k fits per penalty cost k·(k-1)/k of a fit on them. */
  maxCases?: number;
  seed?: number;
  epochsFor?: (n: number) => number;
  learningRate?: number;
  sampleWeights?: ArrayLike<number>;
  loss?: Loss;
}

export interface OutOfFold {
  /** Index of the case in the training list. */
  index: number;
  predicted: number;
  margin: number;
  gold: number;
}

export interface CrossValidation {
  folds: number;
  grid: number[];
  chosenL2: number;
  /** Out-of-fold macro-F1 and accuracy per penalty, in grid order. */
  macroF1ByL2: number[];
  accuracyByL2: number[];
  /** Out-of-fold scores of the chosen penalty. */
  outOfFold: OutOfFold[];
  ms: number;
}

export const defaultL2Grid = [1e-3, 1e-4, 1e-5] as const;

/** Indexes of a stratified sample of at most `max` cases, each class in proportion, in a seeded order. */
export function stratifiedSample(ys: readonly number[], max: number, seed: number): number[] {
  const rand = seededRandom(seed);
  const order = ys.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  if (order.length <= max) return order;
  const share = max / order.length;
  const taken = new Map<number, number>();
  const seen = new Map<number, number>();
  const out: number[] = [];
  for (const i of order) {
    const y = ys[i];
    const s = (seen.get(y) ?? 0) + 1;
    seen.set(y, s);
    // Keep the running share of each class at `share` (at least one of every class).
    if ((taken.get(y) ?? 0) < Math.max(1, Math.round(s * share))) {
      taken.set(y, (taken.get(y) ?? 0) + 1);
      out.push(i);
    }
  }
  return out;
}

/** Fold of each sampled case: every class dealt round-robin over the folds. */
export function assignFolds(ys: readonly number[], sample: readonly number[], folds: number): Int32Array {
  const next = new Map<number, number>();
  const fold = new Int32Array(sample.length);
  sample.forEach((i, n) => {
    const f = next.get(ys[i]) ?? 0;
    fold[n] = f;
    next.set(ys[i], (f + 1) % folds);
  });
  return fold;
}

export function crossValidate(x: CsrMatrix, ys: readonly number[], K: number, V: number, opts: CrossValidationOptions = {}): CrossValidation {
  const started = performance.now();
  const folds = opts.folds ?? 3;
  const grid = [...(opts.grid ?? defaultL2Grid)];
  const sample = stratifiedSample(ys, opts.maxCases ?? 6_000, (opts.seed ?? 1) + 11);
  const fold = assignFolds(ys, sample, folds);
  const macroF1ByL2: number[] = [];
  const accuracyByL2: number[] = [];
  let best: OutOfFold[] = [];
  let bestAt = 0;
  const z = new Float64Array(K);
  for (let g = 0; g < grid.length; g++) {
    const oof: OutOfFold[] = [];
    for (let f = 0; f < folds; f++) {
      const trainAt = Int32Array.from(sample.filter((_, n) => fold[n] !== f));
      const testAt = sample.filter((_, n) => fold[n] === f);
      if (!trainAt.length || !testAt.length) continue;
      const train: TrainOptions = {
        l2: grid[g], seed: (opts.seed ?? 1) + f, learningRate: opts.learningRate, epochs: opts.epochsFor?.(trainAt.length) ?? 3,
        sampleWeights: opts.sampleWeights, rows: trainAt, loss: opts.loss,
      };
      const fit = fitLinear(x, ys, K, V, train);
      const shape = { weights: fit.weights, bias: fit.bias, classes: new Array<number>(K) };
      for (const i of testAt) {
        logits(shape, csrRow(x, i), z);
        const { top, margin } = topMargin(z);
        oof.push({ index: i, predicted: top, margin, gold: ys[i] });
      }
    }
    const ev = evaluate(oof.map((o) => o.gold), oof.map((o) => o.predicted));
    macroF1ByL2.push(ev.macroF1);
    accuracyByL2.push(ev.accuracy);
    if (g === 0 || ev.macroF1 > macroF1ByL2[bestAt] + 1e-9) {
      bestAt = g;
      best = oof;
    }
  }
  return { folds, grid, chosenL2: grid[bestAt], macroF1ByL2, accuracyByL2, outOfFold: best.sort((a, b) => a.index - b.index), ms: performance.now() - started };
}
