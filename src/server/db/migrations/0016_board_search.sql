-- Board search by recency (docs/publication.md, Search). A search for a rarer word asks the GIN index for the matches
-- of the newest weeks first, so it fetches only about a page of rows instead of every match of the word. The week of
-- a publication is indexed beside its words: a GIN index over two columns answers both conditions in one index scan,
-- before any row is read.

-- Beijing week number of a time: weeks since 1970-01-01 00:00 +08, whole weeks of 604,800 s. Immutable although
-- extract() on timestamptz is only stable: the epoch of an instant does not depend on the session's time zone.
CREATE FUNCTION yw_board_week(t timestamptz) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT floor((extract(epoch FROM t) + 28800) / 604800)::integer
$$;

-- Replaces the GIN index of 0008 (words only). fastupdate off: no pending list, which every search would scan and
-- which only vacuum empties (PGlite has no autovacuum); a publication is written a few times, read very often.
DROP INDEX case_publications_search_idx;
CREATE INDEX case_publications_search_idx ON case_publications USING gin (search_vector, (ARRAY[yw_board_week(case_created_at)]))
  WITH (fastupdate = off) WHERE status = 'approved';

-- The public case page (docs/publication.md, Public endpoints) in one call: the approved publication, the case facts
-- the page shows, the assignments, and only the events of the given types with only the given payload keys
-- ({"case.dispatched": ["leadDepartmentId"], …}); the allow-lists are the presenter's, passed by the caller. PL/pgSQL
-- so that each connection plans the statement once: planning it took longer than running it.
CREATE FUNCTION yw_board_case(case_code text, event_types text[], payload_keys jsonb)
RETURNS TABLE (case_id bigint, public_title text, public_description text, public_reply text, reply_source_at timestamptz,
  public_name text, code text, round integer, lead_department_id integer, category_id integer, district_id integer,
  status text, created_at timestamptz, accepted_at timestamptz, closed_at timestamptz, reply_approved_at timestamptz,
  reply_text text, rating text, is_name_public boolean, assignments_json json, events_json json)
LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  SELECT p.case_id, p.public_title, p.public_description, p.public_reply, p.reply_source_at, p.public_name,
    c.code, c.round, c.lead_department_id, c.category_id, c.district_id, c.status, c.created_at, c.accepted_at, c.closed_at,
    c.reply_approved_at, c.reply_text, c.rating, c.is_name_public,
    coalesce((SELECT json_agg(json_build_object('id', a.id, 'department_id', a.department_id, 'role', a.role, 'round', a.round,
        'status', a.status) ORDER BY a.id)
      FROM assignments a WHERE a.case_id = c.id), '[]'::json),
    coalesce((SELECT json_agg(json_build_object('type', e.type, 'at', e.at, 'actor_department_id', e.actor_department_id,
        'payload', coalesce((SELECT jsonb_object_agg(k.key, e.payload -> k.key) FROM jsonb_array_elements_text(payload_keys -> e.type) AS k(key)),
          '{}'::jsonb)) ORDER BY e.seq)
      FROM case_events e WHERE e.case_id = c.id AND e.type = ANY(event_types)), '[]'::json)
  FROM cases c JOIN case_publications p ON p.case_id = c.id
  WHERE c.code = case_code AND p.status = 'approved';
END
$$;
