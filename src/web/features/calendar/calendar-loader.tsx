import { Alert } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { fetchCalendar } from '../../api/calendar.js';
import { useUser } from '../../app/auth-context.js';
import { setWorkCalendar } from '../../shared/format.js';

let missing: number[] = [];
const listeners = new Set<(years: number[]) => void>();

/** Loads the server's calendar into the browser (once per page load, and again after an admin edit). */
export async function loadWorkCalendar(): Promise<void> {
  const cal = await fetchCalendar();
  setWorkCalendar(cal.days, cal.workingHours);
  missing = cal.missingYears;
  for (const l of listeners) l(missing);
}

/**
 * Loads the calendar once after login; for admins and supervisors shows a red banner while a year that deadlines
 * need has no holiday notice (deadlines then count weekends only).
 */
export function CalendarLoader() {
  const user = useUser();
  const [years, setYears] = useState<number[]>(missing);
  useEffect(() => {
    listeners.add(setYears);
    void loadWorkCalendar().catch(() => undefined);
    return () => void listeners.delete(setYears);
  }, []);
  if (years.length === 0 || !(user.role === 'admin' || user.role === 'supervisor')) return null;
  return (
    <Alert
      type="error"
      showIcon
      banner
      data-testid="missing-years-banner"
      style={{ marginBottom: 16 }}
      title={`工作日历缺少 ${years.join('、')} 年的节假日安排，相关期限暂按仅双休日计算，可能不准确。`}
      description={user.role === 'admin' ? <Link to="/admin/calendar">前往“工作日历”导入国务院办公厅通知</Link> : '请联系系统管理员导入该年的节假日安排。'}
    />
  );
}
