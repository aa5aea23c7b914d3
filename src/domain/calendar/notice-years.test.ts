import { describe, expect, it } from 'vitest';
import { upcomingYearWithoutNotice, yearsWithoutNotice } from './notice-years.js';

const present = new Set([2025, 2026]);

describe('years without a holiday notice', () => {
  it('a deadline running into 2027 without its notice is flagged; one inside 2026 is not', () => {
    expect(yearsWithoutNotice(new Date('2026-12-06T02:00:00Z'), new Date('2027-01-05T09:30:00Z'), present)).toEqual([2027]);
    expect(yearsWithoutNotice(new Date('2026-12-06T02:00:00Z'), new Date('2026-12-28T09:30:00Z'), present)).toEqual([]);
    // Beijing date: 2026-12-31 17:00 UTC is already 2027-01-01 in Beijing.
    expect(yearsWithoutNotice(new Date('2026-12-30T02:00:00Z'), new Date('2026-12-31T17:00:00Z'), present)).toEqual([2027]);
  });
  it('the admin is told six weeks before the year starts, not earlier, and not once the notice is in', () => {
    expect(upcomingYearWithoutNotice(new Date('2026-12-06T02:00:00Z'), present)).toBe(2027);
    expect(upcomingYearWithoutNotice(new Date('2026-10-01T02:00:00Z'), present)).toBeNull();
    expect(upcomingYearWithoutNotice(new Date('2026-12-06T02:00:00Z'), new Set([2026, 2027]))).toBeNull();
  });
});
