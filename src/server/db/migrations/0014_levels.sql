-- Levels (二级派单): an assignment dispatched on from another department's assignment (city → district → town).
ALTER TABLE assignments ADD COLUMN parent_assignment_id bigint REFERENCES assignments(id);
CREATE INDEX assignments_parent_idx ON assignments (parent_assignment_id) WHERE parent_assignment_id IS NOT NULL;

-- Sub-dispatch, the towns' reports and call-ins notify the departments concerned.
DROP TRIGGER case_events_notification_outbox ON case_events;
CREATE TRIGGER case_events_notification_outbox
  AFTER INSERT ON case_events
  FOR EACH ROW
  WHEN (NEW.type IN (
    'case.dispatched', 'case.redone', 'case.return_approved', 'case.warned', 'case.urged', 'case.order_issued',
    'case.order_raised', 'case.escalated', 'case.return_requested', 'case.extension_requested', 'case.replied',
    'case.order_answered', 'case.instructed', 'case.rated',
    'case.sub_dispatched', 'case.sub_replied', 'case.called_in'))
  EXECUTE FUNCTION yw_enqueue_notification();
