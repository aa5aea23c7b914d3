import { DatePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { isExtensionDay } from './extension-day.js';
import { useWorkCalendar } from '../../shared/format.js';

// 延期至: a working day, not an instant. Deadlines end at the close of working hours on the working calendar (as the
// server computes them), so the picker offers only working days after the current deadline and no clock.

export function ExtensionDatePicker({ value, onChange, currentDeadline }: { value?: Dayjs; onChange?(v: Dayjs | null): void; currentDeadline: string | null }) {
  const cal = useWorkCalendar();
  return (
    <DatePicker
      value={value}
      onChange={(v) => onChange?.(v)}
      format="YYYY年M月D日"
      style={{ width: '100%' }}
      showNow={false}
      disabledDate={(d: Dayjs) => !isExtensionDay(cal, d.format('YYYY-MM-DD'), currentDeadline)}
      data-testid="extension-date"
    />
  );
}

export const dayOf = (v: Dayjs) => dayjs(v).format('YYYY-MM-DD');
export { extensionUntil } from './extension-day.js';
