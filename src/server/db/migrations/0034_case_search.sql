-- Staff search (查询, docs/search.md): one row per case holding every searchable piece as lexemes of one tsvector with
-- one GIN index, so a search for words, a phone, a name, an enterprise or a code fragment, with the filters that rarely
-- change, is one index scan. Kept by triggers on cases (like the dashboard rollups and the publication rows), so every
-- writer of cases (the desk, the portal, Open311, the import, the demo) is covered without a second write path. The
-- row is written once per case and rewritten only when a searched column changes, never on a status change: a GIN
-- entry per word is too much to rewrite at every step of the lifecycle.
--
-- array_to_tsvector drops repeated lexemes. Lexemes (prefixes keep the kinds apart; a bare lexeme is a piece of the text):
--   xy         every pair of adjacent Chinese characters of the title and description, and every latin/digit run:
--              a query word cut by jieba is found when all its pairs are present, whichever way jieba would have cut
--              the stored text (pg_trgm cannot index two-character words; storage-measurements.md)
--   n:xy n:全名  pairs and the whole submitter name          e:xy e:abc  pairs and runs of the enterprise name
--   cc:代码     the credit code                             c:后缀      every suffix (3+ characters) of the tracking code:
--                                                                       a fragment is a prefix query 'c:FRAG':*
--   p:号码 p4:后四位  the phone's digits, whole and last four
--   d:区 k:类别 h:渠道 t:类型  filters that change rarely, so a text query with one of them is one GIN scan
--   w:周      the Beijing week of registration (as the board's yw_board_week): a search asks the index for the newest
--              weeks first and fetches about a page of rows instead of every match of a common word

CREATE FUNCTION yw_search_grams(prefix text, t text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(prefix || g), '{}') FROM (
    SELECT substr(r[1], i, 2) AS g
      FROM regexp_matches(lower(normalize(coalesce(t, ''), NFKC)), '[一-鿿]{2,}', 'g') AS r,
        generate_series(1, char_length(r[1]) - 1) AS i
    UNION ALL
    SELECT r[1] FROM regexp_matches(lower(normalize(coalesce(t, ''), NFKC)), '[a-z0-9]{2,}', 'g') AS r
  ) x
$$;

CREATE FUNCTION yw_case_terms(code text, title text, description text, name text, phone text, ent text, credit text,
  district integer, category integer, channel text, case_type text, created timestamptz) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT array_to_tsvector(array_remove(
      yw_search_grams('', title || ' ' || description)
      || yw_search_grams('n:', name)
      || yw_search_grams('e:', ent)
      || ARRAY(SELECT 'c:' || substr(upper(code), i) FROM generate_series(1, char_length(code) - 2) AS i)
      || ARRAY[
        'n:' || nullif(lower(normalize(btrim(coalesce(name, '')), NFKC)), ''),
        'cc:' || nullif(upper(btrim(coalesce(credit, ''))), ''),
        'p:' || nullif(regexp_replace(coalesce(phone, ''), '\D', '', 'g'), ''),
        'p4:' || CASE WHEN char_length(regexp_replace(coalesce(phone, ''), '\D', '', 'g')) >= 4
          THEN right(regexp_replace(phone, '\D', '', 'g'), 4) END,
        'd:' || district, 'k:' || category, 'h:' || channel, 't:' || case_type, 'w:' || yw_board_week(created)
      ], NULL))
$$;

CREATE TABLE case_search (
  case_id    bigint PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  terms      tsvector NOT NULL
);

INSERT INTO case_search (case_id, created_at, terms)
SELECT id, created_at, yw_case_terms(code, title, description, submitter_name, submitter_phone, enterprise_name, enterprise_credit_code,
  district_id, category_id, channel, case_type, created_at)
FROM cases;

-- fastupdate off: no pending list, which every search would scan and which only vacuum empties (PGlite has no
-- autovacuum); a row is written once, searched often.
CREATE INDEX case_search_terms_idx ON case_search USING gin (terms) WITH (fastupdate = off);
-- Newest first: a search for a common word walks this and tests each row instead of fetching every match.
CREATE INDEX case_search_created_idx ON case_search (created_at DESC, case_id DESC);

CREATE FUNCTION yw_case_search_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO case_search (case_id, created_at, terms)
  SELECT n.id, n.created_at, yw_case_terms(n.code, n.title, n.description, n.submitter_name, n.submitter_phone, n.enterprise_name,
    n.enterprise_credit_code, n.district_id, n.category_id, n.channel, n.case_type, n.created_at)
  FROM yw_search_new_cases n;
  RETURN NULL;
END
$$;

CREATE TRIGGER cases_search_insert AFTER INSERT ON cases REFERENCING NEW TABLE AS yw_search_new_cases
  FOR EACH STATEMENT EXECUTE FUNCTION yw_case_search_insert();

CREATE FUNCTION yw_case_search_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE case_search SET created_at = NEW.created_at,
    terms = yw_case_terms(NEW.code, NEW.title, NEW.description, NEW.submitter_name, NEW.submitter_phone, NEW.enterprise_name,
      NEW.enterprise_credit_code, NEW.district_id, NEW.category_id, NEW.channel, NEW.case_type, NEW.created_at)
  WHERE case_id = NEW.id;
  RETURN NULL;
END
$$;

CREATE TRIGGER cases_search_update AFTER UPDATE OF code, title, description, submitter_name, submitter_phone, enterprise_name,
  enterprise_credit_code, district_id, category_id, channel, case_type, created_at ON cases FOR EACH ROW
  WHEN (OLD.code IS DISTINCT FROM NEW.code OR OLD.title IS DISTINCT FROM NEW.title OR OLD.description IS DISTINCT FROM NEW.description
    OR OLD.submitter_name IS DISTINCT FROM NEW.submitter_name OR OLD.submitter_phone IS DISTINCT FROM NEW.submitter_phone
    OR OLD.enterprise_name IS DISTINCT FROM NEW.enterprise_name OR OLD.enterprise_credit_code IS DISTINCT FROM NEW.enterprise_credit_code
    OR OLD.district_id IS DISTINCT FROM NEW.district_id OR OLD.category_id IS DISTINCT FROM NEW.category_id
    OR OLD.channel IS DISTINCT FROM NEW.channel OR OLD.case_type IS DISTINCT FROM NEW.case_type OR OLD.created_at IS DISTINCT FROM NEW.created_at)
  EXECUTE FUNCTION yw_case_search_update();
