import type { ColumnType, Generated, Selectable } from 'kysely';
import type { CaseKind } from '../../domain/case/status.js';
import type { Role } from '../../domain/case/status.js';
import type { SuggestionTables } from './schema-suggestions.js';
import type { AssessmentTables } from './schema-assessment.js';
import type { DashboardTables } from './schema-dashboard.js';
import type { PublicationTables } from './schema-publication.js';
import type { PortalTables } from './schema-portal.js';
import type { ImportTables } from './schema-import.js';
import type { Open311Tables } from './schema-open311.js';
import type { RoutingTables } from './schema-routing.js';
import type { FollowupsTables } from './schema-followups.js';
import type { CalendarTables } from './schema-calendar.js';
import type { NotificationTables } from './schema-notifications.js';
import type { SlaTables } from './schema-sla.js';
import type { SupervisionTables } from './schema-supervision.js';
import type { AdminAuditTables } from './schema-admin-audit.js';
import type { SettingsTables } from './schema-settings.js';
import type { CatalogueTables, CategoryCatalogueColumns } from './schema-catalogue.js';
import type { IndicatorTables } from './schema-indicators.js';
import type { HotspotTables } from './schema-hotspots.js';
import type { OrgTables } from './schema-org.js';
import type { UnitKind } from '../../domain/org/units.js';
import type { PeopleTables } from './schema-people.js';
import type { SearchTables } from './schema-search.js';
import type { ItemTables } from './schema-items.js';
import type { KnowledgeTables } from './schema-knowledge.js';

