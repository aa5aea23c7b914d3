import { describe, expect, it } from 'vitest';
import { defaultCalendar, endOfTimeMs, WorkCalendar, type Interval } from './index';
import { beijingIso } from './local-time';

/** An Asia/Shanghai wall-clock time, e.g. at('2024-09-30T10:00'). */
const at = (local: string) => new Date(`${local}:00+08:00`);
const iso = (d: Date) => beijingIso(d).slice(0, 16);
const pause = (from: string, to: string | null): Interval => ({ start: at(from), end: to === null ? null : at(to) });
const cal = defaultCalendar;

describe('isWorkday', () => {
  it.each([
    ['2024-09-28', false, 'plain Saturday'],
    ['2024-09-29', true, 'Sunday worked before National Day'],
    ['2024-10-01', false, 'National Day'],
    ['2024-10-07', false, 'last day of the National Day break (Mon)'],
    ['2024-10-08', true, 'back to work'],
    ['2024-10-12', true, 'Saturday worked after National Day'],
    ['2024-10-13', false, 'plain Sunday'],
    ['2024-02-04', true, 'Spring Festival make-up Sunday'],
    ['2024-02-12', false, 'Spring Festival'],
    ['2024-02-18', true, 'Spring Festival make-up Sunday'],
    ['2019-04-28', true, '2019 Labour Day as amended'],
    ['2019-05-03', false, '2019 Labour Day as amended'],
    ['2018-12-29', true, 'Saturday worked for 2019 New Year'],
    ['2018-12-31', false, '2019 New Year break'],
    ['2020-01-19', true, '2020 Spring Festival make-up Sunday'],
    ['2020-01-31', false, '2020 Spring Festival extension (COVID-19)'],
    ['2020-02-01', false, 'make-up Saturday cancelled by the extension'],
    ['2020-02-03', true, 'back to work after the extension'],
    ['2021-09-18', true, '2021 Mid-Autumn make-up Saturday'],
    ['2021-09-20', false, '2021 Mid-Autumn'],
    ['2022-04-02', true, '2022 Qingming make-up Saturday'],
    ['2022-10-08', true, '2022 National Day make-up Saturday'],
    ['2022-10-09', true, '2022 National Day make-up Sunday'],
    ['2023-01-02', false, '2023 New Year (Mon)'],
    ['2023-06-25', true, '2023 Dragon Boat make-up Sunday'],
    ['2023-09-29', false, '2023 Mid-Autumn'],
    ['2023-10-07', true, '2023 National Day make-up Saturday'],
    ['2025-01-26', true, '2025 Spring Festival make-up Sunday'],
    ['2025-01-28', false, '2025 Spring Festival eve'],
    ['2025-02-04', false, 'last day of 2025 Spring Festival (Tue)'],
    ['2025-02-05', true, 'back to work'],
    ['2025-02-08', true, '2025 Spring Festival make-up Saturday'],
    ['2025-04-27', true, '2025 Labour Day make-up Sunday'],
    ['2025-05-05', false, '2025 Labour Day (Mon)'],
    ['2025-09-28', true, '2025 National Day make-up Sunday'],
    ['2025-10-08', false, '2025 National Day + Mid-Autumn (Wed)'],
    ['2025-10-09', true, 'back to work'],
    ['2025-10-11', true, '2025 National Day make-up Saturday'],
    ['2026-01-02', false, '2026 New Year (Fri)'],
    ['2026-01-04', true, '2026 New Year make-up Sunday'],
    ['2026-02-14', true, '2026 Spring Festival make-up Saturday'],
    ['2026-02-23', false, 'last day of 2026 Spring Festival (Mon)'],
    ['2026-02-28', true, '2026 Spring Festival make-up Saturday'],
    ['2026-05-09', true, '2026 Labour Day make-up Saturday'],
    ['2026-09-20', true, '2026 National Day make-up Sunday'],
    ['2026-10-10', true, '2026 National Day make-up Saturday'],
    ['2027-01-04', true, 'no notice yet: a Monday works'],
    ['2027-01-02', false, 'no notice yet: a Saturday is off'],
  ])('%s → %s (%s)', (date, expected) => {
    expect(cal.isWorkday(date)).toBe(expected);
  });

  it.each(['2024-02-30', '2024/01/01', '2024-1-1', ''])('rejects %j', (date) => {
    expect(() => cal.isWorkday(date)).toThrow(RangeError);
  });
});

