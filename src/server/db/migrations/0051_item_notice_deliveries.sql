-- Item notices by e-mail and text message (docs/items.md): a delivery of the outbox may come from an inbox notice that
-- has no case event (a supervised item's light, order, report), named by notification_id instead of event and case.
ALTER TABLE notification_deliveries ALTER COLUMN event_id DROP NOT NULL;
ALTER TABLE notification_deliveries ALTER COLUMN case_id DROP NOT NULL;
ALTER TABLE notification_deliveries ADD COLUMN notification_id bigint REFERENCES notifications(id);
ALTER TABLE notification_deliveries ADD CONSTRAINT notification_deliveries_source CHECK (event_id IS NOT NULL OR notification_id IS NOT NULL);
