import type { ColumnType, Generated } from 'kysely';
import type { CaseKind } from '../../domain/case/status.js';

// Kysely row types for the calendar and time-limit policy tables (see 0002_calendar_policies.sql). Merged into DB in schema.ts.
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;
/** A timestamp column with a database default. */
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface CalendarYearsTable {
  year: number;
  source: Generated<string>;
  imported_at: DefaultedTimestamp;
  imported_by: number | null;
}

export interface CalendarDaysTable {
  date: string;
  kind: 'holiday' | 'makeup_workday';
  name: Generated<string>;
  year: number;
}

export interface WorkingHoursTable {
  id: number;
  periods: Json<Array<[string, string]>>;
  time_zone: Generated<string>;
  updated_at: DefaultedTimestamp;
  updated_by: number | null;
}

export type LimitUnit = 'days' | 'hours';

export interface TimeLimitPoliciesTable {
  id: Generated<number>;
  category_id: number | null;
  /** A case type (诉求类型) or null for every type (migration 0042). */
  case_type: Generated<CaseKind | null>;
  urgency: 'normal' | 'urgent' | 'emergency';
  version: number;
  sign_limit: number;
  sign_unit: LimitUnit;
  opinion_limit: number;
  opinion_unit: LimitUnit;
  reply_limit: number;
  reply_unit: LimitUnit;
  rating_limit: number;
  rating_unit: LimitUnit;
  warning_share: number;
  deleted: Generated<boolean>;
  created_at: DefaultedTimestamp;
  created_by: number | null;
  superseded_at: Timestamp | null;
}

export interface CalendarTables {
  calendar_years: CalendarYearsTable;
  calendar_days: CalendarDaysTable;
  working_hours: WorkingHoursTable;
  time_limit_policies: TimeLimitPoliciesTable;
}
