-- Issue 16 item 12 (the SLA sweep's speed), ADR 29: what the sweep keeps per assignment (when to look again, the
-- running clock, its yellow instant and deadline, the level reached) moves off `assignments` into a narrow table of
-- its own. The check instant is the sweep's queue and so is indexed: every sweep update of it on `assignments` was a
-- non-HOT update of a wide row with six indexes (~8 WAL records a row; 270 ms for 25,000 rows on PostgreSQL). Here
-- the row is ~90 bytes with two indexes (80 ms for the same rows), and `assignments` is no longer written by sweeps.
--
-- Semantics unchanged (0003_sla.sql): check_at '-infinity' means "recompute" (new row, or something that moves a
-- clock changed); NULL means no clock runs; a sweep reads only rows with check_at <= now.
-- case_id (the assignment's, never changed) lets a sweep part pick its cases (case_id % parts, ADR 28) on this
-- table's own check-instant index, without reading assignments first.
CREATE TABLE assignment_sla (
  assignment_id bigint PRIMARY KEY,
  case_id       bigint NOT NULL,
  check_at      timestamptz,
  clock         text CHECK (clock IN ('sign', 'opinion', 'reply')),
  level         text NOT NULL DEFAULT 'none' CHECK (level IN ('none', 'yellow', 'red')),
  yellow_at     timestamptz,
  deadline      timestamptz
);

INSERT INTO assignment_sla (assignment_id, case_id, check_at, clock, level, yellow_at, deadline)
SELECT id, case_id, sla_check_at, sla_clock, sla_level, sla_yellow_at, sla_deadline FROM assignments ORDER BY id;

CREATE INDEX assignment_sla_check_idx ON assignment_sla (check_at) WHERE check_at IS NOT NULL;

DROP TRIGGER assignments_sla_recheck ON assignments;
DROP FUNCTION sla_assignment_changed();
ALTER TABLE assignments
  DROP COLUMN sla_check_at,
  DROP COLUMN sla_clock,
  DROP COLUMN sla_level,
  DROP COLUMN sla_yellow_at,
  DROP COLUMN sla_deadline;

-- Every assignment has its row, made and removed with it by statement triggers (one set-based statement per
-- writer's statement, whoever the writer). A clock can run only on an open assignment (domain/sla/warnings.ts,
-- runningClock), so only open ones are queued for the next sweep; the others start with no clock.
CREATE FUNCTION assignment_sla_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO assignment_sla (assignment_id, case_id, check_at)
  SELECT n.id, n.case_id, CASE WHEN n.status IN ('pending', 'signed') THEN '-infinity'::timestamptz END FROM yw_new_assignments n;
  RETURN NULL;
END;
$$;

CREATE TRIGGER assignments_sla_insert
  AFTER INSERT ON assignments REFERENCING NEW TABLE AS yw_new_assignments
  FOR EACH STATEMENT EXECUTE FUNCTION assignment_sla_inserted();

CREATE FUNCTION assignment_sla_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM assignment_sla s USING yw_old_assignments o WHERE s.assignment_id = o.id;
  RETURN NULL;
END;
$$;

CREATE TRIGGER assignments_sla_delete
  AFTER DELETE ON assignments REFERENCING OLD TABLE AS yw_old_assignments
  FOR EACH STATEMENT EXECUTE FUNCTION assignment_sla_deleted();

-- A change that moves one of the assignment's clocks asks the next sweep to recompute it (as 0003's BEFORE trigger
-- did on the row itself).
CREATE FUNCTION sla_assignment_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE assignment_sla SET check_at = '-infinity' WHERE assignment_id = NEW.id;
  RETURN NULL;
END;
$$;

CREATE TRIGGER assignments_sla_recheck
  AFTER UPDATE OF status, signed_at, opinion_at, dispatched_at, sign_deadline, opinion_deadline, reply_deadline ON assignments
  FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.signed_at IS DISTINCT FROM NEW.signed_at
     OR OLD.opinion_at IS DISTINCT FROM NEW.opinion_at OR OLD.dispatched_at IS DISTINCT FROM NEW.dispatched_at
     OR OLD.sign_deadline IS DISTINCT FROM NEW.sign_deadline OR OLD.opinion_deadline IS DISTINCT FROM NEW.opinion_deadline
     OR OLD.reply_deadline IS DISTINCT FROM NEW.reply_deadline)
  EXECUTE FUNCTION sla_assignment_changed();

-- The case's change (status, suspension, reply deadline, urgency, category) moves its assignments' clocks.
CREATE OR REPLACE FUNCTION sla_case_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE assignment_sla s SET check_at = '-infinity'
    FROM assignments a
   WHERE a.case_id = NEW.id AND s.assignment_id = a.id AND (s.clock IS NOT NULL OR a.status IN ('pending', 'signed'));
  RETURN NULL;
END;
$$;
