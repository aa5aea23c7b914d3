import { Alert } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link } from 'react-router-dom';
import { fetchCalendar } from '../../api/calendar.js';
import { setWorkCalendar } from '../../shared/format.js';
import { useCan, useHasRole } from '../../shared/can.js';

/** The server's calendar, one query for the loader and the admin page: an admin's edit reloads it for both. */
export const calendarKey = ['calendar'] as const;
export const useCalendar = () => useQuery({ queryKey: calendarKey, queryFn: fetchCalendar, staleTime: Infinity });

/**
 * Loads the calendar once after login into the browser's deadline arithmetic (and again after an admin edit); for
 * admins and supervisors shows a red banner while a year that deadlines need has no holiday notice (deadlines then
 * count weekends only).
 */
export function CalendarLoader() {
  const can = useCan();
  const hasRole = useHasRole();
  const { data } = useCalendar();
  useEffect(() => {
    if (data) setWorkCalendar(data.days, data.workingHours, data.years.map((y) => y.year));
  }, [data]);
  const years = data?.missingYears ?? [];
  const upcoming = data?.upcomingMissingYear ?? null;
  if (!(can('calendar:manage') || hasRole('supervisor'))) return null;
  if (years.length === 0 && upcoming === null) return null;
  const fix = can('calendar:manage') ? <Link to="/admin/calendar">前往“工作日历”导入国务院办公厅通知</Link> : '请联系系统管理员导入该年的节假日安排。';
  if (years.length === 0) {
    return (
      <Alert type="warning" showIcon banner data-testid="upcoming-year-banner" style={{ marginBottom: 16 }}
        title={`${upcoming} 年的节假日安排尚未导入：跨入 ${upcoming} 年的期限暂按仅双休日计算（元旦、春节等将算作工作日）。国务院办公厅通知发布后请在 ${upcoming} 年 1 月 1 日前导入。`}
        description={fix} />
    );
  }
  return (
    <Alert
      type="error"
      showIcon
      banner
      data-testid="missing-years-banner"
      style={{ marginBottom: 16 }}
      title={`工作日历缺少 ${years.join('、')} 年的节假日安排，相关期限暂按仅双休日计算，可能不准确。`}
      description={fix}
    />
  );
}
