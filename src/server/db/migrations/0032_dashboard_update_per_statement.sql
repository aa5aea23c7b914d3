-- Issue 11 (organisation figures): the dashboard rollup follows updated cases in linear time. A unit merge moves the
-- lead of 10,000 cases in one UPDATE; the row trigger of 0007 then upserted the same (day, department) rollup rows
-- 10,000 times in one transaction, and each upsert walked every earlier version of its row (none can be pruned while
-- the transaction is open): quadratic, measured 9.6 s for 2,000 cases and ~150 s for 10,000.
--
-- Now the row trigger (same columns, same WHEN, so an update that changes none of them costs nothing) only appends
-- the row's keys with -1/+1 to dashboard_case_deltas, a table without indexes that is empty between statements; a
-- statement trigger on the same columns then takes the statement's deltas out and adds each key's sum to the rollup
-- once, in key order as before (two transactions never wait for each other crosswise). AFTER ROW events of a
-- statement fire before its AFTER STATEMENT event. Uncommitted deltas of another transaction are invisible, and
-- every committed statement has already taken its own out, so a statement folds exactly its own rows.
-- (Transition tables were tried: they copy every updated row whole for every UPDATE of cases, a column list is not
-- allowed with them, and the sweep updates tens of thousands of cases a batch.)
CREATE TABLE dashboard_case_deltas (
  measure text NOT NULL,
  day date NOT NULL,
  department_id integer NOT NULL,
  category_id integer NOT NULL,
  district_id integer NOT NULL,
  n integer NOT NULL
);

CREATE OR REPLACE FUNCTION dashboard_case_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO dashboard_case_deltas (measure, day, department_id, category_id, district_id, n)
  SELECT k.*, -1 FROM dashboard_keys(OLD.created_at, OLD.closed_at, OLD.rated_at, OLD.rating, OLD.lead_department_id, OLD.category_id, OLD.district_id) k
  UNION ALL
  SELECT k.*, 1 FROM dashboard_keys(NEW.created_at, NEW.closed_at, NEW.rated_at, NEW.rating, NEW.lead_department_id, NEW.category_id, NEW.district_id) k;
  RETURN NULL;
END;
$$;

CREATE FUNCTION dashboard_case_deltas_fold() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH taken AS (
    DELETE FROM dashboard_case_deltas RETURNING *
  ), delta AS (
    SELECT measure, day, department_id, category_id, district_id, sum(n)::int AS n
      FROM taken GROUP BY 1, 2, 3, 4, 5 HAVING sum(n) <> 0
  ), detail AS (
    INSERT INTO dashboard_daily AS d (day, department_id, category_id, district_id, n)
    SELECT day, department_id, category_id, district_id, n FROM delta WHERE measure = 'received' ORDER BY 1, 2, 3, 4
    ON CONFLICT (day, department_id, category_id, district_id) DO UPDATE SET n = d.n + EXCLUDED.n
  )
  INSERT INTO dashboard_daily_totals AS t (measure, day, department_id, n)
  SELECT measure, day, department_id, sum(n)::int FROM delta GROUP BY 1, 2, 3 HAVING sum(n) <> 0 ORDER BY 1, 2, 3
  ON CONFLICT (measure, day, department_id) DO UPDATE SET n = t.n + EXCLUDED.n;
  RETURN NULL;
END;
$$;

CREATE TRIGGER cases_dashboard_update_fold
  AFTER UPDATE OF created_at, closed_at, rated_at, rating, lead_department_id, category_id, district_id ON cases
  FOR EACH STATEMENT EXECUTE FUNCTION dashboard_case_deltas_fold();
