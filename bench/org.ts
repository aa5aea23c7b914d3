// Organisation benchmark: a province-sized network of 5,000 units and 50,000 accounts. Measures the admin tree API
// (GET /api/admin/org/tree, with each unit's people and open-case counts; target p95 ≤ 300 ms) and a merge of two
// units that each hold 10,000 open cases (every open assignment moved, an event appended to each case's chain, one
// transaction; target ≤ 10 s). In-process (app.inject). Prints figures, asserts nothing.
//
// How the two are kept fast, what the time is spent on, and the figures measured with their load average: docs/org.md,
// Figures. In short: the tree is one statement that returns the answer's JSON text (sent as it is, with an ETag); the
// merge is four set-based statements (lock, assignments, events, case rows) with each case's event hashed onto its
// chain, and the dashboard rollup folds a statement's lead changes once (migration 0032) instead of once per case,
// which was quadratic (150 s and 400 s on PostgreSQL before).
//
//   node --import tsx bench/org.ts [--engine pglite|postgres|both] [--units 5000] [--accounts 50000] [--cases 10000]
import { sql } from 'kysely';
import { parseArgs } from 'node:util';
import { buildApp } from '../src/server/app.js';
import type { Database } from '../src/server/db/engine.js';
import { migrate } from '../src/server/db/migrate.js';
import { demoPassword, seedOrganisation } from '../src/server/demo/seed-org.js';
import { assembleDeps } from '../src/server/runtime.js';
import { loginAs } from '../test/kit/http.js';
import { enginesFrom, log, openScratch } from './kit.js';

const { values } = parseArgs({
  options: { engine: { type: 'string', default: 'both' }, units: { type: 'string', default: '5000' }, accounts: { type: 'string', default: '50000' }, cases: { type: 'string', default: '10000' } },
});
const unitCount = Number(values.units);
const accountCount = Number(values.accounts);
const casesPerUnit = Number(values.cases);
const now = new Date('2026-11-20T10:00:00+08:00');

/** Units in SQL: 14 prefectures, their counties, towns and communities, in breadth-first id order. */
async function generateNetwork(database: Database) {
  const { db } = database;
  const base = Number((await sql<{ n: number }>`SELECT max(id) AS n FROM departments`.execute(db)).rows[0].n);
  // Unit i (1-based) has parent ⌊(i - 1) / 6⌋ (0 = none): a six-way tree, ~5 levels deep for 5,000 units.
  await sql`
    INSERT INTO departments (id, code, name, kind, dept_group, parent_id, sort_order, phone)
    SELECT ${base} + i, 'pv' || i, '基准单位' || i,
           CASE WHEN i <= 6 THEN 'district' WHEN i <= 42 THEN 'town' ELSE 'community' END, 'district',
           CASE WHEN i <= 6 THEN NULL ELSE ${base} + (i - 1) / 6 END, 1000 + i, '12345'
      FROM generate_series(1, ${unitCount}::int) AS i`.execute(db);
  await sql`SELECT setval(pg_get_serial_sequence('departments', 'id'), (SELECT max(id) FROM departments))`.execute(db);
  const hash = (await db.selectFrom('users').select('password_hash').where('username', '=', 'admin').executeTakeFirstOrThrow()).password_hash;
  await sql`
    INSERT INTO users (username, display_name, role, department_id, password_hash)
    SELECT 'pv-user-' || g, '基准用户' || g, CASE WHEN g % 10 = 0 THEN 'head' ELSE 'handler' END, ${base} + 1 + (g % ${unitCount}), ${hash}
      FROM generate_series(1, ${accountCount}::int) AS g`.execute(db);
  return base;
}

