-- Issue 15 item 4: hot spots (热点发现, 未诉先办). A daily detection writes one row per hot spot and day (kind, district,
-- category, word signature): rerunning a day updates its rows in place, never adds a second. The cases behind a hot
-- spot are listed in hotspot_cases. A hot spot can become a supervised item (item_id, written through the items area)
-- or the month's topic (每月一题, one per month). docs/hotspots.md, ADR 23.
CREATE TABLE hotspots (
  id            bigserial PRIMARY KEY,
  detected_on   text NOT NULL CHECK (detected_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
  kind          text NOT NULL CHECK (kind IN ('spike', 'cluster')),
  district_id   integer NOT NULL REFERENCES departments(id),
  category_id   integer NOT NULL REFERENCES categories(id),
  -- The shared words, space-separated ('' when a spike's cases share none).
  signature     text NOT NULL DEFAULT '',
  window_start  timestamptz NOT NULL,
  window_end    timestamptz NOT NULL,
  recent_count  integer NOT NULL,
  baseline      numeric(12, 2),
  ratio         numeric(12, 2),
  summary       text NOT NULL,
  item_id       bigint REFERENCES items(id),
  topic_month   text CHECK (topic_month ~ '^[0-9]{4}-[0-9]{2}$'),
  taken_up_at   timestamptz,
  taken_up_by   integer REFERENCES users(id),
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL,
  UNIQUE (detected_on, kind, district_id, category_id, signature)
);
CREATE INDEX hotspots_day_idx ON hotspots (detected_on DESC, recent_count DESC);
-- 每月一题: one topic per month.
CREATE UNIQUE INDEX hotspots_topic_month_idx ON hotspots (topic_month) WHERE topic_month IS NOT NULL;

CREATE TABLE hotspot_cases (
  hotspot_id  bigint NOT NULL REFERENCES hotspots(id) ON DELETE CASCADE,
  case_id     bigint NOT NULL REFERENCES cases(id),
  PRIMARY KEY (hotspot_id, case_id)
);

-- One row per detection day: the daily job runs a day once (a restart does not rerun it); on demand reruns update it.
CREATE TABLE hotspot_runs (
  day         text PRIMARY KEY CHECK (day ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
  ran_at      timestamptz NOT NULL,
  found       integer NOT NULL,
  cases_read  integer NOT NULL,
  ran_by      integer REFERENCES users(id)
);
