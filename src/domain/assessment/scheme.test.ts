import { describe, expect, it } from 'vitest';
import { parsePeriod, previousMonthKey, hasEnded } from './period.js';
import { defaultScheme, schemeProblem, type AssessmentScheme } from './scheme.js';

const withWeights = (w: Partial<AssessmentScheme['weights']>): AssessmentScheme => ({ ...defaultScheme, weights: { ...defaultScheme.weights, ...w } });

describe('scheme validation', () => {
  it.each([
    ['the default (0.1 / 0.5 / 0.4)', defaultScheme, null],
    ['weights moved to the on-time rates', withWeights({ response: 0, resolution: 0.4, satisfaction: 0.4, signing: 0.1, replying: 0.1 }), null],
    ['weights adding up to 1.1', withWeights({ response: 0.2 }), 'ASSESSMENT_SCHEME_WEIGHTS_SUM'],
    ['weights adding up to 0.9', withWeights({ resolution: 0.4 }), 'ASSESSMENT_SCHEME_WEIGHTS_SUM'],
    ['a negative weight', withWeights({ response: -0.1, resolution: 0.7 }), 'ASSESSMENT_SCHEME_INVALID'],
    ['a 基本满意 weight above 1', { ...defaultScheme, basicallyWeight: 1.2 }, 'ASSESSMENT_SCHEME_INVALID'],
    ['a negative deduction', { ...defaultScheme, deductions: { ...defaultScheme.deductions, red: -2 } }, 'ASSESSMENT_SCHEME_INVALID'],
    ['a fractional minimum', { ...defaultScheme, minimumCases: 2.5 }, 'ASSESSMENT_SCHEME_INVALID'],
  ])('%s', (_name, scheme, code) => {
    expect(schemeProblem(scheme as AssessmentScheme)?.code ?? null).toBe(code);
  });

  it('names the field at fault', () => {
    expect(schemeProblem({ ...defaultScheme, deductions: { ...defaultScheme.deductions, redo: Number.NaN } })).toEqual({ code: 'ASSESSMENT_SCHEME_INVALID', field: 'deductions.redo' });
  });
});

describe('periods (Beijing time)', () => {
  it.each([
    ['2026-10', 'month', '2026-09-30T16:00:00.000Z', '2026-10-31T16:00:00.000Z'],
    ['2026-12', 'month', '2026-11-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z'],
    ['2026-Q3', 'quarter', '2026-06-30T16:00:00.000Z', '2026-09-30T16:00:00.000Z'],
    ['2026-Q4', 'quarter', '2026-09-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z'],
    ['2026', 'year', '2025-12-31T16:00:00.000Z', '2026-12-31T16:00:00.000Z'],
  ])('%s', (key, kind, from, to) => {
    const p = parsePeriod(key)!;
    expect([p.kind, p.from.toISOString(), p.to.toISOString()]).toEqual([kind, from, to]);
  });

  it.each(['2026-13', '2026-00', '2026-Q5', '26-10', '2026-1', '2026-10-01', ''])('refuses %j', (key) => {
    expect(parsePeriod(key)).toBeNull();
  });

  it('knows when a period has ended and which month was last', () => {
    const oct = parsePeriod('2026-10')!;
    expect(hasEnded(oct, new Date('2026-10-31T23:59:00+08:00'))).toBe(false);
    expect(hasEnded(oct, new Date('2026-11-01T00:00:00+08:00'))).toBe(true);
    // 1 November 07:00 in Beijing is still 31 October in UTC.
    expect(previousMonthKey(new Date('2026-10-31T23:30:00Z'))).toBe('2026-10');
    expect(previousMonthKey(new Date('2026-01-15T12:00:00+08:00'))).toBe('2025-12');
  });
});
