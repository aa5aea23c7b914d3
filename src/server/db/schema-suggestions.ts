import type { ColumnType, Generated, Selectable } from 'kysely';
import type {
  AssignMode, ExtensionState, MeetingForm, ReplyClass, SuggestionKind, SuggestionStatus, UnitRole,
} from '../../domain/suggestions/model.js';
import type { Rating } from '../../domain/case/status.js';

// Kysely row types for the suggestions area (migration 0038). Merged into DB in schema.ts.
type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface SuggestionsTable {
  id: Generated<number>;
  kind: SuggestionKind;
  term: number;
  session_no: number;
  number: number;
  title: string;
  body: string;
  category: string;
  status: SuggestionStatus;
  round: Generated<number>;
  assign_mode: AssignMode | null;
  assigned_at: Timestamp | null;
  reply_deadline: Timestamp | null;
  extension_state: Generated<ExtensionState>;
  extension_reason: string | null;
  is_public: Generated<boolean>;
  is_late: Generated<boolean>;
  class: ReplyClass | null;
  sent_at: Timestamp | null;
  rating: Rating | null;
  rating_comment: string | null;
  rated_at: Timestamp | null;
  closed_at: Timestamp | null;
  promise_item_id: number | null;
  registered_by: number;
  created_at: Timestamp;
  event_count: Generated<number>;
  last_event_hash: Generated<string>;
  version: Generated<number>;
}

export interface SuggestionProposersTable {
  suggestion_id: number;
  seq: number;
  name: string;
  user_id: number | null;
}

export interface SuggestionUnitsTable {
  id: Generated<number>;
  suggestion_id: number;
  department_id: number;
  role: UnitRole;
  signed_at: Timestamp | null;
}

export interface SuggestionMeetingsTable {
  id: Generated<number>;
  suggestion_id: number;
  department_id: number;
  round: number;
  met_on: ColumnType<string, string, string>;
  form: MeetingForm;
  people: string;
  summary: string;
  recorded_by: number;
  recorded_at: Timestamp;
}

export interface SuggestionLettersTable {
  id: Generated<number>;
  suggestion_id: number;
  department_id: number;
  round: number;
  doc_number: string;
  class: ReplyClass;
  body: string;
  promise: string | null;
  promise_due: ColumnType<string | null, string | null | undefined, string | null>;
  is_late: boolean;
  replied_by: number;
  replied_at: Timestamp;
  sent_at: Timestamp | null;
}

export interface SuggestionCountersignsTable {
  letter_id: number;
  department_id: number;
  opinion: string;
  signed_by: number;
  signed_at: Timestamp;
}

export interface SuggestionEventsTable {
  id: Generated<string>;
  suggestion_id: number;
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

export interface MajorReportTypesTable {
  id: Generated<number>;
  name: string;
  deadline_days: number;
  description: Generated<string>;
  is_active: Generated<boolean>;
  created_at: Timestamp;
}

export interface MajorReportsTable {
  id: Generated<number>;
  type_id: number;
  department_id: number;
  title: string;
  body: string;
  matter_date: ColumnType<string, string, string>;
  due_at: Timestamp;
  filed_at: Timestamp;
  is_late: boolean;
  filed_by: number;
  files: ColumnType<MajorReportFile[], string, string>;
  acknowledged_at: Timestamp | null;
  acknowledged_by: number | null;
  ack_note: string | null;
}

export interface MajorReportFile { name: string; size: number; key: string }

export interface SuggestionTables {
  suggestions: SuggestionsTable;
  suggestion_proposers: SuggestionProposersTable;
  suggestion_units: SuggestionUnitsTable;
  suggestion_meetings: SuggestionMeetingsTable;
  suggestion_letters: SuggestionLettersTable;
  suggestion_countersigns: SuggestionCountersignsTable;
  suggestion_events: SuggestionEventsTable;
  major_report_types: MajorReportTypesTable;
  major_reports: MajorReportsTable;
}

export type SuggestionRow = Selectable<SuggestionsTable>;
export type SuggestionLetterRow = Selectable<SuggestionLettersTable>;
