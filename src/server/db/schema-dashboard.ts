import type { ColumnType } from 'kysely';

// Kysely row types for the dashboard tables (see 0007_dashboard.sql). Merged into DB in schema.ts.

export type DashboardMeasure = 'received' | 'closed' | 'satisfied' | 'basically' | 'unsatisfied';

/** Cases received per Beijing day × lead department × category × district, kept by triggers on cases. */
export interface DashboardDailyTable {
  /** A Beijing calendar day; read as 'YYYY-MM-DD' text in queries (to_char) so neither driver shifts it. */
  day: ColumnType<Date | string, string, string>;
  /** Current lead department; 0 = not dispatched. */
  department_id: number;
  category_id: number;
  /** 0 = no district. */
  district_id: number;
  n: number;
}

/** The same per measure × day × department only. */
export interface DashboardDailyTotalsTable {
  measure: DashboardMeasure;
  day: ColumnType<Date | string, string, string>;
  department_id: number;
  n: number;
}

/**
 * The keys a statement's case updates move, −1 for the old and +1 for the new (migration 0032): written by the row
 * trigger, folded into the two tables above and emptied by the statement trigger, so empty between statements.
 */
export interface DashboardCaseDeltasTable {
  measure: DashboardMeasure;
  day: ColumnType<Date | string, string, string>;
  department_id: number;
  category_id: number;
  district_id: number;
  n: number;
}

/** The days a case's red deadlines fell on, per department: what the overdue counts have counted (0067). */
export interface DashboardOverdueDaysTable {
  case_id: number;
  day: ColumnType<Date | string, string, string>;
  department_id: number;
}

/** Distinct overdue cases per week or month and department (0 = city-wide), kept by a trigger on sla_crossings. */
export interface DashboardOverdueCountsTable {
  kind: 'week' | 'month';
  period: ColumnType<Date | string, string, string>;
  department_id: number;
  n: number;
}

export interface DashboardTables {
  dashboard_daily: DashboardDailyTable;
  dashboard_daily_totals: DashboardDailyTotalsTable;
  dashboard_case_deltas: DashboardCaseDeltasTable;
  dashboard_overdue_days: DashboardOverdueDaysTable;
  dashboard_overdue_counts: DashboardOverdueCountsTable;
}
