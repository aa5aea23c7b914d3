-- Public portal (门户): attachments uploaded before a submission, private tracking links, and the indexes the
-- similar-cases service reads (same phone / credit code / category among open cases).

-- Files are uploaded one by one before the submission and get a token (only its SHA-256 is stored); the submission
-- names its tokens and the rows are linked to the new case. Unlinked uploads expire after a day.
-- Contents live in the database for now (one machine, both engines); object storage later (see docs/portal.md).
CREATE TABLE case_attachments (
  id            bigserial PRIMARY KEY,
  case_id       bigint REFERENCES cases(id),
  token_hash    text NOT NULL UNIQUE,
  file_name     text NOT NULL,
  mime          text NOT NULL,
  size_bytes    integer NOT NULL CHECK (size_bytes > 0 AND size_bytes <= 10485760),
  sha256        text NOT NULL,
  content       bytea NOT NULL,
  uploaded_ip   text,
  uploaded_at   timestamptz NOT NULL,
  attached_at   timestamptz
);
CREATE INDEX case_attachments_case_idx ON case_attachments (case_id, id) WHERE case_id IS NOT NULL;
CREATE INDEX case_attachments_pending_idx ON case_attachments (uploaded_at) WHERE case_id IS NULL;

-- Private tracking links (/p/track/<token>): a random token per link, stored hashed. A case can have several
-- (the submission's, and one per successful lookup by code + phone digits).
CREATE TABLE case_tracking_tokens (
  token_hash    text PRIMARY KEY,
  case_id       bigint NOT NULL REFERENCES cases(id),
  origin        text NOT NULL CHECK (origin IN ('submit', 'lookup')),
  created_at    timestamptz NOT NULL,
  last_used_at  timestamptz
);
CREATE INDEX case_tracking_tokens_case_idx ON case_tracking_tokens (case_id);

-- Similar cases look among open cases only; partial indexes keep these lookups small as closed cases pile up.
CREATE INDEX cases_open_phone_idx ON cases (submitter_phone) WHERE status IN ('submitted', 'dispatched', 'handling', 'replied', 'awaiting_rating');
CREATE INDEX cases_open_enterprise_idx ON cases (enterprise_name) WHERE status IN ('submitted', 'dispatched', 'handling', 'replied', 'awaiting_rating') AND enterprise_name IS NOT NULL;
CREATE INDEX cases_open_credit_code_idx ON cases (enterprise_credit_code) WHERE status IN ('submitted', 'dispatched', 'handling', 'replied', 'awaiting_rating') AND enterprise_credit_code IS NOT NULL;
CREATE INDEX cases_open_category_idx ON cases (category_id, created_at DESC, id DESC) WHERE status IN ('submitted', 'dispatched', 'handling', 'replied', 'awaiting_rating');
CREATE INDEX cases_open_district_idx ON cases (district_id, created_at DESC, id DESC) WHERE status IN ('submitted', 'dispatched', 'handling', 'replied', 'awaiting_rating') AND district_id IS NOT NULL;
CREATE INDEX cases_open_created_idx ON cases (created_at DESC, id DESC) WHERE status IN ('submitted', 'dispatched', 'handling', 'replied', 'awaiting_rating');
