import dayjs from 'dayjs';

export const fmtTime = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');
export const fmtDate = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD') : '—');

/**
 * Remaining or overdue calendar days until a deadline. Working days would be exact, but the
 * calendar lives on the server; calendar days are close enough for a glance.
 */
export function daysLeft(deadline: string, now = dayjs()): number {
  return dayjs(deadline).startOf('day').diff(now.startOf('day'), 'day');
}

/** Masks the middle of a phone number for lists that do not need it in full. */
export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : phone;
}
