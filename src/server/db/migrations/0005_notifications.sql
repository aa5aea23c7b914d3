-- Notifications: inbox, e-mail, SMS and webhooks, produced after commit from case events.

ALTER TABLE users ADD COLUMN email text;
ALTER TABLE users ADD COLUMN phone text;

-- The outbox. Event ids come from a sequence and transactions commit out of id order, so a worker reading
-- "id > last cursor" could skip an event that commits late. Instead a trigger writes one outbox row per
-- notifiable event in the inserting transaction: the row is visible exactly when the event is committed, the
-- worker claims rows with FOR UPDATE SKIP LOCKED and deletes them in the transaction that writes the notices.
CREATE TABLE notification_outbox (
  event_id    bigint PRIMARY KEY,
  enqueued_at timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION yw_enqueue_notification() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO notification_outbox (event_id) VALUES (NEW.id);
  PERFORM pg_notify('yw_notification_outbox', '');
  RETURN NEW;
END;
$$;

-- Only the event types that notify someone; a new notifiable type replaces this trigger in a later migration.
CREATE TRIGGER case_events_notification_outbox
  AFTER INSERT ON case_events
  FOR EACH ROW
  WHEN (NEW.type IN (
    'case.dispatched', 'case.redone', 'case.return_approved', 'case.warned', 'case.urged', 'case.order_issued',
    'case.order_raised', 'case.escalated', 'case.return_requested', 'case.extension_requested', 'case.replied',
    'case.order_answered', 'case.instructed', 'case.rated'))
  EXECUTE FUNCTION yw_enqueue_notification();

-- In-app inbox: one notice per event and recipient; the unique key makes a second run of the worker a no-op.
CREATE TABLE notifications (
  id          bigserial PRIMARY KEY,
  user_id     integer NOT NULL REFERENCES users(id),
  event_id    bigint NOT NULL,
  case_id     bigint NOT NULL,
  event_type  text NOT NULL,
  title       text NOT NULL,
  body        text NOT NULL,
  link        text NOT NULL,
  created_at  timestamptz NOT NULL,
  read_at     timestamptz,
  UNIQUE (event_id, user_id)
);
CREATE INDEX notifications_user_idx ON notifications (user_id, id DESC);
CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;

CREATE TABLE webhook_endpoints (
  id          serial PRIMARY KEY,
  name        text NOT NULL,
  url         text NOT NULL CHECK (url ~ '^https?://'),
  secret      text NOT NULL,
  event_types text[] NOT NULL DEFAULT '{}',
  is_active   boolean NOT NULL DEFAULT true,
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL
);

-- Outbound messages (e-mail, SMS, webhook), each retried with backoff until sent or given up.
CREATE TABLE notification_deliveries (
  id              bigserial PRIMARY KEY,
  channel         text NOT NULL CHECK (channel IN ('email', 'sms', 'webhook')),
  dedupe_key      text NOT NULL UNIQUE,
  event_id        bigint NOT NULL,
  event_type      text NOT NULL,
  case_id         bigint NOT NULL,
  user_id         integer REFERENCES users(id),
  endpoint_id     integer REFERENCES webhook_endpoints(id),
  target          text NOT NULL,
  subject         text NOT NULL,
  body            text NOT NULL,
  status          text NOT NULL CHECK (status IN ('pending', 'sent', 'dead')),
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  locked_until    timestamptz,
  last_error      text,
  delivered_at    timestamptz,
  created_at      timestamptz NOT NULL
);
CREATE INDEX notification_deliveries_due_idx ON notification_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX notification_deliveries_endpoint_idx ON notification_deliveries (endpoint_id, id DESC);

CREATE TABLE delivery_attempts (
  id           bigserial PRIMARY KEY,
  delivery_id  bigint NOT NULL REFERENCES notification_deliveries(id),
  attempt      integer NOT NULL,
  at           timestamptz NOT NULL,
  ok           boolean NOT NULL,
  status_code  integer,
  error        text,
  duration_ms  integer NOT NULL
);
CREATE INDEX delivery_attempts_delivery_idx ON delivery_attempts (delivery_id, attempt);

-- What the logging SMS adapter "sent"; a real gateway plugs in behind SmsGateway instead.
CREATE TABLE sms_log (
  id          bigserial PRIMARY KEY,
  phone       text NOT NULL,
  text        text NOT NULL,
  delivery_id bigint,
  at          timestamptz NOT NULL
);