describe('localDate', () => {
  it.each([
    ['2024-09-30T15:59:59.999Z', '2024-09-30'],
    ['2024-09-30T16:00:00.000Z', '2024-10-01'],
    ['1969-12-31T16:00:00.000Z', '1970-01-01'],
  ])('%s is %s in Shanghai', (instant, expected) => {
    expect(cal.localDate(new Date(instant))).toBe(expected);
  });

  it('rejects an invalid Date', () => {
    expect(() => cal.localDate(new Date('nope'))).toThrow(RangeError);
  });
});

describe('addWorkingDays (开始的当日不计入, ends at 17:30)', () => {
  it.each([
    ['2024-09-30T10:00', 3, '2024-10-10T17:30', 'the National Day example: 10-08, 10-09, 10-10'],
    ['2024-09-30T10:00', 1, '2024-10-08T17:30', 'first working day after the break'],
    ['2024-09-30T23:59', 1, '2024-10-08T17:30', 'late evening is still the same local day'],
    ['2024-09-29T23:59', 3, '2024-10-09T17:30', 'started on a make-up Sunday'],
    ['2024-09-27T09:00', 1, '2024-09-29T17:30', 'the make-up Sunday counts'],
    ['2024-06-07T09:00', 1, '2024-06-11T17:30', 'Dragon Boat Monday skipped'],
    ['2024-10-18T16:00', 1, '2024-10-21T17:30', 'plain weekend skipped'],
    ['2024-10-19T10:00', 5, '2024-10-25T17:30', 'started on a Saturday'],
    ['2025-01-24T10:00', 1, '2025-01-26T17:30', 'make-up Sunday before Spring Festival'],
    ['2025-01-24T10:00', 3, '2025-02-05T17:30', 'across Spring Festival 2025'],
    ['2025-09-26T10:00', 15, '2025-10-23T17:30', 'complaint time limit across National Day 2025'],
    ['2026-02-13T10:00', 2, '2026-02-24T17:30', 'across Spring Festival 2026'],
    ['2024-10-14T10:00', 0, '2024-10-14T17:30', 'n = 0 on a working day'],
    ['2024-10-14T17:29', 0, '2024-10-14T17:30', 'n = 0 just before close'],
    ['2024-10-14T17:30', 0, '2024-10-15T17:30', 'n = 0 after close rolls to the next working day'],
    ['2024-10-13T10:00', 0, '2024-10-14T17:30', 'n = 0 on a Sunday'],
    ['2024-10-01T10:00', 0, '2024-10-08T17:30', 'n = 0 on a holiday'],
  ])('%s + %i working days → %s (%s)', (from, n, expected) => {
    expect(iso(cal.addWorkingDays(at(from), n))).toBe(expected);
  });

  it('is independent of the instant format (UTC input)', () => {
    expect(cal.addWorkingDays(new Date('2024-09-30T02:00:00Z'), 3).toISOString()).toBe('2024-10-10T09:30:00.000Z');
    // 16:30 UTC on 09-29 is already 00:30 on 09-30 in Shanghai.
    expect(cal.addWorkingDays(new Date('2024-09-29T16:30:00Z'), 3).toISOString()).toBe('2024-10-10T09:30:00.000Z');
  });

  it.each([-1, 1.5, Number.NaN, Infinity])('rejects n = %s', (n) => {
    expect(() => cal.addWorkingDays(at('2024-10-14T10:00'), n)).toThrow(RangeError);
  });

  describe('with suspensions (working time inside them is added back)', () => {
    const from = at('2024-10-14T09:00'); // Monday; 3 working days → Thu 10-17 17:30
    it.each<[string, Interval[], string]>([
      ['no suspension', [], '2024-10-17T17:30'],
      ['a morning suspended → +3.5 h', [pause('2024-10-15T08:30', '2024-10-15T12:00')], '2024-10-18T12:00'],
      ['a whole day suspended → +1 day', [pause('2024-10-15T00:00', '2024-10-16T00:00')], '2024-10-18T17:30'],
      ['suspended over lunch only → unchanged', [pause('2024-10-15T12:00', '2024-10-15T14:30')], '2024-10-17T17:30'],
      ['suspended over a weekend → unchanged', [pause('2024-10-19T00:00', '2024-10-21T00:00')], '2024-10-17T17:30'],
      ['suspended before the start → unchanged', [pause('2024-10-10T09:00', '2024-10-14T09:00')], '2024-10-17T17:30'],
      ['suspended after the deadline → unchanged', [pause('2024-10-17T17:30', '2024-10-25T00:00')], '2024-10-17T17:30'],
      ['open suspension after the deadline → unchanged', [pause('2024-10-18T09:00', null)], '2024-10-17T17:30'],
      [
        'overlapping records counted once',
        [pause('2024-10-15T00:00', '2024-10-15T20:00'), pause('2024-10-15T10:00', '2024-10-16T00:00')],
        '2024-10-18T17:30',
      ],
      [
        'the extension runs into a second suspension (iterated until stable)',
        [pause('2024-10-15T00:00', '2024-10-16T00:00'), pause('2024-10-18T00:00', '2024-10-19T00:00')],
        '2024-10-21T17:30',
      ],
      ['suspended from the start for an hour', [pause('2024-10-14T09:00', '2024-10-14T10:00')], '2024-10-18T09:30'],
    ])('%s', (_, paused, expected) => {
      expect(iso(cal.addWorkingDays(from, 3, paused))).toBe(expected);
    });

    it('an open suspension before the deadline gives endOfTimeMs', () => {
      expect(cal.addWorkingDays(from, 3, [pause('2024-10-16T10:00', null)]).getTime()).toBe(endOfTimeMs);
    });

    it('rejects a suspension that ends before it starts', () => {
      expect(() => cal.addWorkingDays(from, 3, [pause('2024-10-16T10:00', '2024-10-16T09:00')])).toThrow(RangeError);
    });
  });
});

