-- Organisation tree: city departments, counties/districts, parks, towns/streets (一网覆盖).
CREATE TABLE departments (
  id          serial PRIMARY KEY,
  code        text NOT NULL UNIQUE,
  name        text NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('office', 'city_department', 'district', 'park', 'town')),
  dept_group  text NOT NULL CHECK (dept_group IN ('city', 'district', 'park')),
  parent_id   integer REFERENCES departments(id),
  sort_order  integer NOT NULL DEFAULT 0,
  is_active   boolean NOT NULL DEFAULT true
);
CREATE INDEX departments_parent_idx ON departments (parent_id);

CREATE TABLE categories (
  id          serial PRIMARY KEY,
  code        text NOT NULL UNIQUE,
  name        text NOT NULL,
  parent_id   integer REFERENCES categories(id),
  kind        text NOT NULL CHECK (kind IN ('consultation', 'help', 'complaint', 'report', 'suggestion')),
  default_lead_department_id integer REFERENCES departments(id),
  sort_order  integer NOT NULL DEFAULT 0
);

CREATE TABLE users (
  id              serial PRIMARY KEY,
  username        text NOT NULL UNIQUE,
  display_name    text NOT NULL,
  role            text NOT NULL CHECK (role IN ('admin', 'intake', 'handler', 'head', 'supervisor', 'leader')),
  department_id   integer NOT NULL REFERENCES departments(id),
  password_hash   text NOT NULL,
  failed_logins   integer NOT NULL DEFAULT 0,
  locked_until    timestamptz,
  is_active       boolean NOT NULL DEFAULT true,
  created_at      timestamptz NOT NULL DEFAULT now()
);

-- Only a hash of the session token is stored, so a leaked table does not leak sessions.
CREATE TABLE sessions (
  token_hash  text PRIMARY KEY,
  user_id     integer NOT NULL REFERENCES users(id),
  csrf_token  text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE cases (
  id                      bigserial PRIMARY KEY,
  code                    text NOT NULL UNIQUE,
  title                   text NOT NULL,
  description             text NOT NULL,
  category_id             integer NOT NULL REFERENCES categories(id),
  channel                 text NOT NULL CHECK (channel IN ('hotline', 'web', 'letter', 'import', 'open311', 'staff')),
  urgency                 text NOT NULL DEFAULT 'normal' CHECK (urgency IN ('normal', 'urgent', 'emergency')),
  status                  text NOT NULL,
  submitter_name          text NOT NULL,
  submitter_phone         text NOT NULL,
  enterprise_name         text,
  enterprise_credit_code  text,
  district_id             integer REFERENCES departments(id),
  address                 text,
  is_public               boolean NOT NULL DEFAULT false,
  is_name_public          boolean NOT NULL DEFAULT false,
  supervision_level       text NOT NULL DEFAULT 'none' CHECK (supervision_level IN ('none', 'urged', 'yellow', 'red', 'instruction')),
  duplicate_of            bigint REFERENCES cases(id),
  lead_department_id      integer REFERENCES departments(id),
  round                   integer NOT NULL DEFAULT 0,
  redo_count              integer NOT NULL DEFAULT 0,
  reply_text              text,
  reply_by                integer REFERENCES users(id),
  rating                  text CHECK (rating IN ('satisfied', 'basically', 'unsatisfied')),
  rating_comment          text,
  redo_requested          boolean NOT NULL DEFAULT false,
  reject_reason           text,
  suspended_at            timestamptz,
  suspend_reason          text,
  reply_deadline          timestamptz,
  rating_deadline         timestamptz,
  pending_extension_until timestamptz,
  pending_extension_reason text,
  idempotency_key         text UNIQUE,
  idempotency_fingerprint text,
  created_by              integer REFERENCES users(id),
  created_at              timestamptz NOT NULL,
  accepted_at             timestamptz,
  dispatched_at           timestamptz,
  signed_at               timestamptz,
  replied_at              timestamptz,
  reply_approved_at       timestamptz,
  rated_at                timestamptz,
  closed_at               timestamptz,
  rejected_at             timestamptz,
  merged_at               timestamptz,
  updated_at              timestamptz NOT NULL,
  version                 integer NOT NULL DEFAULT 0,
  event_count             integer NOT NULL DEFAULT 0,
  last_event_hash         text NOT NULL DEFAULT ''
);
CREATE INDEX cases_created_idx ON cases (created_at DESC, id DESC);
CREATE INDEX cases_status_idx ON cases (status, created_at DESC, id DESC);
CREATE INDEX cases_lead_idx ON cases (lead_department_id, status);
CREATE INDEX cases_category_idx ON cases (category_id);
CREATE INDEX cases_district_idx ON cases (district_id);

-- One row per department per round of handling. The lead row carries the reply deadline; co rows the opinion deadline.
CREATE TABLE assignments (
  id                  bigserial PRIMARY KEY,
  case_id             bigint NOT NULL REFERENCES cases(id),
  department_id       integer NOT NULL REFERENCES departments(id),
  role                text NOT NULL CHECK (role IN ('lead', 'co')),
  round               integer NOT NULL,
  status              text NOT NULL CHECK (status IN ('pending', 'signed', 'done', 'returned', 'cancelled')),
  dispatched_at       timestamptz NOT NULL,
  sign_deadline       timestamptz NOT NULL,
  signed_at           timestamptz,
  opinion_deadline    timestamptz,
  opinion             text,
  opinion_at          timestamptz,
  reply_deadline      timestamptz,
  return_reason       text,
  return_basis        text,
  return_requested_at timestamptz,
  closed_at           timestamptz
);
CREATE INDEX assignments_case_idx ON assignments (case_id);
CREATE INDEX assignments_department_idx ON assignments (department_id, status, case_id);

-- Append-only, hash-chained per case: hash = sha256(prev_hash || canonical content).
CREATE TABLE case_events (
  id                  bigserial PRIMARY KEY,
  case_id             bigint NOT NULL REFERENCES cases(id),
  seq                 integer NOT NULL,
  type                text NOT NULL,
  actor_user_id       integer REFERENCES users(id),
  actor_department_id integer REFERENCES departments(id),
  actor_role          text NOT NULL,
  at                  timestamptz NOT NULL,
  payload             jsonb NOT NULL,
  prev_hash           text NOT NULL,
  hash                text NOT NULL,
  UNIQUE (case_id, seq)
);
CREATE INDEX case_events_at_idx ON case_events (at);
