import type { ColumnType, Generated, Selectable } from 'kysely';

// Kysely row types for the open311 tables (migration 0010). Merged into DB in schema.ts.
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface Open311ApiKeysTable {
  id: Generated<number>;
  name: string;
  key_prefix: string;
  key_hash: string;
  created_at: Timestamp;
  created_by: number | null;
  last_used_at: Timestamp | null;
  request_count: Generated<number>;
  revoked_at: Timestamp | null;
  revoked_by: number | null;
}

export type Open311Datatype = 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';

export interface Open311ServiceAttributesTable {
  id: Generated<number>;
  category_id: number;
  code: string;
  datatype: Open311Datatype;
  required: Generated<boolean>;
  variable: Generated<boolean>;
  description: string;
  datatype_description: Generated<string>;
  sort_order: Generated<number>;
  value_list: Json<{ key: string; name: string }[]>;
}

export interface Open311RequestsTable {
  case_id: number;
  api_key_id: number;
  token: string;
  lat: number | null;
  long: number | null;
  address_string: string | null;
  email: string | null;
  device_id: string | null;
  account_id: string | null;
  media_url: string | null;
  attributes: Json<Record<string, string | string[]>>;
  created_at: Timestamp;
}

/** Migration 0015: one row per change of a service's attributes (the admin console). */
export interface Open311AttributeChangesTable {
  id: Generated<number>;
  category_id: number;
  attribute_id: number | null;
  change: 'created' | 'updated' | 'deleted' | 'reordered';
  before: ColumnType<unknown, string | null, string | null>;
  after: ColumnType<unknown, string | null, string | null>;
  changed_by: number | null;
  changed_at: Timestamp;
}

export interface Open311Tables {
  open311_api_keys: Open311ApiKeysTable;
  open311_service_attributes: Open311ServiceAttributesTable;
  open311_requests: Open311RequestsTable;
  open311_attribute_changes: Open311AttributeChangesTable;
}

export type Open311ApiKeyRow = Selectable<Open311ApiKeysTable>;
export type Open311AttributeRow = Selectable<Open311ServiceAttributesTable>;
