-- Assessment (考核): versioned schemes, facts derived from case events, periods with frozen snapshots, appeals.

-- Each edit of the scheme is a new version; a period stores the version it used.
CREATE TABLE assessment_schemes (
  version     integer PRIMARY KEY,
  config      jsonb NOT NULL,
  note        text NOT NULL DEFAULT '',
  created_by  integer REFERENCES users(id),
  created_at  timestamptz NOT NULL
);

-- Per-case, per-department facts derived from the case's events, one row per measure. Versioned by event id:
-- a row is valid from the newest event of the case it was derived from (valid_from) until the event whose
-- derivation replaced it (valid_to; null = current). A period's snapshot records the event cursor it saw, so its
-- drill-down lists are the facts valid at that cursor, even after later events change the current facts.
CREATE TABLE assessment_facts (
  id            bigserial PRIMARY KEY,
  case_id       bigint NOT NULL,
  department_id integer NOT NULL,
  measure       text NOT NULL,
  at            timestamptz NOT NULL,
  hit           boolean NOT NULL,
  rating        text,
  responded     boolean,
  resolved      boolean,
  detail        jsonb,
  valid_from    bigint NOT NULL,
  valid_to      bigint
);
CREATE INDEX assessment_facts_current_at_idx ON assessment_facts (at, department_id, measure) WHERE valid_to IS NULL;
CREATE INDEX assessment_facts_current_case_idx ON assessment_facts (case_id) WHERE valid_to IS NULL;
CREATE INDEX assessment_facts_drill_idx ON assessment_facts (department_id, measure, at);
CREATE INDEX assessment_facts_excluded_idx ON assessment_facts (case_id, department_id) WHERE measure = 'excluded';

-- How far the fact job has read the event log.
CREATE TABLE assessment_fact_cursor (
  id            boolean PRIMARY KEY DEFAULT true CHECK (id),
  last_event_id bigint NOT NULL
);
INSERT INTO assessment_fact_cursor (id, last_event_id) VALUES (true, 0);

CREATE TABLE assessment_periods (
  id             serial PRIMARY KEY,
  key            text NOT NULL UNIQUE,
  kind           text NOT NULL CHECK (kind IN ('month', 'quarter', 'year')),
  starts_at      timestamptz NOT NULL,
  ends_at        timestamptz NOT NULL,
  status         text NOT NULL CHECK (status IN ('computed', 'published')),
  scheme_version integer NOT NULL REFERENCES assessment_schemes(version),
  event_cursor   bigint NOT NULL,
  figures        jsonb NOT NULL,
  exclusions     jsonb NOT NULL,
  digest         text NOT NULL,
  computed_at    timestamptz NOT NULL,
  computed_by    integer REFERENCES users(id),
  published_at   timestamptz,
  published_by   integer REFERENCES users(id)
);

-- A published snapshot is frozen: no update or delete gets past the database either.
CREATE FUNCTION yw_assessment_period_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'published' THEN
    RAISE EXCEPTION 'assessment period % is published and frozen', OLD.key USING ERRCODE = 'P0001';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER assessment_periods_frozen
  BEFORE UPDATE OR DELETE ON assessment_periods
  FOR EACH ROW
  EXECUTE FUNCTION yw_assessment_period_frozen();

-- 申诉 / 不纳入考核: a department asks that a case not count against it; a supervisor decides.
CREATE TABLE assessment_appeals (
  id              serial PRIMARY KEY,
  case_id         bigint NOT NULL REFERENCES cases(id),
  department_id   integer NOT NULL REFERENCES departments(id),
  reason          text NOT NULL CHECK (reason IN ('out_of_scope', 'illegal_demand', 'malicious_repeat', 'already_concluded', 'force_majeure')),
  evidence        text NOT NULL,
  file_name       text,
  file_type       text,
  file_data       bytea,
  state           text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'refused')),
  filed_by        integer NOT NULL REFERENCES users(id),
  filed_at        timestamptz NOT NULL,
  decided_by      integer REFERENCES users(id),
  decided_at      timestamptz,
  decision_reason text
);
-- One live appeal per case and department (a refused one may be filed again with new evidence).
CREATE UNIQUE INDEX assessment_appeals_live_idx ON assessment_appeals (case_id, department_id) WHERE state IN ('pending', 'approved');
CREATE INDEX assessment_appeals_state_idx ON assessment_appeals (state, filed_at DESC);
