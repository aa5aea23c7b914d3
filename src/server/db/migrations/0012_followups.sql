-- Follow-up calls (回访, see docs/followups.md): every call an operator makes to a phone submitter whose case awaits
-- rating. A reached call records the rating through the case's own `rate` command; the call row points at the
-- resulting case.rated event, so the rating counts like an online one and the link is checkable.
CREATE TABLE follow_up_calls (
  id               bigserial PRIMARY KEY,
  case_id          bigint NOT NULL REFERENCES cases(id),
  round            integer NOT NULL,
  outcome          text NOT NULL CHECK (outcome IN ('reached', 'not_reached')),
  failure_reason   text CHECK (failure_reason IN ('no_answer', 'busy', 'powered_off', 'invalid_number', 'declined')),
  rating           text CHECK (rating IN ('satisfied', 'basically', 'unsatisfied')),
  caller_words     text NOT NULL DEFAULT '',
  note             text NOT NULL DEFAULT '',
  operator_id      integer NOT NULL REFERENCES users(id),
  called_at        timestamptz NOT NULL,
  rating_deadline  timestamptz,
  rating_event_id  bigint REFERENCES case_events(id),
  CHECK ((outcome = 'reached') = (rating IS NOT NULL)),
  CHECK ((outcome = 'not_reached') = (failure_reason IS NOT NULL)),
  CHECK ((outcome = 'reached') = (rating_event_id IS NOT NULL))
);
CREATE INDEX follow_up_calls_case_idx ON follow_up_calls (case_id, round, called_at);
CREATE INDEX follow_up_calls_called_at_idx ON follow_up_calls (called_at);
-- A rating event is recorded by at most one call.
CREATE UNIQUE INDEX follow_up_calls_event_idx ON follow_up_calls (rating_event_id) WHERE rating_event_id IS NOT NULL;

-- 有效回访, for assessment and reports: the one definition (docs/followups.md), also in modules/followups/queries.ts.
CREATE VIEW valid_follow_ups AS
  SELECT f.* FROM follow_up_calls f
  WHERE f.outcome = 'reached' AND f.rating_event_id IS NOT NULL AND (f.rating_deadline IS NULL OR f.called_at <= f.rating_deadline);
