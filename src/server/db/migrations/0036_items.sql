-- Supervised items (督办事项): the second kind of record beside cases (docs/items.md, ADR 0014). Key tasks from
-- meetings and reports, leaders' instructions, the promises of suggestion replies and hot-spot tasks. An item has
-- quantified targets, milestones (节点) and periodic progress reports; a sweep turns its light (绿/黄/红). Every change
-- is an event on the item's own hash chain (item_events), hashed exactly like case events.
CREATE SEQUENCE items_code_seq;

CREATE TABLE items (
  id                 bigserial PRIMARY KEY,
  code               text NOT NULL UNIQUE,
  title              text NOT NULL,
  source_kind        text NOT NULL CHECK (source_kind IN ('meeting', 'work_report', 'instruction', 'suggestion', 'hotspot')),
  source_ref         text NOT NULL DEFAULT '',
  source_date        text CHECK (source_date ~ '^\d{4}-\d{2}-\d{2}$'),
  source_words       text,
  leader_user_id     integer REFERENCES users(id),
  leader_name        text NOT NULL,
  lead_department_id integer NOT NULL REFERENCES departments(id),
  co_department_ids  integer[] NOT NULL DEFAULT '{}',
  description        text NOT NULL DEFAULT '',
  start_date         text NOT NULL CHECK (start_date ~ '^\d{4}-\d{2}-\d{2}$'),
  end_date           text NOT NULL CHECK (end_date ~ '^\d{4}-\d{2}-\d{2}$'),
  report_frequency   text NOT NULL CHECK (report_frequency IN ('none', 'monthly', 'quarterly')),
  report_day         smallint CHECK (report_day BETWEEN 1 AND 28),
  state              text NOT NULL DEFAULT 'in_progress' CHECK (state IN ('in_progress', 'closed')),
  light              text NOT NULL DEFAULT 'green' CHECK (light IN ('green', 'yellow', 'red')),
  light_reasons      jsonb NOT NULL DEFAULT '[]',
  light_checked_at   timestamptz,
  -- What made the item, when another record did (a B/C suggestion answer): kind and id of that record.
  origin_type        text,
  origin_id          bigint,
  is_demo            boolean NOT NULL DEFAULT false,
  created_by         integer REFERENCES users(id),
  created_at         timestamptz NOT NULL,
  updated_at         timestamptz NOT NULL,
  closed_by          integer REFERENCES users(id),
  closed_at          timestamptz,
  close_evidence     text,
  event_count        integer NOT NULL DEFAULT 0,
  last_event_hash    text NOT NULL DEFAULT '',
  version            integer NOT NULL DEFAULT 1,
  CHECK (start_date <= end_date),
  CHECK ((report_frequency = 'none') = (report_day IS NULL))
);
CREATE INDEX items_lead_idx ON items (lead_department_id, state);
CREATE INDEX items_co_idx ON items USING gin (co_department_ids);
CREATE INDEX items_open_idx ON items (id) WHERE state = 'in_progress';
CREATE INDEX items_light_idx ON items (light, state);
CREATE INDEX items_origin_idx ON items (origin_type, origin_id) WHERE origin_type IS NOT NULL;

-- Quantified targets: 希望小屋 12 个 (with the sites), 希望书桌 200 套, a budget in yuan. progress_value is the latest
-- accepted figure.
CREATE TABLE item_targets (
  id             bigserial PRIMARY KEY,
  item_id        bigint NOT NULL REFERENCES items(id),
  seq            smallint NOT NULL,
  name           text NOT NULL,
  measure        text NOT NULL,
  target_value   double precision NOT NULL CHECK (target_value > 0),
  progress_value double precision NOT NULL DEFAULT 0,
  sites          text[] NOT NULL DEFAULT '{}',
  UNIQUE (item_id, seq)
);

