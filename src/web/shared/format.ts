import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import { defaultCalendar } from '../../domain/calendar/index.js';

dayjs.extend(utc);
dayjs.extend(timezone);

// Every time on the platform is Beijing time, whatever the viewer's computer is set to.
const zone = 'Asia/Shanghai';
export const fmtTime = (iso: string | null | undefined) => (iso ? dayjs(iso).tz(zone).format('YYYY-MM-DD HH:mm') : '—');
export const fmtDate = (iso: string | null | undefined) => (iso ? dayjs(iso).tz(zone).format('YYYY-MM-DD') : '—');

/**
 * Working days left until a deadline (negative when overdue), on the same statutory calendar the server uses:
 * the shared pure module, so "剩余 3 个工作日" here and the deadline the server computed agree.
 */
export function workingDaysLeft(deadline: string, now = new Date()): number {
  const end = new Date(deadline);
  if (end.getTime() < now.getTime()) return -defaultCalendar.workingDaysBetween(end, now);
  return defaultCalendar.workingDaysBetween(now, end);
}

/** Masks the middle of a phone number for lists that do not need it in full. */
export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : phone;
}
