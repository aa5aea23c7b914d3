import type { ColumnType, Generated } from 'kysely';

// Kysely row types for hot spots (migration 0049). Merged into DB in schema.ts.
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** numeric comes back as a string from both engines; written as a number or string. */
type Numeric = ColumnType<string, number | string, number | string>;

export interface HotspotsTable {
  id: Generated<number>;
  /** YYYY-MM-DD (Beijing), text like every calendar date of the schema. */
  detected_on: string;
  kind: 'spike' | 'cluster';
  district_id: number;
  category_id: number;
  signature: Generated<string>;
  window_start: Timestamp;
  window_end: Timestamp;
  recent_count: number;
  baseline: Numeric | null;
  ratio: Numeric | null;
  summary: string;
  item_id: number | null;
  topic_month: string | null;
  taken_up_at: Timestamp | null;
  taken_up_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface HotspotCasesTable {
  hotspot_id: number;
  case_id: number;
}

export interface HotspotRunsTable {
  day: string;
  ran_at: Timestamp;
  found: number;
  cases_read: number;
  ran_by: number | null;
}

export interface HotspotParamsTable {
  id: number;
  /** The editable thresholds (zHotspotParams), JSON. */
  params: ColumnType<unknown, string, string>;
  updated_at: Timestamp;
  updated_by: number | null;
}

export interface HotspotTables {
  hotspot_params: HotspotParamsTable;
  hotspot_runs: HotspotRunsTable;
  hotspots: HotspotsTable;
  hotspot_cases: HotspotCasesTable;
}
