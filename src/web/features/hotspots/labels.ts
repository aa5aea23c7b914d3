import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

// Words and dates of the hot-spot screens (Chinese form, Beijing time).

export const kindLabels = { spike: { text: '数量激增', color: 'red' }, cluster: { text: '相似聚集', color: 'orange' } } as const;

/** 2026-12-06 → 2026年12月6日 */
export const cnDate = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
/** An instant → 2026年12月6日 09:05 (Beijing). */
export const cnDateTime = (iso: string) => dayjs(iso).tz('Asia/Shanghai').format('YYYY年M月D日 HH:mm');
/** An instant → its Beijing date in Chinese form. */
export const cnDay = (iso: string) => dayjs(iso).tz('Asia/Shanghai').format('YYYY年M月D日');
/** 2026-12 → 2026年12月 */
export const cnMonth = (m: string) => `${Number(m.slice(0, 4))}年${Number(m.slice(5, 7))}月`;
/** The window [start, end) as the days it covers: 2026年11月23日至12月6日. */
export function windowText(start: string, end: string): string {
  const last = dayjs(end).tz('Asia/Shanghai').subtract(1, 'day');
  const first = dayjs(start).tz('Asia/Shanghai');
  return `${first.format('YYYY年M月D日')}至${last.format(first.year() === last.year() ? 'M月D日' : 'YYYY年M月D日')}`;
}
