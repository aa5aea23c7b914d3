// Supervised items' light sweep: 10,000 open items with 100,000 milestones (10 each), 20,000 targets and their
// monthly reports; ~10% have an overdue milestone, ~10% a missing report, the others are on plan or at risk. Times
// the first sweep (turns the lights, writes crossings, events and notices) and a rerun (must write nothing).
// Prints figures, asserts nothing. Targets: ≤ 1 s on PostgreSQL, ≤ 3 s on PGlite.
//
//   node --import tsx bench/items.ts [--engine pglite|postgres|both] [--items 10000]
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import type { Database } from '../src/server/db/engine.js';
import { migrate } from '../src/server/db/migrate.js';
import { seedOrganisation } from '../src/server/demo/seed-org.js';
import { sweepItemLights, verifyItemChains } from '../src/server/modules/items/index.js';
import { assembleDeps } from '../src/server/runtime.js';
import { enginesFrom, log, openScratch } from './kit.js';

const { values } = parseArgs({ options: { engine: { type: 'string', default: 'both' }, items: { type: 'string', default: '10000' } } });
const n = Number(values.items);
const now = new Date('2026-07-10T10:00:00+08:00');

async function generate(database: Database) {
  const { db } = database;
  const depts = (await db.selectFrom('departments').select('id').where('kind', '=', 'city_department').orderBy('id').execute()).map((d) => d.id);
  const arr = `{${depts.join(',')}}`;
  // Items run the year 2026, monthly reports by the 28th; event_count 0 (the sweep's events start their chains).
  await sql`
    INSERT INTO items (id, code, title, source_kind, leader_name, lead_department_id, co_department_ids, start_date, end_date,
                       report_frequency, report_day, created_at, updated_at)
    SELECT g, 'DBSX2026-' || lpad(g::text, 6, '0'), '基准督办事项 ' || g, 'meeting', '基准领导', (${arr}::int[])[1 + g % ${depts.length}],
           ARRAY[(${arr}::int[])[1 + (g + 1) % ${depts.length}]], '2026-01-01', '2026-12-31', 'monthly', 28, now(), now()
    FROM generate_series(1, ${n}) g`.execute(db);
  await sql`SELECT setval(pg_get_serial_sequence('items', 'id'), ${n})`.execute(db);
  // Ten milestones a month apart (due the 20th, Jan–Oct). Done when past, except every 10th item's June milestone
  // (overdue: red); every 7th item's July milestone sits in its last 20% (at risk: yellow) — the rest are on plan.
  await sql`
    INSERT INTO item_milestones (item_id, seq, title, due_date, due_at, done_at)
    SELECT i, k, '节点 ' || k, d, (d || 'T23:59:59.999+08:00')::timestamptz,
           CASE WHEN (d || 'T23:59:59.999+08:00')::timestamptz < ${now}::timestamptz AND NOT (i % 10 = 0 AND k = 6)
                THEN (d || 'T12:00:00+08:00')::timestamptz END
    FROM generate_series(1, ${n}) i, generate_series(1, 10) k,
         LATERAL (SELECT CASE WHEN i % 7 = 0 AND k = 7 THEN '2026-07-14' ELSE '2026-' || lpad(k::text, 2, '0') || '-20' END AS d) x`.execute(db);
  await sql`
    INSERT INTO item_targets (item_id, seq, name, measure, target_value, progress_value)
    SELECT i, k, '目标 ' || k, '个', 100, 40 + (i % 20) FROM generate_series(1, ${n}) i, generate_series(1, 2) k`.execute(db);
  // Monthly reports Jan–Jun; every 10th item (offset 5) misses June's.
  const sub = await db.selectFrom('users').select(['id', 'department_id']).where('role', '=', 'handler').executeTakeFirstOrThrow();
  await sql`
    INSERT INTO item_reports (item_id, department_id, period, due_at, text, submitted_by, submitted_at, state)
    SELECT i, ${sub.department_id}, '2026-' || lpad(m::text, 2, '0'), ('2026-' || lpad(m::text, 2, '0') || '-28T23:59:59.999+08:00')::timestamptz,
           '进展', ${sub.id}, ('2026-' || lpad(m::text, 2, '0') || '-25T10:00:00+08:00')::timestamptz, 'accepted'
    FROM generate_series(1, ${n}) i, generate_series(1, 6) m WHERE NOT (i % 10 = 5 AND m = 6)`.execute(db);
  await sql`ANALYZE`.execute(db);
}

async function count(database: Database, table: 'item_light_crossings' | 'item_events' | 'notifications') {
  return Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
}

const results = [];
for (const engine of enginesFrom(values.engine, ['postgres', 'pglite'])) {
  const { database, drop } = await openScratch(engine, 'items', { poolSize: 4 });
  try {
    await migrate(database.db);
    await seedOrganisation(database.db);
    let t = performance.now();
    await generate(database);
    log(`${engine}: ${n.toLocaleString()} items, ${(n * 10).toLocaleString()} milestones generated in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const deps = assembleDeps(database, { now: () => now, logLevel: 'silent' });
    const cpu0 = process.cpuUsage();
    t = performance.now();
    const timings: Record<string, number> = {};
    const first = await sweepItemLights(deps, { timings });
    const seconds = (performance.now() - t) / 1000;
    const cpu = process.cpuUsage(cpu0);
    log(`${engine}: phases (ms) ${Object.entries(timings).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}`);
    const lights = await database.db.selectFrom('items').select(['light', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('light').execute();
    const cpu1 = process.cpuUsage();
    t = performance.now();
    const again = await sweepItemLights(deps);
    const rerunSeconds = (performance.now() - t) / 1000;
    const rerunCpu = process.cpuUsage(cpu1);
    const chains = await verifyItemChains(database.db);
    // The machine's own latency under load: one trivial round trip, and the sweep's pick of due items.
    t = performance.now();
    await sql`SELECT 1`.execute(database.db);
    const roundTripMs = +(performance.now() - t).toFixed(1);
    const plan = await sql<{ 'QUERY PLAN': string }>`EXPLAIN (ANALYZE) SELECT item_id FROM item_light_checks WHERE check_at <= ${now} ORDER BY check_at, item_id LIMIT 20000`.execute(database.db);
    log(`${engine}: round trip ${roundTripMs} ms; pick plan: ${plan.rows.map((r) => r['QUERY PLAN']).join(' | ')}`);
    const row = {
      engine, items: n, milestones: n * 10, seconds: +seconds.toFixed(3), nodeCpuSeconds: +((cpu.user + cpu.system) / 1e6).toFixed(3),
      target: engine === 'postgres' ? 1 : 3, ...first, lights: Object.fromEntries(lights.map((l) => [l.light, Number(l.n)])),
      crossingsRows: await count(database, 'item_light_crossings'), notices: await count(database, 'notifications'),
      rerunSeconds: +rerunSeconds.toFixed(3), rerunNodeCpuSeconds: +((rerunCpu.user + rerunCpu.system) / 1e6).toFixed(3), rerunWrote: again.changed + again.crossings + again.events,
      chainsOk: chains.firstBroken === null,
    };
    log(JSON.stringify(row));
    results.push(row);
  } finally {
    await drop();
  }
}
console.log(JSON.stringify(results, null, 2));
