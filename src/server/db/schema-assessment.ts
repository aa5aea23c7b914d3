import type { ColumnType, Generated, Selectable } from 'kysely';

// Kysely row types for the assessment tables (see migrations/0006_assessment.sql). Merged into DB in schema.ts.
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json = ColumnType<unknown, string, string>;

export interface AssessmentSchemesTable {
  version: number;
  config: Json;
  note: Generated<string>;
  created_by: number | null;
  created_at: Timestamp;
}

export interface AssessmentFactsTable {
  id: Generated<number>;
  case_id: number;
  department_id: number;
  measure: string;
  at: Timestamp;
  hit: boolean;
  rating: string | null;
  responded: boolean | null;
  resolved: boolean | null;
  detail: ColumnType<unknown, string | null, string | null>;
  valid_from: number;
  valid_to: number | null;
}

export interface AssessmentFactCursorTable {
  id: Generated<boolean>;
  last_event_id: number;
}

export interface AssessmentPeriodsTable {
  id: Generated<number>;
  key: string;
  kind: 'month' | 'quarter' | 'year';
  starts_at: Timestamp;
  ends_at: Timestamp;
  status: 'computed' | 'published';
  scheme_version: number;
  event_cursor: number;
  figures: Json;
  exclusions: Json;
  /** Sections beside the case rows (0047), null in older snapshots. */
  sections: ColumnType<unknown, string | null | undefined, string | null>;
  digest: string;
  computed_at: Timestamp;
  computed_by: number | null;
  published_at: Timestamp | null;
  published_by: number | null;
}

export interface AssessmentAppealsTable {
  id: Generated<number>;
  case_id: number;
  department_id: number;
  reason: 'out_of_scope' | 'illegal_demand' | 'malicious_repeat' | 'already_concluded' | 'force_majeure';
  evidence: string;
  file_name: string | null;
  file_type: string | null;
  file_data: Buffer | null;
  state: Generated<'pending' | 'approved' | 'refused'>;
  filed_by: number;
  filed_at: Timestamp;
  decided_by: number | null;
  decided_at: Timestamp | null;
  decision_reason: string | null;
}

export type AssessmentPeriodRow = Selectable<AssessmentPeriodsTable>;
export type AssessmentAppealRow = Selectable<AssessmentAppealsTable>;
export type AssessmentFactRow = Selectable<AssessmentFactsTable>;

export interface AssessmentTables {
  assessment_schemes: AssessmentSchemesTable;
  assessment_facts: AssessmentFactsTable;
  assessment_fact_cursor: AssessmentFactCursorTable;
  assessment_periods: AssessmentPeriodsTable;
  assessment_appeals: AssessmentAppealsTable;
}
