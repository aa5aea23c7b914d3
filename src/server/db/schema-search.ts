import type { ColumnType } from 'kysely';

// Kysely row type of the search table (migration 0034), kept by triggers on cases; merged into DB in schema.ts.

export interface CaseSearchTable {
  case_id: number;
  created_at: Date;
  /** Written by the triggers as a tsvector; never selected. */
  terms: ColumnType<string, never, never>;
}

export interface SearchTables {
  case_search: CaseSearchTable;
}
