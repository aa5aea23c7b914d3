import type { ColumnType, Generated, Selectable } from 'kysely';
import type { ItemLight, ItemReportState, ItemSourceKind, ItemState, ReportFrequency } from '../../domain/items/types.js';

// Kysely row types for the supervised-item tables (migrations/0036_items.sql). Merged into DB in schema.ts.
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

/** One reason of an item's light, as the sweep stored it (domain/items/light.ts). */
export interface StoredLightReason {
  level: 'yellow' | 'red';
  key: string;
  text: string;
}

export interface ItemsTable {
  id: Generated<number>;
  code: string;
  title: string;
  source_kind: ItemSourceKind;
  source_ref: Generated<string>;
  /** YYYY-MM-DD (a meeting's date), text like every calendar date of the schema. */
  source_date: string | null;
  source_words: string | null;
  leader_user_id: number | null;
  leader_name: string;
  lead_department_id: number;
  co_department_ids: Generated<number[]>;
  description: Generated<string>;
  start_date: string;
  end_date: string;
  report_frequency: ReportFrequency;
  report_day: number | null;
  state: Generated<ItemState>;
  light: Generated<ItemLight>;
  light_reasons: ColumnType<StoredLightReason[], string | undefined, string>;
  light_checked_at: Timestamp | null;
  origin_type: string | null;
  origin_id: number | null;
  is_demo: Generated<boolean>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  closed_by: number | null;
  closed_at: Timestamp | null;
  close_evidence: string | null;
  event_count: Generated<number>;
  last_event_hash: Generated<string>;
  version: Generated<number>;
}

export interface ItemTargetsTable {
  id: Generated<number>;
  item_id: number;
  seq: number;
  name: string;
  /** Unit of measure (个, 套, 元). */
  measure: string;
  target_value: number;
  progress_value: Generated<number>;
  sites: Generated<string[]>;
}

export interface ItemMilestonesTable {
  id: Generated<number>;
  item_id: number;
  seq: number;
  title: string;
  due_date: string;
  due_working_days: number | null;
  due_at: Timestamp;
  done_at: Timestamp | null;
  done_report_id: number | null;
}

/** A figure of a report against one target. */
export interface ReportFigure {
  targetId: number;
  value: number;
}

export interface ItemReportsTable {
  id: Generated<number>;
  item_id: number;
  department_id: number;
  /** The schedule's period the report answers (2026-11, 2026-Q4); null for an unscheduled report. */
  period: string | null;
  due_at: Timestamp | null;
  text: string;
  figures: Json<ReportFigure[]>;
  milestone_ids: Generated<number[]>;
  file_ids: Generated<number[]>;
  warnings: ColumnType<Array<{ code: string; targetId?: number }>, string | undefined, string>;
  is_late: Generated<boolean>;
  state: Generated<ItemReportState>;
  submitted_by: number;
  submitted_at: Timestamp;
  reviewed_by: number | null;
  reviewed_at: Timestamp | null;
  review_reason: string | null;
}

export interface ItemFilesTable {
  id: Generated<number>;
  item_id: number;
  report_id: number | null;
  file_name: string;
  mime: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  uploaded_by: number;
  uploaded_at: Timestamp;
}

export interface ItemEventsTable {
  id: Generated<number>;
  item_id: number;
  seq: number;
  type: string;
  actor_user_id: number | null;
  actor_department_id: number | null;
  actor_role: string;
  at: Timestamp;
  payload: unknown;
  prev_hash: string;
  hash: string;
}

export interface ItemLightCrossingsTable {
  id: Generated<number>;
  item_id: number;
  department_id: number;
  level: 'yellow' | 'red';
  reason_key: string;
  crossed_at: Timestamp;
}

/**
 * When an open item's light may next change without a command (migrations 0037, 0062): one row per open item, kept
 * by triggers on items; the sweep reads the items due and writes the instants.
 */
export interface ItemLightChecksTable {
  item_id: number;
  check_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export type ItemRow = Selectable<ItemsTable>;
export type ItemTargetRow = Selectable<ItemTargetsTable>;
export type ItemMilestoneRow = Selectable<ItemMilestonesTable>;
export type ItemReportRow = Selectable<ItemReportsTable>;
export type ItemEventRow = Selectable<ItemEventsTable>;

export interface ItemTables {
  items: ItemsTable;
  item_targets: ItemTargetsTable;
  item_milestones: ItemMilestonesTable;
  item_reports: ItemReportsTable;
  item_files: ItemFilesTable;
  item_events: ItemEventsTable;
  item_light_crossings: ItemLightCrossingsTable;
  item_light_checks: ItemLightChecksTable;
}
