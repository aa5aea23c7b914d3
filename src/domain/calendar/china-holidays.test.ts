import { describe, expect, it } from 'vitest';
import { chinaCalendarData, chinaCalendarYears } from './china-holidays';
import { defaultCalendar } from './index';
import { parseLocalDate, weekdayOf } from './local-time';

// Mon–Fri days off per year, worked out by hand from the notices (not from the ranges in
// china-holidays.ts), so this table checks the transcription rather than repeating it.
const weekdaysOff: Record<number, string[]> = {
  2019: [
    '2018-12-31', '2019-01-01', '2019-02-04', '2019-02-05', '2019-02-06', '2019-02-07', '2019-02-08',
    '2019-04-05', '2019-05-01', '2019-05-02', '2019-05-03', '2019-06-07', '2019-09-13',
    '2019-10-01', '2019-10-02', '2019-10-03', '2019-10-04', '2019-10-07',
  ],
  2020: [
    '2020-01-01', '2020-01-24', '2020-01-27', '2020-01-28', '2020-01-29', '2020-01-30', '2020-01-31',
    '2020-04-06', '2020-05-01', '2020-05-04', '2020-05-05', '2020-06-25', '2020-06-26',
    '2020-10-01', '2020-10-02', '2020-10-05', '2020-10-06', '2020-10-07', '2020-10-08',
  ],
  2021: [
    '2021-01-01', '2021-02-11', '2021-02-12', '2021-02-15', '2021-02-16', '2021-02-17', '2021-04-05',
    '2021-05-03', '2021-05-04', '2021-05-05', '2021-06-14', '2021-09-20', '2021-09-21',
    '2021-10-01', '2021-10-04', '2021-10-05', '2021-10-06', '2021-10-07',
  ],
  2022: [
    '2022-01-03', '2022-01-31', '2022-02-01', '2022-02-02', '2022-02-03', '2022-02-04', '2022-04-04',
    '2022-04-05', '2022-05-02', '2022-05-03', '2022-05-04', '2022-06-03', '2022-09-12',
    '2022-10-03', '2022-10-04', '2022-10-05', '2022-10-06', '2022-10-07',
  ],
  2023: [
    '2023-01-02', '2023-01-23', '2023-01-24', '2023-01-25', '2023-01-26', '2023-01-27', '2023-04-05',
    '2023-05-01', '2023-05-02', '2023-05-03', '2023-06-22', '2023-06-23', '2023-09-29',
    '2023-10-02', '2023-10-03', '2023-10-04', '2023-10-05', '2023-10-06',
  ],
  2024: [
    '2024-01-01', '2024-02-12', '2024-02-13', '2024-02-14', '2024-02-15', '2024-02-16', '2024-04-04',
    '2024-04-05', '2024-05-01', '2024-05-02', '2024-05-03', '2024-06-10', '2024-09-16', '2024-09-17',
    '2024-10-01', '2024-10-02', '2024-10-03', '2024-10-04', '2024-10-07',
  ],
  2025: [
    '2025-01-01', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-03', '2025-02-04',
    '2025-04-04', '2025-05-01', '2025-05-02', '2025-05-05', '2025-06-02',
    '2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08',
  ],
  2026: [
    '2026-01-01', '2026-01-02', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20',
    '2026-02-23', '2026-04-06', '2026-05-01', '2026-05-04', '2026-05-05', '2026-06-19', '2026-09-25',
    '2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07',
  ],
};

const weekendsWorked: Record<number, string[]> = {
  2019: ['2018-12-29', '2019-02-02', '2019-02-03', '2019-04-28', '2019-05-05', '2019-09-29', '2019-10-12'],
  2020: ['2020-01-19', '2020-04-26', '2020-05-09', '2020-06-28', '2020-09-27', '2020-10-10'],
  2021: ['2021-02-07', '2021-02-20', '2021-04-25', '2021-05-08', '2021-09-18', '2021-09-26', '2021-10-09'],
  2022: ['2022-01-29', '2022-01-30', '2022-04-02', '2022-04-24', '2022-05-07', '2022-10-08', '2022-10-09'],
  2023: ['2023-01-28', '2023-01-29', '2023-04-23', '2023-05-06', '2023-06-25', '2023-10-07', '2023-10-08'],
  2024: ['2024-02-04', '2024-02-18', '2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14', '2024-09-29', '2024-10-12'],
  2025: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  2026: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
};

/** The notice a date belongs to: the 元旦 days at the end of December belong to the next year's. */
function noticeYear(date: string): number {
  const year = Number(date.slice(0, 4));
  return date.slice(5) >= '12-29' ? year + 1 : year;
}

const isWeekendDate = (date: string) => [0, 6].includes(weekdayOf(parseLocalDate(date)));

describe('chinaCalendarData', () => {
  it('covers exactly the years it claims', () => {
    const years = new Set([...chinaCalendarData.holidays, ...chinaCalendarData.makeupWorkdays].map(noticeYear));
    expect([...years].sort()).toEqual(
      Array.from({ length: chinaCalendarYears.last - chinaCalendarYears.first + 1 }, (_, i) => chinaCalendarYears.first + i),
    );
  });

  it('has make-up working days only on Saturdays and Sundays, none of them also a holiday', () => {
    const holidays = new Set(chinaCalendarData.holidays);
    for (const date of chinaCalendarData.makeupWorkdays) {
      expect(isWeekendDate(date), date).toBe(true);
      expect(holidays.has(date), date).toBe(false);
    }
  });

  it.each(Object.keys(weekdaysOff).map(Number))('matches the %i notice: weekdays off and weekends worked', (year) => {
    const offOnWeekdays = chinaCalendarData.holidays.filter((d) => noticeYear(d) === year && !isWeekendDate(d));
    expect([...offOnWeekdays].sort()).toEqual(weekdaysOff[year]);
    const worked = chinaCalendarData.makeupWorkdays.filter((d) => noticeYear(d) === year);
    expect([...worked].sort()).toEqual(weekendsWorked[year]);
  });

  // 2024: the widely reported 251; 2025: 261 weekdays − 18 weekdays off + 5 weekends worked.
  it.each([
    [2024, 251],
    [2025, 248],
  ])('%i has %i working days', (year, expected) => {
    let count = 0;
    for (let day = parseLocalDate(`${year}-01-01`); day <= parseLocalDate(`${year}-12-31`); day += 1) {
      if (defaultCalendar.isWorkday(new Date(day * 86_400_000).toISOString().slice(0, 10))) count += 1;
    }
    expect(count).toBe(expected);
  });
});
