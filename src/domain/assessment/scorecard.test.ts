import { describe, expect, it } from 'vitest';
import type { Fact } from './facts.js';
import { defaultScheme } from './scheme.js';
import { countFacts, emptyCounts, inNumerator, scorecards, type DepartmentCounts } from './scorecard.js';

const dept = (id: number, group: 'city' | 'district' | 'park' = 'city') => ({ id, name: `单位${id}`, group, sortOrder: id });
const counts = (c: Partial<DepartmentCounts>): DepartmentCounts => ({ ...emptyCounts(), ...c });

describe('scorecards', () => {
  it('三率 with 基本满意 at 0.9 and the 0.1 / 0.5 / 0.4 composite, minus deductions', () => {
    const [row] = scorecards([dept(1)], new Map([[1, counts({ cases: 10, followups: 10, responded: 9, resolved: 8, satisfied: 6, basically: 2, overdue: 1, red: 1 })]]), defaultScheme);
    expect(row.rates.response).toEqual({ numerator: 9, denominator: 10, rate: 0.9 });
    expect(row.rates.resolution.rate).toBe(0.8);
    // (6 + 0.9 × 2) / 10
    // The fraction shows what is counted: 满意 6 + 基本满意 2 × 0.9 = 7.8 of 10, beside the 8 cases rated either way.
    expect(row.rates.satisfaction).toEqual({ numerator: 8, denominator: 10, rate: 0.78, weighted: { satisfied: 6, basically: 2, basicallyWeight: 0.9, value: 7.8 } });
    expect(row.baseScore).toBeCloseTo(0.1 * 90 + 0.5 * 80 + 0.4 * 78, 6);
    expect(row.deductionPoints).toBe(2.5);
    expect(row.composite).toBe(77.7);
  });

  it('ranks within each group; ties share a rank; under the minimum listed but not ranked', () => {
    const c = new Map([
      [1, counts({ cases: 6, followups: 6, responded: 6, resolved: 6, satisfied: 6 })],
      [2, counts({ cases: 6, followups: 6, responded: 6, resolved: 6, satisfied: 6 })],
      [3, counts({ cases: 6, followups: 6, responded: 3, resolved: 3, satisfied: 3 })],
      [4, counts({ cases: 4, followups: 4, responded: 4, resolved: 4, satisfied: 4 })],
      [5, counts({ cases: 9, followups: 9, responded: 1, resolved: 1, satisfied: 1 })],
    ]);
    const rows = scorecards([dept(1), dept(2), dept(3), dept(4), dept(5, 'district')], c, defaultScheme);
    const rank = Object.fromEntries(rows.map((r) => [r.departmentId, r.rank]));
    expect(rank).toEqual({ 1: 1, 2: 1, 3: 3, 4: null, 5: 1 });
    expect(rows.find((r) => r.departmentId === 4)!.composite).toBe(100);
    expect(rows.map((r) => r.departmentId)).toEqual([1, 2, 3, 4, 5]);
  });

  it('one rated case does not rank a unit first: the minimum sample holds for the followed-up cases too', () => {
    const c = new Map([
      [1, counts({ cases: 20, followups: 1, responded: 1, resolved: 1, satisfied: 1 })],
      [2, counts({ cases: 20, followups: 12, responded: 11, resolved: 10, satisfied: 9, basically: 2 })],
    ]);
    const ranked = scorecards([dept(1), dept(2)], c, defaultScheme);
    expect(Object.fromEntries(ranked.map((r) => [r.departmentId, r.rank]))).toEqual({ 1: null, 2: 1 });
    // A scheme saved before the rule existed keeps the ranks its periods were published with.
    const { minimumRated: _dropped, ...older } = defaultScheme;
    expect(Object.fromEntries(scorecards([dept(1), dept(2)], c, older).map((r) => [r.departmentId, r.rank]))).toEqual({ 1: 1, 2: 2 });
  });

  it('counts facts in the period and leaves out an excluded case for that department only', () => {
    const f = (caseId: number, departmentId: number, measure: Fact['measure'], at: string, extra: Partial<Fact> = {}): Fact =>
      ({ caseId, departmentId, measure, at: new Date(at), hit: true, rating: null, responded: null, resolved: null, detail: null, ...extra });
    const facts = [
      f(1, 10, 'followup', '2026-10-05T00:00:00Z', { rating: 'satisfied', responded: true, resolved: true }),
      f(1, 10, 'signing', '2026-09-30T17:00:00Z', { hit: false }),
      f(2, 10, 'followup', '2026-10-06T00:00:00Z', { rating: 'unsatisfied', responded: true, resolved: false }),
      f(2, 10, 'excluded', '2026-11-02T00:00:00Z'),
      f(2, 20, 'redo', '2026-10-06T00:00:00Z'),
      f(3, 10, 'followup', '2026-11-01T00:00:00Z', { rating: 'satisfied' }),
    ];
    const out = countFacts(facts, new Date('2026-09-30T16:00:00Z'), new Date('2026-10-31T16:00:00Z'));
    expect(out.get(10)).toMatchObject({ cases: 1, followups: 1, satisfied: 1, signing: 1, signingOnTime: 0 });
    expect(out.get(20)).toMatchObject({ cases: 1, redo: 1 });
    expect(inNumerator('satisfaction', facts[2])).toBe(false);
    expect(inNumerator('response', facts[2])).toBe(true);
  });
});
