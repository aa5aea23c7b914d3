import { describe, expect, it } from 'vitest';
import { assignFolds, crossValidate, stratifiedSample } from './cv.js';
import { toCsr } from './csr.js';
import type { SparseVector } from './features.js';
import { seededRandom } from './model.js';

/** Three classes, each with its own feature, plus `noise` random features; `flip` of the labels are wrong. */
function synthetic(n: number, flip: number, seed = 5) {
  const rand = seededRandom(seed);
  const xs: SparseVector[] = [];
  const ys: number[] = [];
  for (let i = 0; i < n; i++) {
    const y = i % 3;
    const noise = 3 + Math.floor(rand() * 40);
    xs.push({ index: Int32Array.from([y, noise].sort((a, b) => a - b)), value: Float32Array.from(y < noise ? [0.8, 0.6] : [0.6, 0.8]) });
    ys.push(rand() < flip ? (y + 1) % 3 : y);
  }
  return { xs, ys };
}

describe('cross-validation', () => {
  it('samples every class in proportion and deals each class over the folds', () => {
    const ys = Array.from({ length: 1000 }, (_, i) => (i % 10 === 0 ? 1 : 0));
    const sample = stratifiedSample(ys, 200, 1);
    expect(sample.length).toBeGreaterThanOrEqual(195);
    expect(sample.length).toBeLessThanOrEqual(205);
    expect(sample.filter((i) => ys[i] === 1).length).toBeCloseTo(20, -1);
    const folds = assignFolds(ys, sample, 3);
    for (let f = 0; f < 3; f++) {
      const ones = sample.filter((i, n) => folds[n] === f && ys[i] === 1).length;
      expect(ones).toBeGreaterThanOrEqual(6);
      expect(ones).toBeLessThanOrEqual(7);
    }
  });

  it('scores every sampled case once, by a model that did not see it, and picks the penalty with the best out-of-fold macro-F1', () => {
    const { xs, ys } = synthetic(900, 0.1);
    const cv = crossValidate(toCsr(xs), ys, 3, 50, { folds: 3, grid: [1e-2, 1e-5], epochsFor: () => 5 });
    expect(cv.outOfFold.length).toBe(900);
    expect(new Set(cv.outOfFold.map((o) => o.index)).size).toBe(900);
    // The chosen penalty is the one with the best out-of-fold macro-F1 (a tie keeps the first, stronger one).
    const best = cv.macroF1ByL2.indexOf(Math.max(...cv.macroF1ByL2));
    expect(cv.chosenL2).toBe(cv.grid[best]);
    // With a tenth of the labels flipped, the best out-of-fold accuracy is about 90 %, not more.
    expect(cv.accuracyByL2[1]).toBeGreaterThan(0.8);
    expect(cv.accuracyByL2[1]).toBeLessThan(0.95);
    for (const o of cv.outOfFold) expect(o.margin).toBeGreaterThanOrEqual(0);
  });
});
