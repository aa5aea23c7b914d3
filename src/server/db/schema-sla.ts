import type { ColumnType, Generated, Selectable } from 'kysely';

// Kysely row types for the sla tables (see 0003_sla.sql). Merged into DB in schema.ts.
type Timestamp = ColumnType<Date, Date | string, Date | string>;

export type SlaClock = 'sign' | 'opinion' | 'reply';
export type SlaLevel = 'yellow' | 'red';
export type WarningLevel = 'none' | SlaLevel;

export interface SlaCrossingsTable {
  id: Generated<number>;
  assignment_id: number;
  case_id: number;
  department_id: number;
  clock: SlaClock;
  level: SlaLevel;
  deadline: Timestamp;
  crossed_at: Timestamp;
}
export type SlaCrossingRow = Selectable<SlaCrossingsTable>;

export interface SlaTables {
  sla_crossings: SlaCrossingsTable;
}
