-- Dashboards (issue 6): a per-day rollup of case counts kept in the same transaction as every case write, and the
-- indexes the drill-down lists and the overdue heatmap read. Raw GROUP BYs over 10M cases take seconds; the rollup
-- keeps every chart a scan of a few thousand rows. Days are Beijing calendar days (UTC+8, no DST), computed without
-- the session time zone so the rollup does not depend on who writes.

-- dashboard_daily_totals: one row per measure × Beijing day × current lead department. A case contributes
--   received    on the day of created_at,
--   closed      on the day of closed_at (when closed),
--   satisfied / basically / unsatisfied   on the day of rated_at with its current rating (when rated).
-- dashboard_daily: received only, per day × lead department × category × district (top categories and districts).
-- department_id / district_id 0 = none (not yet dispatched / no district). Rows whose count falls to 0 stay (harmless).
-- The count is INCLUDEd in the keys so sums are index-only scans; old days' pages are all-visible after a vacuum.
CREATE TABLE dashboard_daily_totals (
  measure        text NOT NULL CHECK (measure IN ('received', 'closed', 'satisfied', 'basically', 'unsatisfied')),
  day            date NOT NULL,
  department_id  integer NOT NULL,
  n              integer NOT NULL,
  PRIMARY KEY (measure, day, department_id) INCLUDE (n)
);
CREATE INDEX dashboard_daily_totals_department_idx ON dashboard_daily_totals (department_id, measure, day) INCLUDE (n);

CREATE TABLE dashboard_daily (
  day            date NOT NULL,
  department_id  integer NOT NULL,
  category_id    integer NOT NULL,
  district_id    integer NOT NULL,
  n              integer NOT NULL,
  PRIMARY KEY (day, department_id, category_id, district_id) INCLUDE (n)
);
CREATE INDEX dashboard_daily_department_idx ON dashboard_daily (department_id, day) INCLUDE (category_id, district_id, n);

CREATE FUNCTION dashboard_day(at timestamptz) RETURNS date LANGUAGE sql IMMUTABLE AS $$
  SELECT ((at AT TIME ZONE 'UTC') + interval '8 hours')::date
$$;

-- The rollup keys one case row contributes to.
CREATE FUNCTION dashboard_keys(created_at timestamptz, closed_at timestamptz, rated_at timestamptz, rating text,
                               lead integer, category integer, district integer)
RETURNS TABLE (measure text, day date, department_id integer, category_id integer, district_id integer)
LANGUAGE sql IMMUTABLE AS $$
  SELECT x.m, dashboard_day(x.at), coalesce(lead, 0), category, coalesce(district, 0)
    FROM (VALUES ('received', created_at), ('closed', closed_at), (rating, CASE WHEN rating IS NULL THEN NULL ELSE rated_at END)) AS x(m, at)
   WHERE x.at IS NOT NULL
$$;

-- Inserts: one statement-level trigger, so a bulk insert (import, demo) adds each key once with its count.
CREATE FUNCTION dashboard_cases_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH delta AS (
    SELECT k.measure, k.day, k.department_id, k.category_id, k.district_id, count(*)::int AS n
      FROM dashboard_new_cases c,
           LATERAL dashboard_keys(c.created_at, c.closed_at, c.rated_at, c.rating, c.lead_department_id, c.category_id, c.district_id) k
     GROUP BY 1, 2, 3, 4, 5
  ), detail AS (
    INSERT INTO dashboard_daily AS d (day, department_id, category_id, district_id, n)
    SELECT day, department_id, category_id, district_id, n FROM delta WHERE measure = 'received' ORDER BY 1, 2, 3, 4
    ON CONFLICT (day, department_id, category_id, district_id) DO UPDATE SET n = d.n + EXCLUDED.n
  )
  INSERT INTO dashboard_daily_totals AS t (measure, day, department_id, n)
  SELECT measure, day, department_id, sum(n)::int FROM delta GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (measure, day, department_id) DO UPDATE SET n = t.n + EXCLUDED.n;
  RETURN NULL;
END;
$$;

CREATE TRIGGER cases_dashboard_insert
  AFTER INSERT ON cases REFERENCING NEW TABLE AS dashboard_new_cases
  FOR EACH STATEMENT EXECUTE FUNCTION dashboard_cases_inserted();

