-- Supervision orders (督办单): the supervision office's written demands to a department holding a case.
CREATE TABLE supervision_orders (
  id              bigserial PRIMARY KEY,
  code            text NOT NULL UNIQUE,
  case_id         bigint NOT NULL REFERENCES cases(id),
  department_id   integer NOT NULL REFERENCES departments(id),
  level           text NOT NULL CHECK (level IN ('normal', 'yellow', 'red')),
  state           text NOT NULL CHECK (state IN ('open', 'answered', 'closed')),
  demands         text NOT NULL,
  deadline        timestamptz NOT NULL,
  issued_by       integer NOT NULL REFERENCES users(id),
  issued_at       timestamptz NOT NULL,
  raised_at       timestamptz,
  answer_text     text,
  answered_by     integer REFERENCES users(id),
  answered_at     timestamptz,
  answered_late   boolean NOT NULL DEFAULT false,
  closed_by       integer REFERENCES users(id),
  closed_at       timestamptz,
  close_reason    text
);
CREATE INDEX supervision_orders_case_idx ON supervision_orders (case_id);
CREATE INDEX supervision_orders_department_idx ON supervision_orders (department_id, state);
-- One order at a time per department and case: a second demand raises the open order instead.
CREATE UNIQUE INDEX supervision_orders_one_open_idx ON supervision_orders (case_id, department_id) WHERE state <> 'closed';

-- Every written answer, also those superseded when an order was raised and answered again.
CREATE TABLE supervision_order_answers (
  id              bigserial PRIMARY KEY,
  order_id        bigint NOT NULL REFERENCES supervision_orders(id),
  department_id   integer NOT NULL REFERENCES departments(id),
  text            text NOT NULL,
  answered_by     integer NOT NULL REFERENCES users(id),
  answered_at     timestamptz NOT NULL,
  is_late         boolean NOT NULL
);
CREATE INDEX supervision_order_answers_order_idx ON supervision_order_answers (order_id);
