import { z } from 'zod';
import { zId, zStr } from './common.js';
import { zCaseSummary } from './cases.js';
import { caseKinds } from '../domain/case/status.js';

// Dashboards (数据看板, 大屏, 部门看板). Every figure is a count of cases over a slice; the drill-down endpoint lists
// exactly the cases of a slice. Days are Beijing calendar days 'YYYY-MM-DD'; a range is [from, until).

/**
 * What a figure counts (the timestamp that places a case in a day, week or month in brackets):
 * - received: cases registered (created_at), every status, including rejected and merged ones;
 * - closed: cases closed (closed_at);
 * - rated / satisfied / basically / unsatisfied: cases whose current rating was given (rated_at) in the range;
 * - overdue: distinct cases for which a department's sign, opinion or reply time limit passed without it being done,
 *   as recorded by the SLA sweep (a red crossing), placed by the deadline that passed;
 * - overdue_now: cases with a department now (dispatched or handling) whose running clock is red; no range.
 * Department: the current lead department for received/closed/ratings; the department whose clock went red for
 * overdue; a department holding the case with a red clock for overdue_now.
 */
export const dashboardMeasures = ['received', 'closed', 'rated', 'satisfied', 'basically', 'unsatisfied', 'overdue', 'overdue_now', 'direct_answer'] as const;
export const zDashboardMeasure = z.enum(dashboardMeasures);
export type DashboardMeasure = z.infer<typeof zDashboardMeasure>;

// Real-date check in the handler (DASHBOARD_RANGE_INVALID, 422), which names the range problem.
export const zDay = zStr().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

/** One figure's slice: the drill-down query. */
export const zDashboardSlice = z.object({
  measure: zDashboardMeasure,
  from: zDay.optional(),
  until: zDay.optional(),
  departmentId: zId.optional(),
  /** A category and everything under it. */
  categoryId: zId.optional(),
  districtId: zId.optional(),
  /** A case type (诉求类型). */
  caseType: z.enum(caseKinds).optional(),
});
export type DashboardSlice = z.infer<typeof zDashboardSlice>;

export const zDashboardCasesQuery = zDashboardSlice.extend({
  cursor: zStr().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type DashboardCasesQuery = z.infer<typeof zDashboardCasesQuery>;
export const zDashboardCasesExportQuery = zDashboardSlice;

export const zDashboardCasesPage = z.object({
  /** How many cases the slice holds: the figure the chart showed. Null on later pages (cursor given). */
  total: z.number().int().nullable(),
  items: z.array(zCaseSummary),
  nextCursor: z.string().nullable(),
});
export type DashboardCasesPage = z.infer<typeof zDashboardCasesPage>;

export const zOverviewQuery = z.object({
  /** 'YYYY-MM' (Beijing); default the current month. */
  month: zStr().optional(),
  departmentId: zId.optional(),
});
export type OverviewQuery = z.infer<typeof zOverviewQuery>;

const zRange = z.object({ from: zDay, until: zDay });
const zCount = zRange.extend({ value: z.number().int() });
const zRatings = z.object({
  satisfied: z.number().int(),
  basically: z.number().int(),
  unsatisfied: z.number().int(),
  /** (satisfied + basically) / rated, null when nothing was rated. */
  rate: z.number().nullable(),
});

export const zOverview = z.object({
  scope: z.object({ departmentId: z.number().int().nullable(), departmentName: z.string().nullable() }),
  asOf: z.string(),
  month: z.string(),
  kpis: z.object({
    /** This month from its first day to today (inclusive). */
    received: zCount,
    /** Last month over the same number of days. */
    receivedLastPeriod: zCount,
    /** Change against the same days of last month, in per cent; null when last month had none. */
    receivedChangePct: z.number().nullable(),
    receivedLastMonth: zCount,
    closed: zCount,
    satisfaction: zRange.extend(zRatings.shape),
    overdue: zCount,
    overdueNow: z.object({ value: z.number().int() }),
    /**
     * 直接答复 (ADR 0017): calls answered from the knowledge base and closed at the desk, registered in the month, and
     * their share of the month's registrations (per cent, one decimal; null when none registered). City-wide only
     * (no unit handles them): null on a department's page.
     */
    directAnswers: zCount.extend({ rate: z.number().nullable() }).nullable(),
  }),
  weeks: z.array(zRange.extend({ label: z.string(), received: z.number().int(), closed: z.number().int() })),
  topCategories: z.array(z.object({ categoryId: z.number().int(), name: z.string(), value: z.number().int() })),
  /** The month by case type (诉求类型), every type even when zero: registered, closed and overdue now (no range). */
  byType: z.array(z.object({ caseType: z.enum(caseKinds), received: z.number().int(), closed: z.number().int(), overdueNow: z.number().int() })),
  topDistricts: z.array(z.object({ districtId: z.number().int(), name: z.string(), value: z.number().int() })),
  monthRange: zRange,
  satisfactionTrend: z.array(zRange.extend({ label: z.string() }).extend(zRatings.shape)),
  heatmap: z.object({
    weeks: z.array(zRange.extend({ label: z.string() })),
    departments: z.array(z.object({ departmentId: z.number().int(), name: z.string(), total: z.number().int() })),
    /** Only non-zero cells; week is the index into weeks. */
    cells: z.array(z.object({ departmentId: z.number().int(), week: z.number().int(), value: z.number().int() })),
  }),
});
export type Overview = z.infer<typeof zOverview>;

/** Server-sent events on /api/dashboard/stream: `changed` whenever the case record moved (new events). */
export const zDashboardChanged = z.object({ mark: z.number() });
