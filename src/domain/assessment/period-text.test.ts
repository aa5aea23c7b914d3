import { describe, expect, it } from 'vitest';
import { parsePeriod, periodRangeCn } from './period.js';

describe('periodRangeCn', () => {
  it('reads a month as its Beijing days in Chinese, the exclusive end as the day before', () => {
    const p = parsePeriod('2026-10')!;
    expect(p.from.toISOString()).toBe('2026-09-30T16:00:00.000Z');
    expect(periodRangeCn(p.from.toISOString(), p.to.toISOString())).toBe('2026年10月1日至2026年10月31日');
    const q = parsePeriod('2026-Q4')!;
    expect(periodRangeCn(q.from, q.to)).toBe('2026年10月1日至2026年12月31日');
  });
});
