import type { ColumnType, Generated, Selectable } from 'kysely';

// Kysely row types for the supervision tables (see migrations/0004_supervision.sql). Merged into DB in schema.ts.
type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface SupervisionOrdersTable {
  id: Generated<number>;
  code: string;
  /** Null for an order on a supervised item (migration 0037: exactly one of case_id and item_id). */
  case_id: number | null;
  item_id: Generated<number | null>;
  department_id: number;
  level: 'normal' | 'yellow' | 'red';
  state: 'open' | 'answered' | 'closed';
  demands: string;
  deadline: Timestamp;
  issued_by: number;
  issued_at: Timestamp;
  raised_at: Timestamp | null;
  answer_text: string | null;
  answered_by: number | null;
  answered_at: Timestamp | null;
  answered_late: Generated<boolean>;
  closed_by: number | null;
  closed_at: Timestamp | null;
  close_reason: string | null;
}

export interface SupervisionOrderAnswersTable {
  id: Generated<number>;
  order_id: number;
  department_id: number;
  text: string;
  answered_by: number;
  answered_at: Timestamp;
  is_late: boolean;
}

export type SupervisionOrderRow = Selectable<SupervisionOrdersTable>;

export interface SupervisionTables {
  supervision_orders: SupervisionOrdersTable;
  supervision_order_answers: SupervisionOrderAnswersTable;
}
