-- Bulk import (批量导入): saved column mappings, import runs with their position (resumable), per-row problems, and
-- the (source, key) → case index that makes a second import of the same file create nothing new.

CREATE TABLE import_mappings (
  name        text PRIMARY KEY,
  mapping     jsonb NOT NULL,
  updated_at  timestamptz NOT NULL,
  updated_by  integer REFERENCES users(id)
);

-- One row per run of a file. `position` is the last data row committed; a rerun of the same file (same source and
-- content hash) continues after it. Counts are cumulative over the run's resumptions.
CREATE TABLE import_runs (
  id           bigserial PRIMARY KEY,
  source       text NOT NULL,
  file_name    text NOT NULL,
  file_size    bigint NOT NULL,
  file_sha256  text NOT NULL,
  file_path    text,
  format       text NOT NULL,
  encoding     text NOT NULL,
  mapping      jsonb NOT NULL,
  mapping_name text,
  status       text NOT NULL CHECK (status IN ('running', 'interrupted', 'finished', 'failed')),
  position     integer NOT NULL DEFAULT 0,
  read_count     integer NOT NULL DEFAULT 0,
  created_count  integer NOT NULL DEFAULT 0,
  updated_count  integer NOT NULL DEFAULT 0,
  skipped_count  integer NOT NULL DEFAULT 0,
  failed_count   integer NOT NULL DEFAULT 0,
  error_count    integer NOT NULL DEFAULT 0,
  warning_count  integer NOT NULL DEFAULT 0,
  message      text,
  started_by   integer REFERENCES users(id),
  started_at   timestamptz NOT NULL,
  heartbeat_at timestamptz NOT NULL,
  finished_at  timestamptz
);
CREATE INDEX import_runs_started_idx ON import_runs (started_at DESC, id DESC);
CREATE INDEX import_runs_resume_idx ON import_runs (source, file_sha256) WHERE status IN ('running', 'interrupted', 'failed');

-- Problems per row: errors (the row was not imported) and warnings (imported, with something to check). Warnings
-- are capped per run (see docs/import.md) so a file where every row lacks a title does not double its size here.
CREATE TABLE import_run_errors (
  id          bigserial PRIMARY KEY,
  run_id      bigint NOT NULL REFERENCES import_runs(id),
  row_number  integer NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('error', 'warning')),
  message     text NOT NULL,
  record_key  text
);
CREATE INDEX import_run_errors_run_idx ON import_run_errors (run_id, row_number, id);

-- (source, key) → the case it became. key is the source's external id, or 'h:' + a hash of the record's identifying
-- content when the file has no id column. fingerprint covers every imported value: equal → skipped, different →
-- updated. No foreign key to cases: only the importer writes here, in the transaction that writes the case, and the
-- check would cost a lookup per row of million-row imports.
CREATE TABLE import_records (
  source      text NOT NULL,
  record_key  text NOT NULL,
  case_id     bigint NOT NULL,
  fingerprint text NOT NULL,
  run_id      bigint NOT NULL,
  row_number  integer NOT NULL,
  PRIMARY KEY (source, record_key)
);
CREATE INDEX import_records_case_idx ON import_records (case_id);
