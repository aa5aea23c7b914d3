import type { ColumnType, Generated } from 'kysely';

// Kysely row types for the password policy and history (migration 0026, modules/auth). Merged into DB in schema.ts.
type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface PasswordPolicyTable {
  id: number;
  min_length: number;
  required_classes: Array<'lower' | 'upper' | 'digit' | 'symbol'>;
  history_count: number;
  max_age_days: number | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_by: number | null;
}

export interface PasswordHistoryTable {
  id: Generated<string>;
  user_id: number;
  hash: string;
  changed_at: Timestamp;
}

export interface PeopleTables {
  password_policy: PasswordPolicyTable;
  password_history: PasswordHistoryTable;
}