describe('addWorkingHours', () => {
  it.each([
    ['2024-10-18T16:30', 2, '2024-10-21T09:30', 'Friday afternoon to Monday morning'],
    ['2024-10-14T11:00', 2, '2024-10-14T15:30', 'across lunch'],
    ['2024-10-14T11:00', 1, '2024-10-14T12:00', 'ends exactly at the end of the morning'],
    ['2024-10-14T12:30', 1, '2024-10-14T15:30', 'started during lunch'],
    ['2024-10-14T20:00', 1, '2024-10-15T09:30', 'started at night'],
    ['2024-10-14T07:00', 0.5, '2024-10-14T09:00', 'started before opening'],
    ['2024-10-14T08:30', 13, '2024-10-15T17:30', 'two full working days'],
    ['2024-09-30T17:00', 1, '2024-10-08T09:00', 'across National Day'],
    ['2024-09-27T17:00', 1, '2024-09-29T09:00', 'onto a make-up Sunday'],
    ['2024-10-14T20:00', 0, '2024-10-14T20:00', 'zero hours returns the start unchanged'],
    ['2024-10-14T10:00', 0.25, '2024-10-14T10:15', 'a quarter of an hour'],
  ])('%s + %s h → %s (%s)', (from, hours, expected) => {
    expect(iso(cal.addWorkingHours(at(from), hours))).toBe(expected);
  });

  it('skips suspended time', () => {
    const paused = [pause('2024-10-14T10:30', '2024-10-14T11:00')];
    expect(iso(cal.addWorkingHours(at('2024-10-14T10:00'), 2, paused))).toBe('2024-10-14T15:00');
  });

  it('returns endOfTimeMs when an open suspension swallows the rest', () => {
    const result = cal.addWorkingHours(at('2024-10-14T10:00'), 2, [pause('2024-10-14T11:00', null)]);
    expect(result.getTime()).toBe(endOfTimeMs);
  });

  it.each([-1, Number.NaN, Infinity])('rejects %s hours', (hours) => {
    expect(() => cal.addWorkingHours(at('2024-10-14T10:00'), hours)).toThrow(RangeError);
  });
});

