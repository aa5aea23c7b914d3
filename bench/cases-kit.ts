// Bulk cases for benchmarks (bench/dashboard.ts, bench/indicators.ts): N cases generated inside the scratch database
// with generate_series, spread evenly over the 24 months before now; ~3% rejected, the rest closed and rated unless
// recent; ~7% went overdue (a red SLA crossing); open cases get their assignment rows. The dashboard rollups are
// filled once after the load (or, with trigger, through the per-row insert trigger).
import { sql } from 'kysely';
import type { Database } from '../src/server/db/engine.js';
import { log } from './kit.js';

/**
 * Loads N generated cases in chunks (`insert(a, b)` inserts ids a..b), with the given triggers on cases disabled and
 * its secondary indexes dropped for the load and built again after it (their exact definitions), as one would for a
 * bulk migration; constraint indexes (primary key, unique code) stay. The triggers are enabled again at the end.
 */
export async function bulkLoadCases(database: Database, n: number, chunk: number, triggers: readonly string[],
  insert: (a: number, b: number) => Promise<void>): Promise<void> {
  const db = database.db;
  for (const t of triggers) await sql.raw(`ALTER TABLE cases DISABLE TRIGGER ${t}`).execute(db);
  const indexes = (await sql<{ name: string; def: string }>`
    SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
     WHERE i.tablename = 'cases' AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`.execute(db)).rows;
  for (const i of indexes) await sql.raw(`DROP INDEX ${i.name}`).execute(db);
  for (let a = 1; a <= n; a += chunk) {
    const b = Math.min(n, a + chunk - 1);
    const t = performance.now();
    await insert(a, b);
    log(`  cases ${b.toLocaleString()} / ${n.toLocaleString()} (${((b - a + 1) / ((performance.now() - t) / 1000)).toFixed(0)} rows/s)`);
  }
  await sql`SELECT setval(pg_get_serial_sequence('cases', 'id'), (SELECT max(id) FROM cases))`.execute(db);
  const ti = performance.now();
  for (const i of indexes) await sql.raw(i.def).execute(db);
  log(`  ${indexes.length} secondary indexes on cases built in ${((performance.now() - ti) / 1000).toFixed(1)} s`);
  for (const t of triggers) await sql.raw(`ALTER TABLE cases ENABLE TRIGGER ${t}`).execute(db);
}