// Row types for Kysely. Kept by hand beside the SQL migrations; a migration that changes a table changes this file.
type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface DepartmentsTable {
  id: Generated<number>;
  code: string;
  name: string;
  kind: UnitKind;
  /** Derived from kind (unitGroup in domain/org): the scorecard's group. */
  dept_group: 'city' | 'district' | 'park';
  parent_id: number | null;
  sort_order: Generated<number>;
  is_active: Generated<boolean>;
  phone: Generated<string | null>;
  successor_id: Generated<number | null>;
  retired_on: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface CategoriesTable extends CategoryCatalogueColumns {
  id: Generated<number>;
  code: string;
  name: string;
  parent_id: number | null;
  kind: 'consultation' | 'help' | 'complaint' | 'report' | 'suggestion';
  default_lead_department_id: number | null;
  sort_order: Generated<number>;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  role: Role;
  department_id: number;
  password_hash: string;
  failed_logins: Generated<number>;
  locked_until: Timestamp | null;
  is_active: Generated<boolean>;
  created_at: Generated<Timestamp>;
  /** Notification addresses (migration 0005). */
  email: Generated<string | null>;
  phone: Generated<string | null>;
  /** A one-time password must be changed at the next sign-in (migration 0023). */
  must_change_password: Generated<boolean>;
  password_changed_at: Timestamp | null;
  /** Every role the person holds in their unit; `role` is the first (migration 0026, kept in step by a trigger). */
  roles: Generated<Role[]>;
  /** Notices also sent by e-mail / text message (my account, migration 0026). */
  notify_email: Generated<boolean>;
  notify_sms: Generated<boolean>;
}

export interface SessionsTable {
  token_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: Generated<Timestamp>;
  expires_at: Timestamp;
}

export interface CasesTable {
  id: Generated<number>;
  code: string;
  title: string;
  description: string;
  category_id: number;
  channel: 'hotline' | 'web' | 'letter' | 'import' | 'open311' | 'staff';
  urgency: Generated<'normal' | 'urgent' | 'emergency'>;
  status: string;
  submitter_name: string;
  submitter_phone: string;
  enterprise_name: string | null;
  enterprise_credit_code: string | null;
  district_id: number | null;
  address: string | null;
  is_public: Generated<boolean>;
  is_name_public: Generated<boolean>;
  supervision_level: Generated<'none' | 'urged' | 'yellow' | 'red' | 'instruction'>;
  duplicate_of: number | null;
  lead_department_id: number | null;
  round: Generated<number>;
  redo_count: Generated<number>;
  reply_text: string | null;
  reply_by: number | null;
  rating: 'satisfied' | 'basically' | 'unsatisfied' | null;
  rating_comment: string | null;
  redo_requested: Generated<boolean>;
  reject_reason: string | null;
  suspended_at: Timestamp | null;
  suspend_reason: string | null;
  reply_deadline: Timestamp | null;
  rating_deadline: Timestamp | null;
  pending_extension_until: Timestamp | null;
  pending_extension_reason: string | null;
  idempotency_key: string | null;
  idempotency_fingerprint: string | null;
  created_by: number | null;
  created_at: Timestamp;
  accepted_at: Timestamp | null;
  dispatched_at: Timestamp | null;
  signed_at: Timestamp | null;
  replied_at: Timestamp | null;
  reply_approved_at: Timestamp | null;
  rated_at: Timestamp | null;
  closed_at: Timestamp | null;
  rejected_at: Timestamp | null;
  merged_at: Timestamp | null;
  updated_at: Timestamp;
  version: Generated<number>;
  event_count: Generated<number>;
  last_event_hash: Generated<string>;
  /** Worst level of the running SLA clocks, kept by the sweep (migration 0003). */
  warning_level: Generated<'none' | 'yellow' | 'red'>;
  /** 诉求类型 (migration 0031): drives the reply time limit; the category's kind when a writer leaves it out. */
  case_type: Generated<CaseKind>;
}

export interface AssignmentsTable {
  id: Generated<number>;
  case_id: number;
  department_id: number;
  role: 'lead' | 'co';
  round: number;
  status: 'pending' | 'signed' | 'done' | 'returned' | 'cancelled';
  dispatched_at: Timestamp;
  sign_deadline: Timestamp;
  signed_at: Timestamp | null;
  opinion_deadline: Timestamp | null;
  opinion: string | null;
  opinion_at: Timestamp | null;
  reply_deadline: Timestamp | null;
  return_reason: string | null;
  return_basis: string | null;
  return_requested_at: Timestamp | null;
  closed_at: Timestamp | null;
  /** Levels (migration 0014): the assignment this one was dispatched on from (二级派单). */
  parent_assignment_id: Generated<number | null>;
}

/**
 * The SLA sweep's state of one assignment (migration 0065; made and removed with the assignment by triggers): next
 * check ('-infinity' = recompute, null = no clock), the running clock, the level reached, its yellow instant and deadline.
 */
export interface AssignmentSlaTable {
  assignment_id: number;
  case_id: number;
  check_at: Timestamp | null;
  clock: 'sign' | 'opinion' | 'reply' | null;
  level: Generated<'none' | 'yellow' | 'red'>;
  yellow_at: Timestamp | null;
  deadline: Timestamp | null;
}

export interface CaseEventsTable {
  id: Generated<number>;
  case_id: number;
  seq: number;
  type: string;
  actor_user_id: number | null;
  actor_department_id: number | null;
  actor_role: string;
  at: Timestamp;
  payload: ColumnType<Record<string, unknown>, string, string>;
  prev_hash: string;
  hash: string;
}

export interface SchemaMigrationsTable {
  name: string;
  applied_at: Generated<Timestamp>;
  /** sha256 of the file's text as applied (line endings as LF); null only between an old database's first start and the fill. */
  checksum: string | null;
}

export interface DB extends CalendarTables, SlaTables, SupervisionTables, NotificationTables,
  AssessmentTables, DashboardTables, PublicationTables, PortalTables, ImportTables, Open311Tables, RoutingTables, FollowupsTables,
  AdminAuditTables, SettingsTables, CatalogueTables, OrgTables, PeopleTables, SearchTables, ItemTables, IndicatorTables, KnowledgeTables, SuggestionTables, HotspotTables {
  departments: DepartmentsTable;
  categories: CategoriesTable;
  users: UsersTable;
  sessions: SessionsTable;
  cases: CasesTable;
  assignments: AssignmentsTable;
  assignment_sla: AssignmentSlaTable;
  case_events: CaseEventsTable;
  schema_migrations: SchemaMigrationsTable;
}

export type CaseRow = Selectable<CasesTable>;
export type AssignmentRow = Selectable<AssignmentsTable>;
export type EventRow = Selectable<CaseEventsTable>;
export type UserRow = Selectable<UsersTable>;
export type DepartmentRow = Selectable<DepartmentsTable>;
