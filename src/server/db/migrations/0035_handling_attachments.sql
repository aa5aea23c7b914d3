-- Attachments where staff expect them: a reply, a co-handler's opinion, a town's report, a supervision order's
-- answer, a return or extension request may carry files. Staff upload a file first (one request each, type checked
-- from its bytes like the portal's) against the case they work on; the row waits unlinked (case_id null, swept after a
-- day like a portal upload) until a command's event names it in its payload (`attachments: [{id, visibility}]`).
-- The trigger below links the row to that event inside the cases writer's statement, so the link can never disagree
-- with the hash-chained event that carried it.
ALTER TABLE case_attachments ALTER COLUMN token_hash DROP NOT NULL;
-- submitter: uploaded through the portal with the submission; staff: uploaded by a staff member for a command.
ALTER TABLE case_attachments ADD COLUMN origin text NOT NULL DEFAULT 'submitter' CHECK (origin IN ('submitter', 'staff'));
ALTER TABLE case_attachments ADD COLUMN uploaded_by integer REFERENCES users(id);
-- The case a staff upload was made for: it can only be used on that case.
ALTER TABLE case_attachments ADD COLUMN upload_case_id bigint REFERENCES cases(id);
-- The event that carried the file (a staff upload once used), and who may see it: internal (staff with the case),
-- submitter (also the submitter's tracking page, for a reply), public (also the public board with a published reply).
ALTER TABLE case_attachments ADD COLUMN event_seq integer;
ALTER TABLE case_attachments ADD COLUMN event_type text;
ALTER TABLE case_attachments ADD COLUMN visibility text NOT NULL DEFAULT 'submitter' CHECK (visibility IN ('internal', 'submitter', 'public'));
ALTER TABLE case_attachments ADD CONSTRAINT case_attachments_staff_uploader CHECK (origin = 'submitter' OR (uploaded_by IS NOT NULL AND upload_case_id IS NOT NULL));

CREATE FUNCTION case_attachments_link_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE case_attachments a
     SET case_id = NEW.case_id, event_seq = NEW.seq, event_type = NEW.type, attached_at = NEW.at,
         visibility = COALESCE(x.visibility, 'internal')
    FROM jsonb_to_recordset(NEW.payload -> 'attachments') AS x(id bigint, visibility text)
   WHERE a.id = x.id AND a.origin = 'staff' AND a.upload_case_id = NEW.case_id AND a.event_seq IS NULL;
  RETURN NULL;
END $$;

CREATE TRIGGER case_events_link_attachments AFTER INSERT ON case_events
  FOR EACH ROW WHEN (jsonb_typeof(NEW.payload -> 'attachments') = 'array') EXECUTE FUNCTION case_attachments_link_event();
