import type { ColumnType, Selectable } from 'kysely';

// Kysely row types for the administrative audit trail (migration 0022). Merged into DB in schema.ts.
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json = ColumnType<unknown, string | null, string | null>;

export interface AdminAuditTable {
  seq: number;
  at: Timestamp;
  actor_user_id: number | null;
  actor_name: string;
  address: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  target_name: string | null;
  before: Json;
  after: Json;
  prev_hash: string;
  hash: string;
}

export interface AdminAuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface AdminAuditTables {
  admin_audit: AdminAuditTable;
  admin_audit_head: AdminAuditHeadTable;
}

export type AdminAuditRow = Selectable<AdminAuditTable>;