-- Updates: per row, only when a column the rollup reads changed; the old keys lose one, the new keys gain one
-- (keys in a fixed order so two transactions never wait for each other crosswise).
CREATE FUNCTION dashboard_case_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH delta AS (
    SELECT measure, day, department_id, category_id, district_id, sum(x.delta)::int AS n
      FROM (SELECT k.*, -1 AS delta FROM dashboard_keys(OLD.created_at, OLD.closed_at, OLD.rated_at, OLD.rating, OLD.lead_department_id, OLD.category_id, OLD.district_id) k
            UNION ALL
            SELECT k.*, 1 FROM dashboard_keys(NEW.created_at, NEW.closed_at, NEW.rated_at, NEW.rating, NEW.lead_department_id, NEW.category_id, NEW.district_id) k) x
     GROUP BY 1, 2, 3, 4, 5
    HAVING sum(x.delta) <> 0
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

CREATE TRIGGER cases_dashboard_update
  AFTER UPDATE OF created_at, closed_at, rated_at, rating, lead_department_id, category_id, district_id ON cases
  FOR EACH ROW
  WHEN (OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.closed_at IS DISTINCT FROM NEW.closed_at
     OR OLD.rated_at IS DISTINCT FROM NEW.rated_at OR OLD.rating IS DISTINCT FROM NEW.rating
     OR OLD.lead_department_id IS DISTINCT FROM NEW.lead_department_id OR OLD.category_id IS DISTINCT FROM NEW.category_id
     OR OLD.district_id IS DISTINCT FROM NEW.district_id)
  EXECUTE FUNCTION dashboard_case_updated();

-- Cases already in the database (in key order, so a day's rows sit together on disk).
INSERT INTO dashboard_daily (day, department_id, category_id, district_id, n)
SELECT dashboard_day(created_at), coalesce(lead_department_id, 0), category_id, coalesce(district_id, 0), count(*)::int
  FROM cases GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4;
INSERT INTO dashboard_daily_totals (measure, day, department_id, n)
SELECT k.measure, k.day, k.department_id, count(*)::int
  FROM cases c,
       LATERAL dashboard_keys(c.created_at, c.closed_at, c.rated_at, c.rating, c.lead_department_id, c.category_id, c.district_id) k
 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;

-- Drill-down lists walk the measure's timestamp newest first and stop at a page; closed and rated need their own.
CREATE INDEX cases_dashboard_closed_idx ON cases (closed_at DESC, id DESC) WHERE closed_at IS NOT NULL;
CREATE INDEX cases_dashboard_rated_idx ON cases (rated_at DESC, id DESC) WHERE rated_at IS NOT NULL;
-- A department's own page lists its cases by registration time.
CREATE INDEX cases_dashboard_lead_created_idx ON cases (lead_department_id, created_at DESC, id DESC);

-- Overdue: the SLA sweep's red crossings (insert-only rows, one per assignment × clock), placed by their deadline.
-- A case counts once per department and week, per department and month, and city-wide (department 0) per week and
-- month, however many of its clocks went red: dashboard_overdue_seen remembers which case was counted where, and
-- dashboard_overdue_counts holds the counts, both kept by a statement trigger in the sweep's own transaction
-- (distinct counts are not additive across days, so they cannot come from a per-day rollup).
CREATE TABLE dashboard_overdue_seen (
  kind           text NOT NULL CHECK (kind IN ('week', 'month')),
  period         date NOT NULL,
  department_id  integer NOT NULL,
  case_id        bigint NOT NULL,
  PRIMARY KEY (kind, period, department_id, case_id)
);

CREATE TABLE dashboard_overdue_counts (
  kind           text NOT NULL CHECK (kind IN ('week', 'month')),
  period         date NOT NULL,
  department_id  integer NOT NULL,
  n              integer NOT NULL,
  PRIMARY KEY (kind, period, department_id) INCLUDE (n)
);

-- Monday of a day's ISO week; first day of its month.
CREATE FUNCTION dashboard_week(d date) RETURNS date LANGUAGE sql IMMUTABLE AS $$
  SELECT d - (extract(isodow FROM d)::int - 1)
$$;

CREATE FUNCTION dashboard_month(d date) RETURNS date LANGUAGE sql IMMUTABLE AS $$
  SELECT make_date(extract(year FROM d)::int, extract(month FROM d)::int, 1)
$$;

CREATE FUNCTION dashboard_overdue_keys(deadline timestamptz, department integer)
RETURNS TABLE (kind text, period date, department_id integer)
LANGUAGE sql IMMUTABLE AS $$
  SELECT k, p, d
    FROM (VALUES ('week', dashboard_week(dashboard_day(deadline))), ('month', dashboard_month(dashboard_day(deadline)))) AS x(k, p),
         (VALUES (department), (0)) AS y(d)
$$;

CREATE FUNCTION dashboard_crossings_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH seen AS (
    INSERT INTO dashboard_overdue_seen (kind, period, department_id, case_id)
    SELECT DISTINCT k.kind, k.period, k.department_id, x.case_id
      FROM dashboard_new_crossings x, LATERAL dashboard_overdue_keys(x.deadline, x.department_id) k
     WHERE x.level = 'red'
     ORDER BY 1, 2, 3, 4
    ON CONFLICT DO NOTHING
    RETURNING kind, period, department_id
  )
  INSERT INTO dashboard_overdue_counts AS t (kind, period, department_id, n)
  SELECT kind, period, department_id, count(*)::int FROM seen GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (kind, period, department_id) DO UPDATE SET n = t.n + EXCLUDED.n;
  RETURN NULL;
END;
$$;

CREATE TRIGGER sla_crossings_dashboard_insert
  AFTER INSERT ON sla_crossings REFERENCING NEW TABLE AS dashboard_new_crossings
  FOR EACH STATEMENT EXECUTE FUNCTION dashboard_crossings_inserted();

-- Crossings already in the database.
INSERT INTO dashboard_overdue_seen (kind, period, department_id, case_id)
SELECT DISTINCT k.kind, k.period, k.department_id, x.case_id
  FROM sla_crossings x, LATERAL dashboard_overdue_keys(x.deadline, x.department_id) k
 WHERE x.level = 'red';
INSERT INTO dashboard_overdue_counts (kind, period, department_id, n)
SELECT kind, period, department_id, count(*)::int FROM dashboard_overdue_seen GROUP BY 1, 2, 3;

-- Drill-down lists of overdue cases: red crossings by deadline, for everyone and per department.
CREATE INDEX sla_crossings_dashboard_red_idx ON sla_crossings (deadline) INCLUDE (department_id, case_id) WHERE level = 'red';
CREATE INDEX sla_crossings_dashboard_red_department_idx ON sla_crossings (department_id, deadline) INCLUDE (case_id) WHERE level = 'red';
