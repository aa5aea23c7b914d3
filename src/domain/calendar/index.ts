import { chinaCalendarData } from './china-holidays';
import { WorkCalendar } from './work-calendar';

export { chinaCalendarData, chinaCalendarYears } from './china-holidays';
export {
  WorkCalendar,
  defaultWorkingHours,
  endOfTimeMs,
  type CalendarData,
  type Interval,
  type WorkingHours,
} from './work-calendar';

/** The national calendar with the default 08:30–12:00 / 14:30–17:30 hours. */
export const defaultCalendar = new WorkCalendar(chinaCalendarData);