-- Milestones (节点): due on a date, or N working days from the start (due_working_days kept for the record).
CREATE TABLE item_milestones (
  id                bigserial PRIMARY KEY,
  item_id           bigint NOT NULL REFERENCES items(id),
  seq               smallint NOT NULL,
  title             text NOT NULL,
  due_date          text NOT NULL CHECK (due_date ~ '^\d{4}-\d{2}-\d{2}$'),
  due_working_days  integer,
  due_at            timestamptz NOT NULL,
  done_at           timestamptz,
  done_report_id    bigint,
  UNIQUE (item_id, seq)
);
CREATE INDEX item_milestones_open_idx ON item_milestones (item_id, due_at) WHERE done_at IS NULL;

-- Progress reports by the lead unit (or a co-unit's part), reviewed by the supervisor.
CREATE TABLE item_reports (
  id             bigserial PRIMARY KEY,
  item_id        bigint NOT NULL REFERENCES items(id),
  department_id  integer NOT NULL REFERENCES departments(id),
  period         text,
  due_at         timestamptz,
  text           text NOT NULL,
  figures        jsonb NOT NULL DEFAULT '[]',
  milestone_ids  bigint[] NOT NULL DEFAULT '{}',
  file_ids       bigint[] NOT NULL DEFAULT '{}',
  warnings       jsonb NOT NULL DEFAULT '[]',
  is_late        boolean NOT NULL DEFAULT false,
  state          text NOT NULL DEFAULT 'submitted' CHECK (state IN ('submitted', 'accepted', 'returned')),
  submitted_by   integer NOT NULL REFERENCES users(id),
  submitted_at   timestamptz NOT NULL,
  reviewed_by    integer REFERENCES users(id),
  reviewed_at    timestamptz,
  review_reason  text
);
CREATE INDEX item_reports_item_idx ON item_reports (item_id, id);
CREATE INDEX item_reports_period_idx ON item_reports (item_id, period) WHERE state <> 'returned';

-- Evidence files of reports: bytes in the blob store (kernel/blob-store), checked like case attachments.
CREATE TABLE item_files (
  id           bigserial PRIMARY KEY,
  item_id      bigint NOT NULL REFERENCES items(id),
  report_id    bigint REFERENCES item_reports(id),
  file_name    text NOT NULL,
  mime         text NOT NULL,
  size_bytes   integer NOT NULL CHECK (size_bytes > 0),
  sha256       text NOT NULL,
  storage_key  text NOT NULL UNIQUE,
  uploaded_by  integer NOT NULL REFERENCES users(id),
  uploaded_at  timestamptz NOT NULL
);
CREATE INDEX item_files_item_idx ON item_files (item_id);

-- The item's event record: same columns and hash as case_events (item_id where case events have case_id).
CREATE TABLE item_events (
  id                  bigserial PRIMARY KEY,
  item_id             bigint NOT NULL REFERENCES items(id),
  seq                 integer NOT NULL,
  type                text NOT NULL,
  actor_user_id       integer REFERENCES users(id),
  actor_department_id integer REFERENCES departments(id),
  actor_role          text NOT NULL,
  at                  timestamptz NOT NULL,
  payload             jsonb NOT NULL,
  prev_hash           text NOT NULL,
  hash                text NOT NULL,
  UNIQUE (item_id, seq)
);
CREATE INDEX item_events_at_idx ON item_events (at);

-- The light sweep's crossings: one row per item, level and reason (a milestone, a report period); a rerun inserts
-- nothing new, so its events and notices are written once.
CREATE TABLE item_light_crossings (
  id             bigserial PRIMARY KEY,
  item_id        bigint NOT NULL REFERENCES items(id),
  department_id  integer NOT NULL REFERENCES departments(id),
  level          text NOT NULL CHECK (level IN ('yellow', 'red')),
  reason_key     text NOT NULL,
  crossed_at     timestamptz NOT NULL,
  UNIQUE (item_id, level, reason_key)
);
CREATE INDEX item_light_crossings_department_idx ON item_light_crossings (department_id, crossed_at DESC);
