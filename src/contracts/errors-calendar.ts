import type { CalendarErrorCode } from '../domain/errors.js';

// Error codes of the calendar area with their zh-CN messages; merged into errorMessages in errors.ts.
export const calendarErrors: Record<CalendarErrorCode, string> = {
  CALENDAR_INPUT_INVALID: '日历数据有误，未做任何修改',
  CALENDAR_DAY_NOT_FOUND: '该日期不在日历中',
  CALENDAR_YEAR_NOT_FOUND: '日历中没有该年份的安排',
  WORKING_HOURS_INVALID: '工作时间设置有误，未做任何修改',
  POLICY_INVALID: '时限策略有误，未做任何修改',
  POLICY_NOT_FOUND: '没有该类别和紧急程度的时限策略',
};
