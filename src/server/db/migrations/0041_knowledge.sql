-- 知识库 (docs/knowledge.md): entries with every edit a version, approved by the owner unit; the approved version is
-- what the desk and the portal search. Direct answers (直接答复) are case events (case.answered_directly); the uses
-- table counts them beside the portal's "这解答了我的问题".
--
-- Search: the same segmentation as the staff search (0034): the stored side is every pair of adjacent Chinese
-- characters and every latin/digit run (yw_search_grams), the query is cut by jieba and a word matches when all its
-- pairs are present. Two vectors: `terms` (question, keywords, answer, basis) carries the GIN index; `head_terms`
-- (question and keywords) only ranks, so a word in the question weighs more than one in the answer.

CREATE TABLE knowledge_entries (
  id                 bigserial PRIMARY KEY,
  owner_unit_id      integer NOT NULL REFERENCES departments(id),
  latest_version     integer NOT NULL,
  -- The approved version searched and offered; null until the first approval.
  published_version  integer,
  question           text NOT NULL,
  answer             text NOT NULL,
  basis_title        text NOT NULL DEFAULT '',
  basis_number       text,
  valid_from         text NOT NULL CHECK (valid_from ~ '^\d{4}-\d{2}-\d{2}$'),
  valid_to           text CHECK (valid_to ~ '^\d{4}-\d{2}-\d{2}$'),
  visibility         text NOT NULL CHECK (visibility IN ('public', 'internal')),
  keywords           text[] NOT NULL DEFAULT '{}',
  terms              tsvector NOT NULL DEFAULT ''::tsvector,
  head_terms         tsvector NOT NULL DEFAULT ''::tsvector,
  -- The document number of the policy that replaced this entry's basis (an approved entry declared it), or null.
  basis_replaced_by  text,
  -- Flagged to the owner unit (the sweep): past validity or basis replaced; cleared by a new approved version.
  flag               text CHECK (flag IN ('expired', 'replaced')),
  flagged_at         timestamptz,
  source             text NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'import', 'case')),
  source_case_id     bigint,
  import_key         text UNIQUE,
  answered_count     integer NOT NULL DEFAULT 0,
  helpful_count      integer NOT NULL DEFAULT 0,
  created_at         timestamptz NOT NULL,
  updated_at         timestamptz NOT NULL
);

CREATE INDEX knowledge_entries_terms_idx ON knowledge_entries USING gin (terms) WITH (fastupdate = off);
CREATE INDEX knowledge_entries_owner_idx ON knowledge_entries (owner_unit_id, updated_at DESC);
CREATE INDEX knowledge_entries_basis_idx ON knowledge_entries (basis_number) WHERE basis_number IS NOT NULL;
CREATE INDEX knowledge_entries_updated_idx ON knowledge_entries (updated_at DESC, id DESC);

CREATE TABLE knowledge_versions (
  entry_id              bigint NOT NULL REFERENCES knowledge_entries(id),
  version               integer NOT NULL,
  status                text NOT NULL CHECK (status IN ('draft', 'approved', 'superseded')),
  question              text NOT NULL,
  answer                text NOT NULL,
  basis_title           text NOT NULL DEFAULT '',
  basis_number          text,
  -- This version's policy replaces that document number: entries citing it are flagged as replaced.
  replaces_basis_number text,
  owner_unit_id         integer NOT NULL REFERENCES departments(id),
  valid_from            text NOT NULL CHECK (valid_from ~ '^\d{4}-\d{2}-\d{2}$'),
  valid_to              text CHECK (valid_to ~ '^\d{4}-\d{2}-\d{2}$'),
  visibility            text NOT NULL CHECK (visibility IN ('public', 'internal')),
  keywords              text[] NOT NULL DEFAULT '{}',
  note                  text NOT NULL DEFAULT '',
  edited_by             integer REFERENCES users(id),
  edited_at             timestamptz NOT NULL,
  approved_by           integer REFERENCES users(id),
  approved_at           timestamptz,
  PRIMARY KEY (entry_id, version)
);

-- 直接答复 at the desk (kind desk, with its case) and "这解答了我的问题" on the portal (kind portal): counted per day.
CREATE TABLE knowledge_uses (
  id        bigserial PRIMARY KEY,
  entry_id  bigint NOT NULL REFERENCES knowledge_entries(id),
  version   integer NOT NULL,
  kind      text NOT NULL CHECK (kind IN ('desk', 'portal')),
  case_id   bigint UNIQUE REFERENCES cases(id),
  at        timestamptz NOT NULL
);
CREATE INDEX knowledge_uses_at_idx ON knowledge_uses (at, kind);

CREATE FUNCTION yw_knowledge_terms(question text, keywords text[], answer text, basis_title text, basis_number text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT array_to_tsvector(yw_search_grams('', question || ' ' || array_to_string(keywords, ' ') || ' ' || answer || ' '
    || basis_title || ' ' || coalesce(basis_number, '')))
$$;

CREATE FUNCTION yw_knowledge_head_terms(question text, keywords text[]) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT array_to_tsvector(yw_search_grams('', question || ' ' || array_to_string(keywords, ' ')))
$$;

-- The vectors follow the row's published text, whoever writes it (the editor, the import, the benchmark's loader).
CREATE FUNCTION yw_knowledge_entry_terms() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' OR NEW.question IS DISTINCT FROM OLD.question OR NEW.answer IS DISTINCT FROM OLD.answer
    OR NEW.keywords IS DISTINCT FROM OLD.keywords OR NEW.basis_title IS DISTINCT FROM OLD.basis_title
    OR NEW.basis_number IS DISTINCT FROM OLD.basis_number THEN
    NEW.terms := yw_knowledge_terms(NEW.question, NEW.keywords, NEW.answer, NEW.basis_title, NEW.basis_number);
    NEW.head_terms := yw_knowledge_head_terms(NEW.question, NEW.keywords);
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER knowledge_entries_terms BEFORE INSERT OR UPDATE ON knowledge_entries
  FOR EACH ROW EXECUTE FUNCTION yw_knowledge_entry_terms();
