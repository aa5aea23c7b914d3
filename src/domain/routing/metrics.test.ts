import { describe, expect, it } from 'vitest';
import { evaluate, reliability } from './metrics.js';

describe('router metrics', () => {
  it('accuracy, macro-F1 over gold classes, per-class precision/recall and confusions', () => {
    const gold = [1, 1, 1, 2, 2, 3];
    const pred = [1, 1, 2, 2, 2, null];
    const e = evaluate(gold, pred);
    expect(e.accuracy).toBeCloseTo(4 / 6);
    const c1 = e.perClass.find((c) => c.label === 1)!;
    expect(c1).toMatchObject({ support: 3, predicted: 2, precision: 1 });
    expect(c1.recall).toBeCloseTo(2 / 3);
    const c2 = e.perClass.find((c) => c.label === 2)!;
    expect(c2.precision).toBeCloseTo(2 / 3);
    expect(c2.recall).toBe(1);
    // Class 3 was never predicted (abstained): F1 0, still averaged in.
    expect(e.macroF1).toBeCloseTo((0.8 + 0.8 + 0) / 3);
    expect(e.confusions).toEqual([{ actual: 1, predicted: 2, count: 1 }]);
  });

  it('reliability bins and expected calibration error', () => {
    const r = reliability([0.95, 0.95, 0.55, 0.55], [true, true, true, false]);
    expect(r.bins[9]).toMatchObject({ count: 2, accuracy: 1 });
    expect(r.bins[5]).toMatchObject({ count: 2, accuracy: 0.5 });
    expect(r.ece).toBeCloseTo(0.5 * 0.05 + 0.5 * 0.05);
  });
});
