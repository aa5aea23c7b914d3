import type { ColumnType, Generated, Selectable } from 'kysely';

// Kysely row types for the followups tables (migration 0012). Merged into DB in schema.ts.
type Timestamp = ColumnType<Date, Date | string, Date | string>;

export type FollowUpFailureReason = 'no_answer' | 'busy' | 'powered_off' | 'invalid_number' | 'declined';

export interface FollowUpCallsTable {
  id: Generated<number>;
  case_id: number;
  round: number;
  outcome: 'reached' | 'not_reached';
  failure_reason: FollowUpFailureReason | null;
  rating: 'satisfied' | 'basically' | 'unsatisfied' | null;
  caller_words: Generated<string>;
  note: Generated<string>;
  operator_id: number;
  called_at: Timestamp;
  rating_deadline: Timestamp | null;
  rating_event_id: number | null;
}

export interface FollowupsTables {
  follow_up_calls: FollowUpCallsTable;
  /** View: the calls that count as 有效回访 (migration 0012). */
  valid_follow_ups: FollowUpCallsTable;
}

export type FollowUpCallRow = Selectable<FollowUpCallsTable>;
