import type { DashboardErrorCode } from '../domain/errors.js';

// Stable error codes of the dashboard area and their zh-CN messages (merged into errorMessages in errors.ts).
export const dashboardErrors: Record<DashboardErrorCode, string> = {
  DASHBOARD_DEPARTMENT_FORBIDDEN: '只能查看本单位的数据看板',
  DASHBOARD_RANGE_INVALID: '统计区间无效：起始日期须早于截止日期，且跨度不超过 400 天',
  DASHBOARD_MONTH_INVALID: '月份无效，请使用 YYYY-MM 格式（2019 年及以后）',
};
