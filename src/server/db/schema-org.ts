import type { ColumnType, Generated } from 'kysely';

// Kysely row types for the organisation's history (migration 0025). Merged into DB in schema.ts; departments itself
// stays in schema.ts.
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string | null, string | null>;

export type UnitChange = 'create' | 'update' | 'rename' | 'move' | 'merge' | 'split' | 'deactivate' | 'reactivate' | 'merged_in';

export interface DepartmentChangesTable {
  id: Generated<number>;
  department_id: number;
  change: UnitChange;
  /** Beijing date, YYYY-MM-DD. */
  effective_on: string;
  before: Json;
  after: Json;
  other_id: number | null;
  new_ids: ColumnType<number[], number[] | undefined, number[]>;
  recorded_at: Timestamp;
  recorded_by: number | null;
}

export interface OrgTables {
  department_changes: DepartmentChangesTable;
}
