-- 营商环境评价指标 (issue 14): the indicator registry per evaluation year and system, the figures lead units file per
-- period with their evidence and the 营商办's review, a lead unit's requests to press a unit holding a problem, and
-- the city's stories (衡阳故事). Categories carry indicator tags (codes, stable across years: a year's system is copied
-- to the next and edited, and this year's figures keep pointing at this year's rows).

CREATE TABLE indicators (
  id                         serial PRIMARY KEY,
  year                       integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  -- national: 中国营商环境评价 (18 first-level); province: the province's own monitoring system.
  system                     text NOT NULL CHECK (system IN ('national', 'province')),
  code                       text NOT NULL,
  parent_id                  integer REFERENCES indicators(id),
  name                       text NOT NULL,
  definition                 text NOT NULL DEFAULT '',
  unit                       text NOT NULL DEFAULT '',
  direction                  text NOT NULL DEFAULT 'higher' CHECK (direction IN ('higher', 'lower')),
  weight                     numeric NOT NULL DEFAULT 0 CHECK (weight >= 0),
  lead_department_id         integer REFERENCES departments(id),
  responsible_department_ids integer[] NOT NULL DEFAULT '{}',
  -- Targets of a sub-measure: the province's best, the national benchmark cities, the city's own commitment.
  target_province_best       numeric,
  target_benchmark           numeric,
  target_commitment          numeric,
  sort_order                 integer NOT NULL DEFAULT 0,
  version                    integer NOT NULL DEFAULT 1,
  updated_at                 timestamptz NOT NULL,
  UNIQUE (year, system, code),
  -- A first-level indicator always has a lead unit; a sub-measure inherits its parent's.
  CHECK (parent_id IS NOT NULL OR lead_department_id IS NOT NULL)
);
CREATE INDEX indicators_parent_idx ON indicators (parent_id);
CREATE INDEX indicators_lead_idx ON indicators (lead_department_id, year);

-- One figure per sub-measure and period (YYYY-Qn or YYYY-MM), filed by the lead unit and reviewed by the 营商办.
CREATE TABLE indicator_figures (
  id              bigserial PRIMARY KEY,
  indicator_id    integer NOT NULL REFERENCES indicators(id),
  period          text NOT NULL CHECK (period ~ '^[0-9]{4}-(Q[1-4]|(0[1-9]|1[0-2]))$'),
  value           numeric NOT NULL,
  note            text NOT NULL DEFAULT '',
  status          text NOT NULL CHECK (status IN ('filed', 'returned', 'accepted')),
  return_reason   text,
  department_id   integer NOT NULL REFERENCES departments(id),
  filed_by        integer NOT NULL REFERENCES users(id),
  filed_at        timestamptz NOT NULL,
  reviewed_by     integer REFERENCES users(id),
  reviewed_at     timestamptz,
  version         integer NOT NULL DEFAULT 1,
  UNIQUE (indicator_id, period)
);

-- Every filing and review step, with the value before and after (a correction is recorded here).
CREATE TABLE indicator_figure_steps (
  id            bigserial PRIMARY KEY,
  figure_id     bigint NOT NULL REFERENCES indicator_figures(id),
  action        text NOT NULL CHECK (action IN ('file', 'refile', 'accept', 'return', 'correct')),
  value_before  numeric,
  value_after   numeric,
  reason        text,
  user_id       integer NOT NULL REFERENCES users(id),
  at            timestamptz NOT NULL
);
CREATE INDEX indicator_figure_steps_figure_idx ON indicator_figure_steps (figure_id, id);

-- Files (evidence of a figure, photos of a story): bytes in the blob store, type checked from the bytes like every
-- other upload. A row waits unlinked (both owners null) until a filing or a nomination names it.
CREATE TABLE indicator_files (
  id            bigserial PRIMARY KEY,
  figure_id     bigint REFERENCES indicator_figures(id),
  story_id      integer,
  file_name     text NOT NULL,
  mime          text NOT NULL,
  size_bytes    integer NOT NULL,
  sha256        text NOT NULL,
  storage_key   text NOT NULL,
  uploaded_by   integer NOT NULL REFERENCES users(id),
  uploaded_at   timestamptz NOT NULL
);
CREATE INDEX indicator_files_figure_idx ON indicator_files (figure_id);
CREATE INDEX indicator_files_story_idx ON indicator_files (story_id);
CREATE INDEX indicator_files_key_idx ON indicator_files (storage_key);

-- A lead unit asks the supervision office to press the unit holding a problem of its indicator.
CREATE TABLE indicator_press_requests (
  id              serial PRIMARY KEY,
  indicator_id    integer NOT NULL REFERENCES indicators(id),
  case_id         bigint NOT NULL REFERENCES cases(id),
  department_id   integer NOT NULL REFERENCES departments(id),
  reason          text NOT NULL,
  status          text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'ordered', 'declined')),
  requested_by    integer NOT NULL REFERENCES users(id),
  requesting_department_id integer NOT NULL REFERENCES departments(id),
  requested_at    timestamptz NOT NULL,
  handled_by      integer REFERENCES users(id),
  handled_at      timestamptz,
  order_id        integer,
  decline_reason  text
);
CREATE UNIQUE INDEX indicator_press_requests_open_idx ON indicator_press_requests (case_id, department_id) WHERE status = 'open';

-- 衡阳故事 / 衡阳样本: a closed case told as a story, reviewed and published on the public site.
CREATE TABLE indicator_stories (
  id              serial PRIMARY KEY,
  case_id         bigint NOT NULL REFERENCES cases(id),
  indicator_code  text,
  title           text NOT NULL,
  body            text NOT NULL,
  before_text     text NOT NULL DEFAULT '',
  after_text      text NOT NULL DEFAULT '',
  department_ids  integer[] NOT NULL DEFAULT '{}',
  status          text NOT NULL DEFAULT 'nominated' CHECK (status IN ('nominated', 'returned', 'published', 'withdrawn')),
  public_title    text,
  public_body     text,
  review_note     text,
  nominated_by    integer NOT NULL REFERENCES users(id),
  nominated_at    timestamptz NOT NULL,
  reviewed_by     integer REFERENCES users(id),
  reviewed_at     timestamptz,
  published_at    timestamptz,
  version         integer NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX indicator_stories_case_idx ON indicator_stories (case_id) WHERE status <> 'withdrawn';
CREATE INDEX indicator_stories_published_idx ON indicator_stories (published_at DESC) WHERE status = 'published';
ALTER TABLE indicator_files ADD CONSTRAINT indicator_files_story_fk FOREIGN KEY (story_id) REFERENCES indicator_stories(id);

-- Categories carry indicator tags: first-level indicator codes (written by the catalogue).
ALTER TABLE categories ADD COLUMN indicator_codes text[] NOT NULL DEFAULT '{}';
CREATE INDEX categories_indicator_codes_idx ON categories USING gin (indicator_codes);