export async function generateCases(database: Database, n: number, now: Date, trigger: boolean): Promise<void> {
  const db = database.db;
  const span = 730 * 86_400_000;
  const start = now.getTime() - span;
  const step = span / n;
  const chunk = database.kind === 'postgres' ? 500_000 : 100_000;
  // The per-row rollup trigger is for live writes; a bulk load fills the rollup once afterwards (below, before the
  // trigger is enabled again), as the migration does for an existing database. Tests prove the trigger path equals a
  // direct count.
  if (!trigger) await sql`ALTER TABLE cases DISABLE TRIGGER cases_dashboard_insert`.execute(db);
  await bulkLoadCases(database, n, chunk, [], async (a, b) => {
    await sql`
      WITH cat AS (SELECT array_agg(id ORDER BY id) AS ids, array_agg(default_lead_department_id ORDER BY id) AS leads, count(*)::int AS n
                     FROM categories WHERE parent_id IS NOT NULL AND default_lead_department_id IS NOT NULL),
           dist AS (SELECT array_agg(id ORDER BY id) AS ids, count(*)::int AS n FROM departments WHERE kind = 'district'),
           s AS (SELECT i, 1 + floor(random() * cat.n)::int AS k, random() AS r1, random() AS r2, random() AS r3,
                        to_timestamp((${start}::float8 + (i - 1) * ${step}::float8) / 1000) AS created,
                        CASE WHEN random() < 0.85 THEN dist.ids[1 + floor(random() * dist.n)::int] END AS district
                   FROM generate_series(${a}::bigint, ${b}::bigint) i, cat, dist),
           t AS (SELECT s.*, s.created + r1 * interval '15 days' AS done, s.created + interval '14 days' AS due FROM s)
      INSERT INTO cases (id, code, title, description, category_id, channel, urgency, status, submitter_name, submitter_phone,
                         district_id, lead_department_id, round, rating, reply_deadline, created_at, accepted_at, dispatched_at,
                         signed_at, replied_at, reply_approved_at, rated_at, closed_at, rejected_at, updated_at, warning_level)
      SELECT i, 'B' || i, '企业反映营商环境问题（基准）' || i, '基准测试批量生成的诉求内容。', cat.ids[k], 'hotline', 'normal',
             CASE WHEN r2 < 0.03 THEN 'rejected' WHEN done <= ${now} THEN 'closed' ELSE 'handling' END,
             '张先生', '13800000000', district,
             CASE WHEN r2 < 0.03 THEN NULL ELSE cat.leads[k] END, 1,
             CASE WHEN r2 < 0.03 OR done > ${now} OR r3 > 0.92 THEN NULL WHEN r3 < 0.78 THEN 'satisfied' WHEN r3 < 0.88 THEN 'basically' ELSE 'unsatisfied' END,
             CASE WHEN r2 < 0.03 THEN NULL ELSE due END,
             created, created, created, created + interval '1 hour',
             CASE WHEN r2 >= 0.03 AND done <= ${now} THEN done END, CASE WHEN r2 >= 0.03 AND done <= ${now} THEN done END,
             CASE WHEN r2 < 0.03 OR done > ${now} OR r3 > 0.92 THEN NULL ELSE done END,
             CASE WHEN r2 >= 0.03 AND done <= ${now} THEN done END,
             CASE WHEN r2 < 0.03 THEN created END,
             greatest(created, least(done, ${now})),
             CASE WHEN r2 >= 0.03 AND done > ${now} AND due < ${now} THEN 'red' ELSE 'none' END
        FROM t, cat`.execute(db);
  });
  const t = performance.now();
  // Overdue: every case whose handling took past its 14-day limit (done after due) and whose limit has passed.
  await sql`
    INSERT INTO sla_crossings (assignment_id, case_id, department_id, clock, level, deadline, crossed_at)
    SELECT id, id, lead_department_id, 'reply', 'red', reply_deadline, reply_deadline + interval '1 minute'
      FROM cases WHERE lead_department_id IS NOT NULL AND reply_deadline < ${now} AND (closed_at IS NULL OR closed_at > reply_deadline)`.execute(db);
  await sql`
    INSERT INTO assignments (case_id, department_id, role, round, status, dispatched_at, sign_deadline, signed_at, reply_deadline)
    SELECT id, lead_department_id, 'lead', 1, 'signed', dispatched_at, dispatched_at + interval '1 day', signed_at, reply_deadline
      FROM cases WHERE status = 'handling'`.execute(db);
  // The clocks as a sweep would have left them (the insert's trigger queued every open one for a recompute).
  await sql`
    UPDATE assignment_sla s SET check_at = NULL, clock = 'reply', level = c.warning_level, deadline = c.reply_deadline
      FROM assignments a JOIN cases c ON c.id = a.case_id
     WHERE s.assignment_id = a.id`.execute(db);
  if (!trigger) {
    // The migration's backfill statements (in key order, as day-by-day live writes would lay the rows out).
    await sql`
      INSERT INTO dashboard_daily (day, department_id, category_id, district_id, n)
      SELECT dashboard_day(created_at), coalesce(lead_department_id, 0), category_id, coalesce(district_id, 0), count(*)::int
        FROM cases GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`.execute(db);
    await sql`
      INSERT INTO dashboard_daily_totals (measure, day, department_id, n)
      SELECT k.measure, k.day, k.department_id, count(*)::int
        FROM cases c,
             LATERAL dashboard_keys(c.created_at, c.closed_at, c.rated_at, c.rating, c.lead_department_id, c.category_id, c.district_id) k
       GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`.execute(db);
    await sql`ALTER TABLE cases ENABLE TRIGGER cases_dashboard_insert`.execute(db);
  }
  log(`  crossings (through the overdue trigger) and open assignments ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

