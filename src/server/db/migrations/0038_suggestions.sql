-- Deputies' suggestions and CPPCC proposals (人大代表建议 / 政协提案) and major-matter reports (重大事项报告), issue 13.

-- Deputies and CPPCC members sign in with the role 'deputy' (代表委员) and see only their own suggestions.
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('admin', 'intake', 'handler', 'head', 'supervisor', 'leader', 'deputy'));
ALTER TABLE users DROP CONSTRAINT users_roles_valid;
ALTER TABLE users ADD CONSTRAINT users_roles_valid
  CHECK (roles <@ ARRAY['admin', 'intake', 'handler', 'head', 'supervisor', 'leader', 'deputy']::text[]);

-- Dates are Beijing calendar dates kept as 'YYYY-MM-DD' text (no time zone to shift them).

-- One row per suggestion; status is written only from the domain's decideSuggestion(), with its events in the same
-- transaction (event_count / last_event_hash: the head of its own hash chain, as cases keep theirs).
CREATE TABLE suggestions (
  id                serial PRIMARY KEY,
  kind              text NOT NULL CHECK (kind IN ('deputy', 'cppcc')),
  term              integer NOT NULL CHECK (term BETWEEN 1 AND 99),
  session_no        integer NOT NULL CHECK (session_no BETWEEN 1 AND 99),
  number            integer NOT NULL CHECK (number BETWEEN 1 AND 99999),
  title             text NOT NULL,
  body              text NOT NULL,
  category          text NOT NULL,
  status            text NOT NULL CHECK (status IN ('registered', 'assigned', 'handling', 'countersigning', 'awaiting_rating', 'closed')),
  round             integer NOT NULL DEFAULT 1 CHECK (round IN (1, 2)),
  assign_mode       text CHECK (assign_mode IN ('lead', 'split')),
  assigned_at       timestamptz,
  reply_deadline    timestamptz,
  extension_state   text NOT NULL DEFAULT 'none' CHECK (extension_state IN ('none', 'requested', 'approved', 'denied')),
  extension_reason  text,
  is_public         boolean NOT NULL DEFAULT true,
  is_late           boolean NOT NULL DEFAULT false,
  class             text CHECK (class IN ('A', 'B', 'C', 'D')),
  sent_at           timestamptz,
  rating            text CHECK (rating IN ('satisfied', 'basically', 'unsatisfied')),
  rating_comment    text,
  rated_at          timestamptz,
  closed_at         timestamptz,
  promise_item_id   integer,
  registered_by     integer NOT NULL REFERENCES users(id),
  created_at        timestamptz NOT NULL,
  event_count       integer NOT NULL DEFAULT 0,
  last_event_hash   text NOT NULL DEFAULT '',
  version           integer NOT NULL DEFAULT 1,
  -- The same number twice in one session of one body is refused (SUGGESTION_NUMBER_TAKEN).
  UNIQUE (kind, term, session_no, number)
);
CREATE INDEX suggestions_status_idx ON suggestions (status);
CREATE INDEX suggestions_created_idx ON suggestions (created_at);

CREATE TABLE suggestion_proposers (
  suggestion_id  integer NOT NULL REFERENCES suggestions(id),
  seq            integer NOT NULL,
  name           text NOT NULL,
  user_id        integer REFERENCES users(id),
  PRIMARY KEY (suggestion_id, seq)
);
CREATE INDEX suggestion_proposers_user_idx ON suggestion_proposers (user_id) WHERE user_id IS NOT NULL;

-- 主办 (lead), 会办 (co: countersigns), 分办 (split: several leads each answering its part).
CREATE TABLE suggestion_units (
  id             serial PRIMARY KEY,
  suggestion_id  integer NOT NULL REFERENCES suggestions(id),
  department_id  integer NOT NULL REFERENCES departments(id),
  role           text NOT NULL CHECK (role IN ('lead', 'co', 'split')),
  signed_at      timestamptz,
  UNIQUE (suggestion_id, department_id)
);
CREATE INDEX suggestion_units_department_idx ON suggestion_units (department_id);

