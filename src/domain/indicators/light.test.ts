import { describe, expect, it } from 'vitest';
import { measureLight, plausibilityWarnings, targetOf, worstLight } from './light.js';
import { periodLabel, periodRange, previousPeriod, quarterOf } from './period.js';
import { satisfactionRate } from './rates.js';

const t = (commitment: number | null, benchmark: number | null = null, provinceBest: number | null = null) => ({ commitment, benchmark, provinceBest });

describe('indicator lights', () => {
  it.each([
    ['lower', t(4), 4, null, 'green'],
    ['lower', t(4), 3, 5, 'green'],
    ['lower', t(4), 5, 6, 'yellow'],
    ['lower', t(4), 4, 3, 'red'],
    ['higher', t(90), 95, 92, 'green'],
    ['higher', t(90), 85, 80, 'yellow'],
    ['higher', t(90), 95, 96, 'red'],
    ['higher', t(null), 10, null, 'green'],
    ['higher', t(90), null, 80, 'none'],
  ] as const)('%s is better, target %o: %s against last %s → %s', (direction, targets, value, previous, light) => {
    expect(measureLight(direction, targets, value, previous)).toBe(light);
  });

  it('holds a figure to the commitment first, then the benchmark, then the province best', () => {
    expect(targetOf(t(4, 3, 2))).toBe(4);
    expect(targetOf(t(null, 3, 2))).toBe(3);
    expect(targetOf(t(null, null, 2))).toBe(2);
  });

  it('shows the worst light', () => {
    expect(worstLight(['green', 'none', 'yellow'])).toBe('yellow');
    expect(worstLight(['green', 'red', 'yellow'])).toBe('red');
    expect(worstLight(['none', 'none'])).toBe('none');
    expect(worstLight([])).toBe('none');
  });
});

describe('periods', () => {
  it('steps back across years and gives Beijing date ranges', () => {
    expect(previousPeriod('2026-Q1')).toBe('2025-Q4');
    expect(previousPeriod('2026-Q3')).toBe('2026-Q2');
    expect(previousPeriod('2026-01')).toBe('2025-12');
    expect(periodRange('2026-Q4')).toEqual({ from: '2026-10-01', until: '2027-01-01' });
    expect(periodRange('2026-02')).toEqual({ from: '2026-02-01', until: '2026-03-01' });
    expect(periodLabel('2026-Q3')).toBe('2026年第3季度');
    expect(periodLabel('2026-07')).toBe('2026年7月');
    expect(quarterOf('2026-11-02')).toBe('2026-Q4');
  });

  it('uses the dashboard satisfaction rate', () => {
    expect(satisfactionRate(2, 1, 1)).toBe(75);
    expect(satisfactionRate(0, 0, 0)).toBeNull();
  });
});

describe('plausibility warnings', () => {
  it('warns of shares outside 0–100, negative values and tenfold jumps, and passes the ordinary', () => {
    expect(plausibilityWarnings('%', 120, null)).toEqual(['百分比应在 0 到 100 之间，请核对计量单位']);
    expect(plausibilityWarnings('个', -1, null)).toEqual(['数值为负，请核对']);
    expect(plausibilityWarnings('元', 5000, 300)).toEqual(['与上期（300）相差十倍以上，请核对计量单位']);
    expect(plausibilityWarnings('个工作日', 0.5, 1)).toEqual([]);
    expect(plausibilityWarnings('%', 99.9, 98)).toEqual([]);
  });
});
