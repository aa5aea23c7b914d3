import { describe, expect, it } from 'vitest';
import { csrRow, toCsr } from './csr.js';
import type { SparseVector } from './features.js';
import { fitLinear, logits, seededRandom, topMargin } from './model.js';
import { epochsFor } from './router.js';

/** Three classes, each with its own two features, plus one random noise feature; L2-normalised. */
function synthetic(n: number) {
  const rand = seededRandom(3);
  const xs: SparseVector[] = [];
  const ys: number[] = [];
  for (let i = 0; i < n; i++) {
    const y = i % 3;
    const noise = 6 + Math.floor(rand() * 30);
    xs.push({ index: Int32Array.from([2 * y, 2 * y + 1, noise]), value: Float32Array.from([0.6, 0.6, 0.53]) });
    ys.push(y);
  }
  return { x: toCsr(xs), ys };
}

describe('the SGD kernel on CSR rows', () => {
  const { x, ys } = synthetic(600);
  for (const loss of ['logistic', 'squared-hinge'] as const) {
    it(`learns separable classes (${loss}) and is deterministic`, () => {
      const fit = fitLinear(x, ys, 3, 40, { epochs: 3, loss, l2: 1e-4 });
      const shape = { ...fit, classes: [0, 1, 2] };
      let right = 0;
      for (let r = 0; r < x.rows; r++) if (topMargin(logits(shape, csrRow(x, r))).top === ys[r]) right++;
      expect(right).toBe(x.rows);
      expect(Array.from(fitLinear(x, ys, 3, 40, { epochs: 3, loss, l2: 1e-4 }).weights)).toEqual(Array.from(fit.weights));
    });
  }

  it('with the squared hinge, a class far on its side gets no update: weights of unseen features stay zero', () => {
    const fit = fitLinear(x, ys, 3, 40, { epochs: 1, loss: 'squared-hinge' });
    // Feature 39 never occurs.
    expect(Array.from(fit.weights.subarray(39 * 3, 40 * 3))).toEqual([0, 0, 0]);
    // The hinge's scores sit near ±1 (the margin), the softmax's grow without bound.
    const z = logits({ ...fit, classes: [0, 1, 2] }, csrRow(x, 0));
    expect(z[ys[0]]).toBeGreaterThan(0.5);
    expect(z[ys[0]]).toBeLessThan(2);
  });

  it('fits only the rows asked for (cross-validation folds without copies)', () => {
    const rows = Int32Array.from({ length: 300 }, (_, i) => i);
    const part = fitLinear(x, ys, 3, 40, { epochs: 2, rows });
    const copy = fitLinear(toCsr(Array.from(rows, (r) => csrRow(x, r))), ys.slice(0, 300), 3, 40, { epochs: 2 });
    expect(Array.from(part.weights)).toEqual(Array.from(copy.weights));
  });

  it('takes about 40,000 steps: five passes on small sets, one on large ones', () => {
    expect(epochsFor(2_000)).toBe(5);
    expect(epochsFor(16_000)).toBe(2.5);
    expect(epochsFor(80_000)).toBe(1);
  });
});