-- 见面沟通: required of an answering unit in each round before its reply.
CREATE TABLE suggestion_meetings (
  id             serial PRIMARY KEY,
  suggestion_id  integer NOT NULL REFERENCES suggestions(id),
  department_id  integer NOT NULL REFERENCES departments(id),
  round          integer NOT NULL,
  met_on         text NOT NULL CHECK (met_on ~ '^\d{4}-\d{2}-\d{2}$'),
  form           text NOT NULL CHECK (form IN ('in_person', 'phone', 'video', 'site_visit', 'forum')),
  people         text NOT NULL,
  summary        text NOT NULL,
  recorded_by    integer NOT NULL REFERENCES users(id),
  recorded_at    timestamptz NOT NULL
);
CREATE INDEX suggestion_meetings_suggestion_idx ON suggestion_meetings (suggestion_id);

-- The reply letter (答复函) of an answering unit in a round; sent once every co-unit has countersigned.
CREATE TABLE suggestion_letters (
  id             serial PRIMARY KEY,
  suggestion_id  integer NOT NULL REFERENCES suggestions(id),
  department_id  integer NOT NULL REFERENCES departments(id),
  round          integer NOT NULL,
  doc_number     text NOT NULL,
  class          text NOT NULL CHECK (class IN ('A', 'B', 'C', 'D')),
  body           text NOT NULL,
  promise        text,
  promise_due    text CHECK (promise_due ~ '^\d{4}-\d{2}-\d{2}$'),
  is_late        boolean NOT NULL,
  replied_by     integer NOT NULL REFERENCES users(id),
  replied_at     timestamptz NOT NULL,
  sent_at        timestamptz,
  UNIQUE (suggestion_id, department_id, round)
);
CREATE INDEX suggestion_letters_department_idx ON suggestion_letters (department_id, replied_at);

CREATE TABLE suggestion_countersigns (
  letter_id      integer NOT NULL REFERENCES suggestion_letters(id),
  department_id  integer NOT NULL REFERENCES departments(id),
  opinion        text NOT NULL,
  signed_by      integer NOT NULL REFERENCES users(id),
  signed_at      timestamptz NOT NULL,
  PRIMARY KEY (letter_id, department_id)
);

-- Each suggestion's hash chain (src/domain/audit/chain.ts eventHash, with the suggestion's id as the chain id).
CREATE TABLE suggestion_events (
  id                   bigserial PRIMARY KEY,
  suggestion_id        integer NOT NULL REFERENCES suggestions(id),
  seq                  integer NOT NULL,
  type                 text NOT NULL,
  actor_user_id        integer REFERENCES users(id),
  actor_department_id  integer REFERENCES departments(id),
  actor_role           text NOT NULL,
  at                   timestamptz NOT NULL,
  payload              jsonb NOT NULL,
  prev_hash            text NOT NULL,
  hash                 text NOT NULL,
  UNIQUE (suggestion_id, seq)
);

-- 重大事项报告: types defined by the administrator, reports filed by units and acknowledged by the office.
CREATE TABLE major_report_types (
  id             serial PRIMARY KEY,
  name           text NOT NULL UNIQUE,
  deadline_days  integer NOT NULL CHECK (deadline_days BETWEEN 1 AND 60),
  description    text NOT NULL DEFAULT '',
  is_active      boolean NOT NULL DEFAULT true,
  created_at     timestamptz NOT NULL
);

CREATE TABLE major_reports (
  id               serial PRIMARY KEY,
  type_id          integer NOT NULL REFERENCES major_report_types(id),
  department_id    integer NOT NULL REFERENCES departments(id),
  title            text NOT NULL,
  body             text NOT NULL,
  matter_date      text NOT NULL CHECK (matter_date ~ '^\d{4}-\d{2}-\d{2}$'),
  due_at           timestamptz NOT NULL,
  filed_at         timestamptz NOT NULL,
  is_late          boolean NOT NULL,
  filed_by         integer NOT NULL REFERENCES users(id),
  files            jsonb NOT NULL DEFAULT '[]',
  acknowledged_at  timestamptz,
  acknowledged_by  integer REFERENCES users(id),
  ack_note         text
);
CREATE INDEX major_reports_department_idx ON major_reports (department_id, filed_at);
