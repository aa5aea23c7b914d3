import { describe, expect, it } from 'vitest';
import { overduePeriod } from '../../src/server/modules/dashboard/drill.js';
import { overviewPeriods } from '../../src/server/modules/dashboard/overview.js';
import { addDays, beijingDay, dayStart, isDay, weekStart } from '../../src/server/modules/dashboard/periods.js';
import { heatBands } from '../../src/web/features/dashboard/charts.js';

// Pure calendar arithmetic of the dashboards: Beijing days, ISO weeks, month comparisons, rolled-up periods, bands.

describe('Beijing days and weeks', () => {
  it.each([
    ['2026-10-31T15:59:59Z', '2026-10-31'],
    ['2026-10-31T16:00:00Z', '2026-11-01'],
    ['2026-12-31T16:30:00Z', '2027-01-01'],
  ])('%s is %s in Beijing', (at, day) => expect(beijingDay(new Date(at))).toBe(day));

  it('a day starts at 00:00 Beijing time', () => expect(dayStart('2026-11-01').toISOString()).toBe('2026-10-31T16:00:00.000Z'));

  it.each([['2026-11-23', '2026-11-23'], ['2026-11-29', '2026-11-23'], ['2026-11-30', '2026-11-30'], ['2027-01-01', '2026-12-28']])(
    'the week of %s starts on Monday %s', (day, monday) => expect(weekStart(day)).toBe(monday));

  it('checks real days', () => {
    expect([isDay('2026-02-28'), isDay('2026-02-29'), isDay('2028-02-29'), isDay('2026-13-01'), isDay('26-1-1')]).toEqual([true, false, true, false, false]);
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
  });
});

describe('overview periods', () => {
  it('compares this month so far with the same days of last month', () => {
    const p = overviewPeriods(new Date('2026-11-20T15:00:00+08:00'));
    expect(p.kpi).toEqual({ from: '2026-11-01', until: '2026-11-21' });
    expect(p.lastSame).toEqual({ from: '2026-10-01', until: '2026-10-21' });
    expect(p.weeks.map((w) => w.from)).toHaveLength(12);
    expect(p.weeks[11]).toEqual({ from: '2026-11-16', until: '2026-11-23', label: '11月16日' });
    expect(p.months.map((m) => m.from)).toEqual(['2026-06-01', '2026-07-01', '2026-08-01', '2026-09-01', '2026-10-01', '2026-11-01']);
  });

  it('caps the comparison at the end of a shorter last month', () => {
    const p = overviewPeriods(new Date('2026-03-31T10:00:00+08:00'));
    expect(p.kpi).toEqual({ from: '2026-03-01', until: '2026-04-01' });
    expect(p.lastSame).toEqual({ from: '2026-02-01', until: '2026-03-01' });
  });

  it('refuses a month after the current one or malformed', () => {
    const now = new Date('2026-11-20T15:00:00+08:00');
    for (const m of ['2026-12', '2026-1', '2018-12', 'x']) expect(() => overviewPeriods(now, m)).toThrow();
    expect(overviewPeriods(now, '2026-10').kpi).toEqual({ from: '2026-10-01', until: '2026-11-01' });
  });
});

describe('rolled-up overdue periods', () => {
  it.each([
    [{ from: '2026-11-16', until: '2026-11-23' }, { kind: 'week', from: '2026-11-16' }],
    [{ from: '2026-11-17', until: '2026-11-24' }, null], // not a Monday
    [{ from: '2026-10-01', until: '2026-11-01' }, { kind: 'month', from: '2026-10-01' }],
    [{ from: '2026-11-01', until: '2026-11-21' }, { kind: 'month', from: '2026-11-01' }], // this month up to today
    [{ from: '2026-11-01', until: '2026-11-10' }, null], // part of the month, before today
  ])('%j → %j', (range, period) => expect(overduePeriod(range, '2026-11-20')).toEqual(period));
});

describe('heatmap bands', () => {
  it.each([[1, { hi: 1, mid: 1 }], [4, { hi: 3, mid: 2 }], [9, { hi: 6, mid: 3 }], [100, { hi: 67, mid: 34 }]])(
    'largest cell %i: red from hi, orange from mid', (max, bands) => expect(heatBands(max)).toEqual(bands));
});
