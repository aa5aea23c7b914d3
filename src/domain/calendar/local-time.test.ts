import { describe, expect, it } from 'vitest';
import {
  beijingDate, beijingDateCn, beijingDateTime, beijingDateTimeCn, beijingDayStart, beijingIso, beijingMonth,
  beijingMonthStart, beijingParts, startOfBeijingDay,
} from './local-time.js';

const utc = (iso: string) => new Date(iso);

describe('Beijing wall-clock views of an instant (UTC+8, no daylight saving)', () => {
  it.each([
    // [instant (UTC), Beijing date, date-time, month]
    ['2026-11-02T15:59:59.999Z', '2026-11-02', '2026-11-02 23:59', '2026-11'],
    ['2026-11-02T16:00:00.000Z', '2026-11-03', '2026-11-03 00:00', '2026-11'],
    ['2026-10-31T15:59:59.999Z', '2026-10-31', '2026-10-31 23:59', '2026-10'],
    ['2026-10-31T16:00:00.000Z', '2026-11-01', '2026-11-01 00:00', '2026-11'],
    ['2026-12-31T15:59:59.999Z', '2026-12-31', '2026-12-31 23:59', '2026-12'],
    ['2026-12-31T16:00:00.000Z', '2027-01-01', '2027-01-01 00:00', '2027-01'],
    ['2028-02-28T16:00:00.000Z', '2028-02-29', '2028-02-29 00:00', '2028-02'],
    ['1969-12-31T16:00:00.000Z', '1970-01-01', '1970-01-01 00:00', '1970-01'],
  ])('%s is %s in Beijing', (instant, date, dateTime, month) => {
    const at = utc(instant);
    expect(beijingDate(at)).toBe(date);
    expect(beijingDateTime(at)).toBe(dateTime);
    expect(beijingMonth(at)).toBe(month);
  });

  it('gives the wall-clock fields, with the weekday of the Beijing day', () => {
    expect(beijingParts(utc('2026-12-31T16:30:05Z'))).toEqual({ year: 2027, month: 1, day: 1, hour: 0, minute: 30, second: 5, weekday: 5 });
    expect(beijingParts(utc('2026-11-01T15:59:59Z'))).toMatchObject({ day: 1, hour: 23, weekday: 0 });
  });

  it('writes ISO 8601 with +08:00 and the Chinese date forms', () => {
    expect(beijingIso(utc('2024-10-10T09:30:00.123Z'))).toBe('2024-10-10T17:30:00+08:00');
    expect(beijingIso(utc('2026-12-31T16:00:00Z'))).toBe('2027-01-01T00:00:00+08:00');
    expect(beijingDateCn(utc('2026-11-02T16:00:00Z'))).toBe('2026年11月3日');
    expect(beijingDateTimeCn(utc('2026-11-06T09:30:00Z'))).toBe('2026年11月6日 17:30');
  });

  it('counts months back across a year', () => {
    const at = utc('2026-01-15T04:00:00Z');
    expect(beijingMonth(at, 1)).toBe('2025-12');
    expect(beijingMonth(at, 13)).toBe('2024-12');
    // 1 January 00:30 in Beijing is still 31 December in UTC: the month before is November.
    expect(beijingMonth(utc('2026-12-31T16:30:00Z'), 1)).toBe('2026-12');
  });
});

describe('Beijing day and month starts', () => {
  it('finds local midnight of the day an instant falls in', () => {
    expect(startOfBeijingDay(utc('2026-11-02T16:00:00Z')).toISOString()).toBe('2026-11-02T16:00:00.000Z');
    expect(startOfBeijingDay(utc('2026-11-03T15:59:59.999Z')).toISOString()).toBe('2026-11-02T16:00:00.000Z');
    expect(startOfBeijingDay(utc('2026-12-31T17:00:00Z')).toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });

  it('turns a local date into the instant it begins, refusing dates that do not exist', () => {
    expect(beijingDayStart('2027-01-01').toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(beijingDayStart('2028-02-29').toISOString()).toBe('2028-02-28T16:00:00.000Z');
    expect(() => beijingDayStart('2026-02-29')).toThrow(RangeError);
  });

  it('starts a month at local midnight of its first day, rolling over December', () => {
    expect(beijingMonthStart(2026, 11).toISOString()).toBe('2026-10-31T16:00:00.000Z');
    expect(beijingMonthStart(2026, 13).toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(beijingMonthStart(2027, 1).toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(beijingMonthStart(2026, 0).toISOString()).toBe('2025-11-30T16:00:00.000Z');
  });
});
