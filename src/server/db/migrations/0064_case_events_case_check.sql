-- Issue 16 item 12 (the SLA sweep's speed), ADR 28: the events' reference to their case is checked once per
-- statement instead of once per row. The foreign key ran an SPI query and took a key-share lock per event: ~9 µs a
-- row, a quarter of a sweep's events insert (35,000 events a batch). Cases are never deleted (no code path does,
-- and the trigger below refuses it), so the lock the key took against a concurrent delete guarded nothing.
--
-- The guarantee stays in the database: an insert or an update of case_events that names a case that does not exist
-- fails with the foreign key's SQLSTATE (23503) and message, checked with one anti-join over the statement's rows.
ALTER TABLE case_events DROP CONSTRAINT case_events_case_id_fkey;

CREATE FUNCTION case_events_case_exists() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  missing bigint;
BEGIN
  SELECT e.case_id INTO missing
    FROM yw_checked_case_events e
   WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = e.case_id)
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'insert or update on table "case_events" violates foreign key constraint "case_events_case_id_fkey"'
      USING ERRCODE = 'foreign_key_violation', DETAIL = format('Key (case_id)=(%s) is not present in table "cases".', missing);
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER case_events_case_exists_insert
  AFTER INSERT ON case_events REFERENCING NEW TABLE AS yw_checked_case_events
  FOR EACH STATEMENT EXECUTE FUNCTION case_events_case_exists();
CREATE TRIGGER case_events_case_exists_update
  AFTER UPDATE ON case_events REFERENCING NEW TABLE AS yw_checked_case_events
  FOR EACH STATEMENT EXECUTE FUNCTION case_events_case_exists();

CREATE FUNCTION cases_never_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'cases are never deleted (their events refer to them)' USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER cases_no_delete BEFORE DELETE ON cases FOR EACH STATEMENT EXECUTE FUNCTION cases_never_deleted();
