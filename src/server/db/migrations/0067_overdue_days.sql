-- Issue 16 item 12 (the SLA sweep's speed): the overdue counters remember one row per case, day and department
-- instead of four per red crossing.
--
-- 0007 kept dashboard_overdue_seen (kind, period, department_id, case_id): for each red crossing a row for its week
-- and its month, for its department and city-wide (department 0), so that a case counts once per period however
-- many of its clocks went red. In a sweep batch of 25,000 crossings (5,000 red) that was 20,000 index entries and
-- sorted text keys: 150 ms of the crossings' 230 ms insert.
--
-- dashboard_overdue_days (case_id, day, department_id) holds the day each of a case's red deadlines fell on, per
-- department: the four facts follow from it. A key (week or month, period, department or 0, case) is new when the
-- case had no day in that period (for that department, or for any when city-wide) before this statement; one index
-- range read per key on the case's few rows answers it. Counted: the same 20,000 keys; written: 5,000 rows.
-- dashboard_overdue_counts and what it means do not change.
CREATE TABLE dashboard_overdue_days (
  case_id        bigint NOT NULL,
  day            date NOT NULL,
  department_id  integer NOT NULL,
  PRIMARY KEY (case_id, day, department_id)
);

INSERT INTO dashboard_overdue_days (case_id, day, department_id)
SELECT DISTINCT x.case_id, dashboard_day(x.deadline), x.department_id
  FROM sla_crossings x
 WHERE x.level = 'red';

DROP TABLE dashboard_overdue_seen;

-- The statement's sub-queries all read the table as it was before the statement: the look-up below does not see the
-- days this statement adds. Keys are taken from the days that were new (ON CONFLICT … RETURNING): a day already
-- recorded was counted in all four when it was. Cases' rows are written only under their case's lock (the sweep holds
-- it), so two transactions never decide the same case's keys at once.
--
-- The look-up must be one index range read per key, whatever the statistics say. A table that was empty when last
-- analysed (a new city; the bench's copy) made the planner scan it whole for each key: measured 1.6 s for one batch
-- instead of 20 ms, and quadratic in the batch. Hence a LATERAL with LIMIT (never turned into a hash or merge join)
-- and no sequential scans inside this function.
CREATE OR REPLACE FUNCTION dashboard_crossings_inserted() RETURNS trigger LANGUAGE plpgsql
SET enable_seqscan = off AS $$
BEGIN
  WITH fresh AS (
    INSERT INTO dashboard_overdue_days (case_id, day, department_id)
    SELECT DISTINCT x.case_id, dashboard_day(x.deadline), x.department_id
      FROM dashboard_new_crossings x
     WHERE x.level = 'red'
    ON CONFLICT DO NOTHING
    RETURNING case_id, day, department_id
  ), keys AS (
    SELECT DISTINCT p.kind, p.period, p.last, d.department_id, f.case_id
      FROM fresh f,
           LATERAL (VALUES ('week', dashboard_week(f.day), dashboard_week(f.day) + 6),
                           ('month', dashboard_month(f.day), (dashboard_month(f.day) + interval '1 month' - interval '1 day')::date))
             AS p(kind, period, last),
           LATERAL (VALUES (f.department_id), (0)) AS d(department_id)
  )
  INSERT INTO dashboard_overdue_counts AS t (kind, period, department_id, n)
  SELECT k.kind, k.period, k.department_id, count(*)::int
    FROM keys k
    LEFT JOIN LATERAL (SELECT true AS counted FROM dashboard_overdue_days s
                        WHERE s.case_id = k.case_id AND s.day BETWEEN k.period AND k.last
                          AND (k.department_id = 0 OR s.department_id = k.department_id)
                        LIMIT 1) before ON true
   WHERE before.counted IS NULL
   GROUP BY 1, 2, 3
   -- Counter rows are shared by the sweep's parts: locked in one order, they cannot deadlock.
   ORDER BY 1, 2, 3
  ON CONFLICT (kind, period, department_id) DO UPDATE SET n = t.n + EXCLUDED.n;
  RETURN NULL;
END;
$$;