/** `n` dispatched cases led by `deptId`, each with its lead assignment and a one-event chain. */
async function generateOpenCases(database: Database, deptId: number, firstId: number, n: number) {
  const { db } = database;
  const category = await db.selectFrom('categories').select('id').where('parent_id', 'is not', null).orderBy('id').executeTakeFirstOrThrow();
  await sql`
    INSERT INTO cases (id, code, title, description, category_id, channel, urgency, status, submitter_name, submitter_phone,
                       lead_department_id, round, created_at, updated_at, accepted_at, dispatched_at, event_count, last_event_hash)
    SELECT g, 'M' || lpad(g::text, 9, '0'), '基准诉求 ' || g, '基准测试生成的诉求', ${category.id}::int, 'hotline', 'normal', 'dispatched',
           '张三', '13800000000', ${deptId}::int, 1, ${now}::timestamptz, ${now}::timestamptz, ${now}::timestamptz, ${now}::timestamptz, 1, 'bench'
      FROM generate_series(${firstId}::int, ${firstId + n - 1}::int) AS g`.execute(db);
  await sql`
    INSERT INTO assignments (case_id, department_id, role, round, status, dispatched_at, sign_deadline)
    SELECT g, ${deptId}::int, 'lead', 1, 'pending', ${now}::timestamptz, ${new Date(now.getTime() + 86_400_000)}::timestamptz FROM generate_series(${firstId}::int, ${firstId + n - 1}::int) AS g`.execute(db);
  await sql`
    INSERT INTO case_events (case_id, seq, type, actor_role, at, payload, prev_hash, hash)
    SELECT g, 1, 'case.dispatched', 'intake', ${now}::timestamptz, jsonb_build_object('round', 1, 'leadDepartmentId', ${deptId}::int, 'coDepartmentIds', '[]'::jsonb), '', 'bench'
      FROM generate_series(${firstId}::int, ${firstId + n - 1}::int) AS g`.execute(db);
  await sql`SELECT setval(pg_get_serial_sequence('cases', 'id'), (SELECT max(id) FROM cases))`.execute(db);
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

for (const engine of enginesFrom(values.engine)) {
  const { database, drop } = await openScratch(engine, 'org', { poolSize: 8 });
  try {
    await migrate(database.db);
    await seedOrganisation(database.db);
    log(`${engine}: generating ${unitCount} units and ${accountCount} accounts`);
    const base = await generateNetwork(database);
    const [a, b, target] = [base + 7, base + 8, base + 9];
    log(`${engine}: generating 2 × ${casesPerUnit} open cases`);
    await generateOpenCases(database, a, 1, casesPerUnit);
    await generateOpenCases(database, b, casesPerUnit + 1, casesPerUnit);
    await sql`ANALYZE`.execute(database.db);
    const deps = assembleDeps(database, { now: () => now, logLevel: 'silent' });
    const app = await buildApp(deps);
    const admin = await loginAs(app, 'admin', demoPassword);

    const times: number[] = [];
    let size = 0;
    for (let i = 0; i < 40; i++) {
      const t = performance.now();
      const r = await admin.get('/api/admin/org/tree');
      if (r.status !== 200) throw new Error(`tree ${r.status}`);
      if (i >= 5) times.push(performance.now() - t);
      size = r.body.items.length;
    }
    times.sort((x, y) => x - y);
    const p95 = pct(times, 0.95);
    console.log(`${engine}: tree of ${size} units, ${accountCount} accounts, ${2 * casesPerUnit} open cases: p50 ${pct(times, 0.5).toFixed(0)} ms  p95 ${p95.toFixed(0)} ms  (target ≤ 300 ms: ${p95 <= 300 ? 'yes' : 'NO'})`);

    for (const [from, label] of [[a, 'first'], [b, 'second']] as const) {
      const t = performance.now();
      const r = await admin.post(`/api/admin/org/units/${from}/merge`, { targetId: target });
      const ms = performance.now() - t;
      if (r.status !== 200) throw new Error(`merge ${r.status} ${JSON.stringify(r.body)}`);
      console.log(`${engine}: merge of the ${label} unit holding ${casesPerUnit} open cases: ${(ms / 1000).toFixed(2)} s, moved ${r.body.moved.assignments} assignments, ${r.body.moved.users} accounts  (target ≤ 10 s: ${ms <= 10_000 ? 'yes' : 'NO'})`);
    }
    const events = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM case_events WHERE type = 'case.unit_merged'`.execute(database.db)).rows[0].n);
    console.log(`${engine}: ${events} case.unit_merged events written (chain integrity after a merge is checked by test/org/units.int.test.ts)`);
    await app.close();
  } finally {
    await drop();
  }
}
