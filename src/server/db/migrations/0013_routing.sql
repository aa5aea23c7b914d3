-- Routing (一触即发): rules that send a case to a lead department and co-handlers, the trained router's models,
-- the auto-dispatch setting, and every routing decision taken for a case.

CREATE TABLE routing_rules (
  id                  serial PRIMARY KEY,
  name                text NOT NULL,
  position            integer NOT NULL,
  is_active           boolean NOT NULL DEFAULT true,
  is_deleted          boolean NOT NULL DEFAULT false,
  version             integer NOT NULL DEFAULT 1,
  -- {categoryIds, districtIds, keywords, keywordMode, locations}
  conditions          jsonb NOT NULL,
  lead_department_id  integer NOT NULL REFERENCES departments(id),
  co_department_ids   jsonb NOT NULL DEFAULT '[]',
  -- Why it can never fire or whom it conflicts with, computed when saved: [{code, otherRuleId?, departmentIds?}]
  flags               jsonb NOT NULL DEFAULT '[]',
  created_at          timestamptz NOT NULL,
  updated_at          timestamptz NOT NULL,
  updated_by          integer REFERENCES users(id)
);
CREATE INDEX routing_rules_position_idx ON routing_rules (position, id) WHERE NOT is_deleted;

-- Every saved state of a rule; a dispatch names the rule id and the version that fired.
CREATE TABLE routing_rule_versions (
  rule_id     integer NOT NULL REFERENCES routing_rules(id),
  version     integer NOT NULL,
  snapshot    jsonb NOT NULL,
  flags       jsonb NOT NULL DEFAULT '[]',
  saved_by    integer REFERENCES users(id),
  saved_at    timestamptz NOT NULL,
  change      text NOT NULL CHECK (change IN ('created', 'updated', 'deleted', 'reordered')),
  PRIMARY KEY (rule_id, version)
);

-- Trained router models. One is active; a new model becomes active only if it scores better on held-out cases.
CREATE TABLE routing_models (
  id                  serial PRIMARY KEY,
  version             integer NOT NULL UNIQUE,
  status              text NOT NULL CHECK (status IN ('active', 'retired', 'rejected')),
  trigger             text NOT NULL,
  trained_at          timestamptz NOT NULL,
  trained_by          integer REFERENCES users(id),
  training_size       integer NOT NULL,
  held_out_size       integer NOT NULL,
  accuracy            double precision NOT NULL,
  macro_f1            double precision NOT NULL,
  ece                 double precision NOT NULL,
  temperature         double precision NOT NULL,
  -- The model in use at training time, scored on the same held-out cases (null when there was none).
  baseline_version    integer,
  baseline_accuracy   double precision,
  baseline_macro_f1   double precision,
  department_ids      jsonb NOT NULL,
  -- Per-department precision/recall, top confusions, reliability bins, timings.
  report              jsonb NOT NULL,
  decision            text NOT NULL,
  -- gzip of the serialised model; dropped for rejected models.
  data                bytea,
  activated_at        timestamptz
);
CREATE UNIQUE INDEX routing_models_one_active_idx ON routing_models ((true)) WHERE status = 'active';

CREATE TABLE routing_settings (
  id              integer PRIMARY KEY CHECK (id = 1),
  auto_dispatch   boolean NOT NULL DEFAULT true,
  -- A model's top confidence at or above this dispatches a public submission without a person.
  threshold       double precision NOT NULL DEFAULT 0.85 CHECK (threshold > 0 AND threshold <= 1),
  updated_at      timestamptz,
  updated_by      integer REFERENCES users(id)
);
INSERT INTO routing_settings (id) VALUES (1);

-- What the router said for a new case and whether it dispatched it.
CREATE TABLE routing_decisions (
  id                  bigserial PRIMARY KEY,
  case_id             bigint NOT NULL REFERENCES cases(id),
  decided_at          timestamptz NOT NULL,
  source              text NOT NULL CHECK (source IN ('rule', 'model', 'none')),
  dispatched          boolean NOT NULL,
  rule_id             integer REFERENCES routing_rules(id),
  rule_version        integer,
  model_version       integer,
  confidence          double precision,
  threshold           double precision,
  lead_department_id  integer REFERENCES departments(id),
  co_department_ids   jsonb NOT NULL DEFAULT '[]',
  -- [{departmentId, confidence, words}]
  suggestions         jsonb NOT NULL DEFAULT '[]',
  reason              text NOT NULL
);
CREATE INDEX routing_decisions_case_idx ON routing_decisions (case_id, id);
