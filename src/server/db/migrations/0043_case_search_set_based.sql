-- The search row of a new case (0034) computed in one plan per inserting statement (ADR 18, docs/search.md). 0034's
-- yw_case_terms was a SQL function calling yw_search_grams three times; neither can be inlined (sub-selects), so every
-- call of the inner function was parsed and planned again, per case: ~0.3 ms of a bulk insert's ~0.08 ms per case went
-- there (the 1M-case bench setup 78 s → 428 s). The lexemes are now a set-returning SQL function of one SELECT, which
-- the planner inlines into the calling statement: the insert trigger computes every new row's terms in one plan
-- (no function call per case), and yw_case_terms / yw_search_grams are one-line wrappers of the same text, so the
-- single-row update trigger and the bench's checks keep exactly the same lexemes.

-- Pairs of adjacent Chinese characters and latin/digit runs of a text, each with the prefix (0034's yw_search_grams).
CREATE FUNCTION yw_search_gram_rows(prefix text, t text) RETURNS SETOF text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT prefix || substr(r[1], i, 2)
    FROM regexp_matches(lower(normalize(coalesce(t, ''), NFKC)), '[一-鿿]{2,}', 'g') AS r,
      generate_series(1, char_length(r[1]) - 1) AS i
  UNION ALL
  SELECT prefix || r[1] FROM regexp_matches(lower(normalize(coalesce(t, ''), NFKC)), '[a-z0-9]{2,}', 'g') AS r
$$;

-- Every lexeme of a case's search row (0034's yw_case_terms before array_to_tsvector, NULLs left out).
CREATE FUNCTION yw_case_term_rows(code text, title text, description text, name text, phone text, ent text, credit text,
  district integer, category integer, channel text, case_type text, created timestamptz) RETURNS SETOF text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT g FROM yw_search_gram_rows('', title || ' ' || description) AS g
  UNION ALL SELECT g FROM yw_search_gram_rows('n:', name) AS g
  UNION ALL SELECT g FROM yw_search_gram_rows('e:', ent) AS g
  UNION ALL SELECT 'c:' || substr(upper(code), i) FROM generate_series(1, char_length(code) - 2) AS i
  UNION ALL SELECT x FROM unnest(ARRAY[
        'n:' || nullif(lower(normalize(btrim(coalesce(name, '')), NFKC)), ''),
        'cc:' || nullif(upper(btrim(coalesce(credit, ''))), ''),
        'p:' || nullif(regexp_replace(coalesce(phone, ''), '\D', '', 'g'), ''),
        'p4:' || CASE WHEN char_length(regexp_replace(coalesce(phone, ''), '\D', '', 'g')) >= 4
          THEN right(regexp_replace(phone, '\D', '', 'g'), 4) END,
        'd:' || district, 'k:' || category, 'h:' || channel, 't:' || case_type, 'w:' || yw_board_week(created)
      ]) AS x WHERE x IS NOT NULL
$$;

CREATE OR REPLACE FUNCTION yw_search_grams(prefix text, t text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(g), '{}') FROM yw_search_gram_rows(prefix, t) AS g
$$;

CREATE OR REPLACE FUNCTION yw_case_terms(code text, title text, description text, name text, phone text, ent text, credit text,
  district integer, category integer, channel text, case_type text, created timestamptz) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT array_to_tsvector(ARRAY(SELECT t FROM yw_case_term_rows(code, title, description, name, phone, ent, credit, district, category,
    channel, case_type, created) AS t))
$$;

-- Same trigger (statement level, transition table), its rows' terms now in the statement's own plan. jit off: the
-- planner's row estimates for regexp_matches and generate_series (10 and 1,000 per call) make a 5,000-case insert look
-- costly enough to JIT-compile, which took ~2 s before the first row (auto_explain). The new rows' GIN entries go to
-- the index's pending list, which may grow over the whole statement, and are merged once at its end
-- (gin_clean_pending_list, which needs the index's owner: the app's own role, which migrates): one sorted merge of the
-- batch's entries instead of a tree descent per lexeme per case (server CPU of a 50,000-row import 14.6 → 10.6 s), and
-- no pending list left behind for searches to scan.
CREATE OR REPLACE FUNCTION yw_case_search_insert() RETURNS trigger LANGUAGE plpgsql SET jit = off SET gin_pending_list_limit = '256MB' AS $$
BEGIN
  INSERT INTO case_search (case_id, created_at, terms)
  SELECT n.id, n.created_at, array_to_tsvector(ARRAY(SELECT t FROM yw_case_term_rows(n.code, n.title, n.description, n.submitter_name,
    n.submitter_phone, n.enterprise_name, n.enterprise_credit_code, n.district_id, n.category_id, n.channel, n.case_type, n.created_at) AS t))
  FROM yw_search_new_cases n;
  PERFORM gin_clean_pending_list('case_search_terms_idx'::regclass);
  RETURN NULL;
END
$$;


-- With a pending list (0034 kept none: nothing emptied it without autovacuum, and PGlite has none). The insert trigger
-- empties it after each statement; the single-row update trigger keeps it small (64 kB, a few pages for a search to
-- read): its writer merges it when fuller. No gin_pending_list_limit on the index: it would override the functions'.
ALTER INDEX case_search_terms_idx SET (fastupdate = on);
ALTER FUNCTION yw_case_search_update() SET gin_pending_list_limit = 64;
