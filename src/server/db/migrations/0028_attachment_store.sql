-- Attachments off the database: the bytes move to the blob store (a folder, or S3-compatible storage) and the row
-- keeps what the file is and where it lies. Rows written before this migration keep their bytes in `content` until
-- `yiwang files migrate` (or the server at start) moves them and clears the column; reads fall back to `content`
-- meanwhile. Every row has its bytes in one place or the other.
ALTER TABLE case_attachments ADD COLUMN storage_key text;
ALTER TABLE case_attachments ALTER COLUMN content DROP NOT NULL;
ALTER TABLE case_attachments ADD CONSTRAINT case_attachments_bytes_somewhere CHECK (storage_key IS NOT NULL OR content IS NOT NULL);
CREATE UNIQUE INDEX case_attachments_storage_key_idx ON case_attachments (storage_key) WHERE storage_key IS NOT NULL;
-- The rows still to move, found without scanning the moved ones.
CREATE INDEX case_attachments_in_db_idx ON case_attachments (id) WHERE content IS NOT NULL;
-- The size limit is the upload route's (10 MB for the public portal); other kinds of attachment may allow more.
ALTER TABLE case_attachments DROP CONSTRAINT case_attachments_size_bytes_check;
ALTER TABLE case_attachments ADD CONSTRAINT case_attachments_size_positive CHECK (size_bytes > 0);