describe('workingMillisBetween', () => {
  const H = 3_600_000;
  it.each<[string, string, Interval[], number]>([
    ['2024-10-18T16:30', '2024-10-21T09:30', [], 2 * H],
    ['2024-10-21T09:30', '2024-10-18T16:30', [], -2 * H],
    ['2024-10-14T00:00', '2024-10-21T00:00', [], 5 * 6.5 * H],
    ['2024-10-01T00:00', '2024-10-08T00:00', [], 0],
    ['2024-09-29T00:00', '2024-09-30T00:00', [], 6.5 * H],
    ['2024-10-14T00:00', '2024-10-21T00:00', [pause('2024-10-15T10:00', '2024-10-15T15:00')], (5 * 6.5 - 2.5) * H],
    ['2024-10-14T00:00', '2024-10-21T00:00', [pause('2024-10-16T00:00', null)], 2 * 6.5 * H],
  ])('%s → %s', (from, to, paused, expected) => {
    expect(cal.workingMillisBetween(at(from), at(to), paused)).toBe(expected);
  });

  it('copes with endOfTimeMs without walking the days', () => {
    const far = new Date(endOfTimeMs);
    expect(cal.workingMillisBetween(at('2024-10-14T00:00'), far, [pause('2024-10-15T00:00', null)])).toBe(6.5 * H);
  });
});

describe('workingDaysBetween', () => {
  it.each([
    ['2024-09-30T10:00', '2024-10-10T18:00', 3],
    ['2024-10-10T18:00', '2024-09-30T10:00', -3],
    ['2024-10-14T08:00', '2024-10-14T20:00', 0],
    ['2024-10-10T17:30', '2024-10-11T09:00', 1], // 已超期 1 个工作日
    ['2024-10-10T17:30', '2024-10-12T09:00', 2], // the make-up Saturday counts
    ['2024-10-10T17:30', '2024-10-13T09:00', 2],
    ['2019-01-01T00:00', '2026-12-31T00:00', 1994], // cross-checked with Python's datetime over the tables in china-holidays.test.ts
  ])('%s → %s = %i', (from, to, expected) => {
    expect(cal.workingDaysBetween(at(from), at(to))).toBe(expected);
  });
});

describe('WorkCalendar configuration', () => {
  it('closes day-counted limits at the end of the last working period', () => {
    const nineToFive = new WorkCalendar({ holidays: [], makeupWorkdays: [] }, { periods: [['09:00', '17:00']] });
    expect(iso(nineToFive.addWorkingDays(at('2024-10-18T10:00'), 1))).toBe('2024-10-21T17:00');
    expect(iso(nineToFive.addWorkingDays(at('2024-10-01T10:00'), 1))).toBe('2024-10-02T17:00'); // no holidays
  });

  it.each([
    [[]],
    [[['12:00', '08:00']]],
    [[['08:00', '12:00'], ['11:00', '13:00']]],
    [[['14:00', '17:00'], ['08:00', '12:00']]],
    [[['08:00', '25:00']]],
    [[['8:00', '12:00']]],
  ] as Array<[Array<[string, string]>]>)('rejects working periods %j', (periods) => {
    expect(() => new WorkCalendar({ holidays: [], makeupWorkdays: [] }, { periods })).toThrow(RangeError);
  });

  it('rejects a date that is both a holiday and a make-up working day', () => {
    expect(() => new WorkCalendar({ holidays: ['2024-10-12'], makeupWorkdays: ['2024-10-12'] })).toThrow(/both/);
  });
});
