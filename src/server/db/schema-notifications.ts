import type { ColumnType, Generated, Selectable } from 'kysely';

// Kysely row types for the notifications tables (migration 0005). Merged into DB in schema.ts.
type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface NotificationOutboxTable {
  event_id: number;
  enqueued_at: Generated<Timestamp>;
}

export interface NotificationsTable {
  id: Generated<number>;
  user_id: number;
  /** Null for security alerts (migration 0021), which belong to no case event. */
  event_id: number | null;
  case_id: number | null;
  event_type: string;
  title: string;
  body: string;
  link: string;
  created_at: Timestamp;
  read_at: Timestamp | null;
}

export interface WebhookEndpointsTable {
  id: Generated<number>;
  name: string;
  url: string;
  secret: string;
  event_types: ColumnType<string[], string[] | undefined, string[]>;
  is_active: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type DeliveryChannel = 'email' | 'sms' | 'webhook';

export interface NotificationDeliveriesTable {
  id: Generated<number>;
  channel: DeliveryChannel;
  dedupe_key: string;
  /** The case event delivered; null for an item notice (notification_id names it). */
  event_id: number | null;
  event_type: string;
  case_id: number | null;
  notification_id: Generated<number | null>;
  user_id: number | null;
  endpoint_id: number | null;
  target: string;
  subject: string;
  body: string;
  status: 'pending' | 'sent' | 'dead';
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  locked_until: Timestamp | null;
  last_error: string | null;
  delivered_at: Timestamp | null;
  created_at: Timestamp;
}

export interface DeliveryAttemptsTable {
  id: Generated<number>;
  delivery_id: number;
  attempt: number;
  at: Timestamp;
  ok: boolean;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
}

export interface SmsLogTable {
  id: Generated<number>;
  phone: string;
  text: string;
  delivery_id: number | null;
  at: Timestamp;
}

export interface NotificationTables {
  notification_outbox: NotificationOutboxTable;
  notifications: NotificationsTable;
  webhook_endpoints: WebhookEndpointsTable;
  notification_deliveries: NotificationDeliveriesTable;
  delivery_attempts: DeliveryAttemptsTable;
  sms_log: SmsLogTable;
}

export type NotificationRow = Selectable<NotificationsTable>;
export type DeliveryRow = Selectable<NotificationDeliveriesTable>;
export type WebhookEndpointRow = Selectable<WebhookEndpointsTable>;
