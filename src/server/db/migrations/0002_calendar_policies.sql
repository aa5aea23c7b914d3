-- Working calendar as data: one row per State Council notice (year), one row per holiday or make-up working day.
-- Dates are local (Asia/Shanghai) 'YYYY-MM-DD' text, so no driver turns them into instants in its own time zone.
CREATE TABLE calendar_years (
  year         integer PRIMARY KEY CHECK (year BETWEEN 1990 AND 2200),
  source       text NOT NULL DEFAULT '',
  imported_at  timestamptz NOT NULL DEFAULT now(),
  imported_by  integer REFERENCES users(id)
);

CREATE TABLE calendar_days (
  date   text PRIMARY KEY CHECK (date ~ '^\d{4}-\d{2}-\d{2}$'),
  kind   text NOT NULL CHECK (kind IN ('holiday', 'makeup_workday')),
  name   text NOT NULL DEFAULT '',
  year   integer NOT NULL REFERENCES calendar_years(year) ON DELETE CASCADE
);
CREATE INDEX calendar_days_year_idx ON calendar_days (year);

-- Working hours: a single row (id = 1). The time zone is fixed to Asia/Shanghai.
CREATE TABLE working_hours (
  id          integer PRIMARY KEY CHECK (id = 1),
  periods     jsonb NOT NULL,
  time_zone   text NOT NULL DEFAULT 'Asia/Shanghai' CHECK (time_zone = 'Asia/Shanghai'),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  updated_by  integer REFERENCES users(id)
);

-- Time-limit policies per category (NULL = every category) and urgency. Every save inserts a new version;
-- the current one is the row with superseded_at IS NULL and deleted = false.
CREATE TABLE time_limit_policies (
  id              serial PRIMARY KEY,
  category_id     integer REFERENCES categories(id),
  urgency         text NOT NULL CHECK (urgency IN ('normal', 'urgent', 'emergency')),
  version         integer NOT NULL,
  sign_limit      numeric NOT NULL CHECK (sign_limit >= 0),
  sign_unit       text NOT NULL CHECK (sign_unit IN ('days', 'hours')),
  opinion_limit   numeric NOT NULL CHECK (opinion_limit >= 0),
  opinion_unit    text NOT NULL CHECK (opinion_unit IN ('days', 'hours')),
  reply_limit     numeric NOT NULL CHECK (reply_limit >= 0),
  reply_unit      text NOT NULL CHECK (reply_unit IN ('days', 'hours')),
  rating_limit    numeric NOT NULL CHECK (rating_limit >= 0),
  rating_unit     text NOT NULL CHECK (rating_unit IN ('days', 'hours')),
  warning_share   numeric NOT NULL CHECK (warning_share > 0 AND warning_share < 1),
  deleted         boolean NOT NULL DEFAULT false,
  created_at      timestamptz NOT NULL DEFAULT now(),
  created_by      integer REFERENCES users(id),
  superseded_at   timestamptz
);
CREATE UNIQUE INDEX time_limit_policies_version_idx ON time_limit_policies (COALESCE(category_id, 0), urgency, version);
CREATE UNIQUE INDEX time_limit_policies_current_idx ON time_limit_policies (COALESCE(category_id, 0), urgency) WHERE superseded_at IS NULL;
