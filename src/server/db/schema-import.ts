import type { ColumnType, Generated } from 'kysely';

// Kysely row types for the import tables (migration 0011). Merged into DB in schema.ts.
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json = ColumnType<Record<string, unknown>, string, string>;

export interface ImportMappingsTable {
  name: string;
  mapping: Json;
  updated_at: Timestamp;
  updated_by: number | null;
}

export interface ImportRunsTable {
  id: Generated<number>;
  source: string;
  file_name: string;
  file_size: number;
  file_sha256: string;
  file_path: string | null;
  format: string;
  encoding: string;
  mapping: Json;
  mapping_name: string | null;
  status: 'running' | 'interrupted' | 'finished' | 'failed';
  position: Generated<number>;
  read_count: Generated<number>;
  created_count: Generated<number>;
  updated_count: Generated<number>;
  skipped_count: Generated<number>;
  failed_count: Generated<number>;
  error_count: Generated<number>;
  warning_count: Generated<number>;
  /** Rows taken with warnings (migration 0031). */
  warned_count: Generated<number>;
  message: string | null;
  started_by: number | null;
  started_at: Timestamp;
  heartbeat_at: Timestamp;
  finished_at: Timestamp | null;
}

export interface ImportRunErrorsTable {
  id: Generated<number>;
  run_id: number;
  row_number: number;
  kind: 'error' | 'warning';
  message: string;
  record_key: string | null;
}

export interface ImportRecordsTable {
  source: string;
  record_key: string;
  case_id: number;
  fingerprint: string;
  run_id: number;
  row_number: number;
}

export interface ImportTables {
  import_mappings: ImportMappingsTable;
  import_runs: ImportRunsTable;
  import_run_errors: ImportRunErrorsTable;
  import_records: ImportRecordsTable;
}
