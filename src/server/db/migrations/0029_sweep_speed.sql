-- Issue 16 item 12 (the SLA sweep's speed): the notification outbox is filled once per statement instead of once per
-- event row. A sweep appends tens of thousands of case.warned / case.urged / case.escalated events in one INSERT; the
-- row trigger ran a PL/pgSQL call, an insert and a pg_notify per event (measured: ~30% of that INSERT's time).
-- Same rows in the outbox, in the same transaction, in event id order; one notification per statement.
--
-- The notifiable types are the list of 0018. A later migration that adds a type replaces this function (or
-- recreates the trigger under the same name, which drops this one: DROP TRIGGER … case_events_notification_outbox).
CREATE FUNCTION yw_enqueue_notifications() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO notification_outbox (event_id)
  SELECT e.id FROM yw_new_case_events e
   WHERE e.type IN (
    'case.dispatched', 'case.redone', 'case.return_approved', 'case.warned', 'case.urged', 'case.order_issued',
    'case.order_raised', 'case.escalated', 'case.return_requested', 'case.extension_requested', 'case.replied',
    'case.order_answered', 'case.instructed', 'case.rated',
    'case.sub_dispatched', 'case.sub_replied', 'case.called_in', 'case.merged', 'case.merge_received')
   ORDER BY e.id;
  IF FOUND THEN
    PERFORM pg_notify('yw_notification_outbox', '');
  END IF;
  RETURN NULL;
END;
$$;

DROP TRIGGER IF EXISTS case_events_notification_outbox ON case_events;
CREATE TRIGGER case_events_notification_outbox
  AFTER INSERT ON case_events
  REFERENCING NEW TABLE AS yw_new_case_events
  FOR EACH STATEMENT
  EXECUTE FUNCTION yw_enqueue_notifications();
