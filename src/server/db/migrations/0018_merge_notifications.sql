-- Shipped as a migration what was once an edit to 0014 (restored): merges notify both submitters. A database that
-- applied the first text of 0014 has the trigger without the merge types; one from the edited text has it already.
-- Recreating it gives both the same trigger.
DROP TRIGGER IF EXISTS case_events_notification_outbox ON case_events;
CREATE TRIGGER case_events_notification_outbox
  AFTER INSERT ON case_events
  FOR EACH ROW
  WHEN (NEW.type IN (
    'case.dispatched', 'case.redone', 'case.return_approved', 'case.warned', 'case.urged', 'case.order_issued',
    'case.order_raised', 'case.escalated', 'case.return_requested', 'case.extension_requested', 'case.replied',
    'case.order_answered', 'case.instructed', 'case.rated',
    'case.sub_dispatched', 'case.sub_replied', 'case.called_in', 'case.merged', 'case.merge_received'))
  EXECUTE FUNCTION yw_enqueue_notification();
