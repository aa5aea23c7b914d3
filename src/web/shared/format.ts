import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import { useSyncExternalStore } from 'react';
import { chinaCalendarYears, defaultCalendar, WorkCalendar, type WorkingHours } from '../../domain/calendar/index.js';
import { yearsWithoutNotice } from '../../domain/calendar/notice-years.js';

dayjs.extend(utc);
dayjs.extend(timezone);

// Every time on the platform is Beijing time, whatever the viewer's computer is set to.
const zone = 'Asia/Shanghai';
export const fmtTime = (iso: string | null | undefined) => (iso ? dayjs(iso).tz(zone).format('YYYY-MM-DD HH:mm') : '—');
/** Month, day and time, for narrow columns where the year is the current one at a glance (compact queues). */
export const fmtShortTime = (iso: string | null | undefined) => (iso ? dayjs(iso).tz(zone).format('MM-DD HH:mm') : '—');
export const fmtDate = (iso: string | null | undefined) => (iso ? dayjs(iso).tz(zone).format('YYYY-MM-DD') : '—');

// The working calendar of the browser: the transcribed national one until the server's (GET /api/calendar, as the
// admins edited it) is loaded by CalendarLoader; components that count working days re-render when it arrives.
let calendar: WorkCalendar = defaultCalendar;
// Years with a holiday notice: the transcribed ones until the server says which it holds.
let noticeYears: ReadonlySet<number> = new Set(Array.from({ length: chinaCalendarYears.last - chinaCalendarYears.first + 1 }, (_, i) => chinaCalendarYears.first + i));
let revision = 0;
const listeners = new Set<() => void>();

/** Replaces the browser's calendar with the server's days and working hours. */
export function setWorkCalendar(days: ReadonlyArray<{ date: string; kind: 'holiday' | 'makeup_workday' }>, hours: WorkingHours, years?: readonly number[]): void {
  if (years) noticeYears = new Set(years);
  calendar = new WorkCalendar(
    {
      holidays: days.filter((d) => d.kind === 'holiday').map((d) => d.date),
      makeupWorkdays: days.filter((d) => d.kind === 'makeup_workday').map((d) => d.date),
    },
    hours,
  );
  revision += 1;
  for (const l of listeners) l();
}

export const workCalendar = (): WorkCalendar => calendar;

/** Re-renders the caller when the calendar is (re)loaded. */
export function useWorkCalendar(): WorkCalendar {
  useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => revision,
  );
  return calendar;
}

/**
 * Working days left until a deadline (negative when overdue), on the same calendar the server uses (loaded from
 * GET /api/calendar into the shared pure module), so "剩余 3 个工作日" here and the deadline the server computed agree.
 */
export function workingDaysLeft(deadline: string, now = new Date()): number {
  const end = new Date(deadline);
  if (end.getTime() < now.getTime()) return -calendar.workingDaysBetween(end, now);
  return calendar.workingDaysBetween(now, end);
}

/** "剩余 X 个工作日" / "已超期 X 个工作日" / "今日到期" for a deadline. */
export function deadlineLabel(deadline: string, now = new Date()): { text: string; overdue: boolean; days: number } {
  const overdue = new Date(deadline).getTime() < now.getTime();
  const days = workingDaysLeft(deadline, now);
  const text = overdue ? `已超期 ${Math.max(1, -days)} 个工作日` : days === 0 ? '今日到期' : `剩余 ${days} 个工作日`;
  return { text, overdue, days };
}

/** Years from now to a deadline whose holiday notice is missing (deadlines there count weekends only). */
export function deadlineYearsWithoutNotice(deadline: string, now = new Date()): number[] {
  return yearsWithoutNotice(now, new Date(deadline), noticeYears);
}

/** Masks the middle of a phone number for lists that do not need it in full. */
export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : phone;
}
