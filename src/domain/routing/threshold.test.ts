import { describe, expect, it } from 'vitest';
import { chooseThresholds, dispatchOutcome, marginalThresholdFor, precisionCoverageCurve, thresholdFor, wouldDispatch, type ScoredCase } from './threshold.js';

/** n cases of a department at confidences spread over [lo, hi], right with probability rising from `pLo` to 1. */
function cases(departmentId: number, n: number, rightBelow: (c: number) => boolean, lo = 0.3, hi = 1): ScoredCase[] {
  return Array.from({ length: n }, (_, i) => {
    const confidence = lo + ((hi - lo) * i) / (n - 1);
    return { departmentId, confidence, correct: rightBelow(confidence) };
  });
}

describe('thresholds from a target precision', () => {
  it('takes the largest most-confident group that is right at least the target share of the time', () => {
    // 10 cases: the top 6 right, then wrong, right, wrong, wrong.
    const list: ScoredCase[] = [0.99, 0.98, 0.97, 0.96, 0.95, 0.94, 0.9, 0.8, 0.7, 0.6].map((c, i) => ({ departmentId: 1, confidence: c, correct: [0, 1, 2, 3, 4, 5, 7].includes(i) }));
    expect(thresholdFor(list, 1)).toBe(0.94);
    expect(thresholdFor(list, 0.85)).toBe(0.8); // 7 of 8
    expect(thresholdFor(list, 0.7)).toBe(0.6); // 7 of 10
    expect(thresholdFor([{ departmentId: 1, confidence: 0.9, correct: false }], 0.95)).toBeNull();
  });

  it('keeps ties together: a threshold cannot split cases of equal confidence', () => {
    const list: ScoredCase[] = [
      { departmentId: 1, confidence: 0.9, correct: true },
      { departmentId: 1, confidence: 0.8, correct: true },
      { departmentId: 1, confidence: 0.8, correct: false },
    ];
    expect(thresholdFor(list, 0.9)).toBe(0.9);
  });

  it('per department where it has enough cases, the shared one elsewhere; coverage and precision on the cases', () => {
    // Department 1 is easy (right above 0.4), department 2 hard (right only above 0.9); 3 has few cases.
    const all = [...cases(1, 200, (c) => c > 0.4), ...cases(2, 200, (c) => c > 0.9), ...cases(3, 10, () => true)];
    const choice = chooseThresholds(all, 0.95, 3);
    expect(choice.blocked).toBeNull();
    expect(choice.perDepartment[1]).toBeLessThan(0.5);
    expect(choice.perDepartment[2]).toBeGreaterThan(0.85);
    expect(choice.perDepartment[3]).toBeUndefined();
    expect(wouldDispatch(choice, 3, choice.shared!)).toBe(true);
    expect(wouldDispatch(choice, 2, 0.6)).toBe(false);
    expect(wouldDispatch(choice, 1, 0.6)).toBe(true);
    const o = dispatchOutcome(all, choice);
    expect(o.precision).toBeGreaterThanOrEqual(0.95);
    expect(o.coverage).toBeCloseTo(choice.expectedCoverage, 10);
    // A single shared threshold would have to be far stricter for department 1.
    expect(thresholdFor(all, 0.95)!).toBeGreaterThan(choice.perDepartment[1]!);
  });

  it('too few cases: blocked, nothing dispatched by model', () => {
    const few = cases(1, 150, () => true);
    const choice = chooseThresholds(few, 0.95, 2);
    expect(choice.blocked).toBe('ROUTER_TOO_FEW_CASES');
    expect(wouldDispatch(choice, 1, 1)).toBe(false);
    // 400 cases over 32 departments is fewer than 20 a department.
    expect(chooseThresholds(cases(1, 400, () => true), 0.95, 32).blocked).toBe('ROUTER_TOO_FEW_CASES');
    expect(chooseThresholds(cases(1, 400, () => true), 0.95, 2).blocked).toBeNull();
  });

  it('the precision-coverage curve starts at the most confident cases and ends covering all', () => {
    const curve = precisionCoverageCurve(cases(1, 1000, (c) => c > 0.5), 51);
    expect(curve.length).toBeLessThanOrEqual(52);
    expect(curve[0].precision).toBe(1);
    expect(curve[curve.length - 1].coverage).toBe(1);
    expect(curve[curve.length - 1].precision).toBeCloseTo(0.714, 2);
    for (let i = 1; i < curve.length; i++) expect(curve[i].coverage).toBeGreaterThan(curve[i - 1].coverage);
  });
});

describe('marginal thresholds (ADR 0024)', () => {
  // 100 cases right above 0.6, 20 doubtful ones in [0.4, 0.6) right half the time.
  const list: ScoredCase[] = [
    ...Array.from({ length: 100 }, (_, i) => ({ departmentId: 1, confidence: 0.6 + (0.4 * i) / 100, correct: true })),
    ...Array.from({ length: 20 }, (_, i) => ({ departmentId: 1, confidence: 0.4 + (0.2 * i) / 20, correct: i % 2 === 1 })),
  ];

  it('stops where the cases at the threshold reach the target, not where the average above it does', () => {
    // On average, even every case is right 110/120 ≈ 92 %: the cumulative rule at 90 % takes them all, doubtful band
    // included; the marginal rule starts where the isotonic fit reaches 90 %, above the doubtful band.
    expect(thresholdFor(list, 0.9)).toBeCloseTo(0.4, 6);
    const t = marginalThresholdFor(list, 0.9)!;
    expect(t).toBeGreaterThan(0.55);
    expect(t).toBeLessThanOrEqual(0.6);
    // If new cases fall mostly in the doubtful band, the cumulative threshold's precision falls to ~50 %; the marginal
    // one still dispatches only cases at least as good as the target.
    const shifted = [...list.slice(0, 10), ...list.slice(100)];
    const cumulative = dispatchOutcome(shifted, chooseThresholds([...list, ...list], 0.9, 1, 'cumulative'));
    const marginal = dispatchOutcome(shifted, chooseThresholds([...list, ...list], 0.9, 1, 'marginal'));
    expect(cumulative.precision).toBeLessThan(0.7);
    expect(marginal.precision).toBeGreaterThanOrEqual(0.9);
  });

  it('is null when no confidence band reaches the target', () => {
    expect(marginalThresholdFor(list.slice(100).map((c, i) => ({ ...c, correct: i < 15 })), 0.9)).toBeNull();
    expect(marginalThresholdFor([], 0.9)).toBeNull();
  });
});
