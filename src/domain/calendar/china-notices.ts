import { arrangements, datesFromTo } from './china-holidays';

/** One day of a year's notice as stored in the calendar tables. */
export interface CalendarDay {
  date: string;
  kind: 'holiday' | 'makeup_workday';
  /** The festival, e.g. 国庆节. */
  name: string;
}

export interface CalendarNotice {
  year: number;
  source: string;
  days: CalendarDay[];
}

const sources: Record<number, string> = {
  2019: '国办发明电〔2018〕15号（劳动节依国办发明电〔2019〕2号调整）',
  2020: '国办发明电〔2019〕16号（春节依国办发明电〔2020〕1号延长）',
  2021: '国办发明电〔2020〕27号',
  2022: '国办发明电〔2021〕11号',
  2023: '国办发明电〔2022〕16号',
  2024: '国办发明电〔2023〕7号',
  2025: '国办发明电〔2024〕12号',
  2026: '国办发明电〔2025〕7号',
};

// Festival names in the order of each year's arrangements in china-holidays.ts.
const names: Record<number, string[]> = {
  2019: ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节'],
  2020: ['元旦', '春节', '清明节', '劳动节', '端午节', '国庆节、中秋节'],
  2021: ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节'],
  2022: ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节'],
  2023: ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节、国庆节'],
  2024: ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节'],
  2025: ['元旦', '春节', '清明节', '劳动节', '端午节', '国庆节、中秋节'],
  2026: ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节'],
};

/** The transcribed State Council notices 2019–2026 as per-day rows with festival names: the calendar's seed. */
export const chinaCalendarNotices: readonly CalendarNotice[] = Object.entries(arrangements).map(([y, list]) => {
  const year = Number(y);
  const days: CalendarDay[] = list.flatMap(([[from, to], work], index) => {
    const name = names[year]?.[index] ?? '';
    return [
      ...datesFromTo(from, to).map((date) => ({ date, kind: 'holiday' as const, name })),
      ...work.map((date) => ({ date, kind: 'makeup_workday' as const, name })),
    ];
  });
  return { year, source: sources[year] ?? '', days };
});
