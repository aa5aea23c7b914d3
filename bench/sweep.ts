// SLA sweep benchmark: 1,000,000 open assignments (with their cases), ~5% due to cross a level, one sweep timed.
// Prints figures, asserts nothing. Targets: ≤ 2 s on PostgreSQL, ≤ 6 s on PGlite.
//
//   node --import tsx bench/sweep.ts [--engine pglite|postgres|both] [--rows 1000000] [--due 0.05]
//   node --import tsx bench/sweep.ts --engine pglite|postgres --from KEPT
//
// --keep keeps the generated database (the folder or database name is logged) without sweeping; --from KEPT sweeps a
// copy of such a kept database (a PGlite folder or a PostgreSQL database name; the copy is migrated to this tree's
// schema first), so the 1M setup (minutes on PostgreSQL, half an hour on PGlite) is paid once for many runs.
//
// --floor (with --from) times only the sweep's writes: the due rows are read and planned, and the events hashed, in a
// transaction rolled back before the clock starts; then each part locks its cases, updates the clocks, appends
// the events, updates the cases and inserts the crossings with the sweep's own statements, side by side. What the
// database alone needs for what a sweep must store: no sweep that writes these rows can be faster on this machine.
import { adminUrl, log, openScratch } from './kit.js';
import { openDatabase } from '../src/server/db/engine.js';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { execSync } from 'node:child_process';
import pg from 'pg';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import type { Database } from '../src/server/db/engine.js';
import { migrate } from '../src/server/db/migrate.js';
import { seedOrganisation } from '../src/server/demo/seed-org.js';
import { chainChanges, emptyCounts, planBatch, sweepSla, systemActor, timer, workingTimeOf } from '../src/server/jobs/sla-sweep.js';
import { appendToChains, prepareChains, updateAssignmentSla } from '../src/server/modules/cases/bulk-writes.js';
import { insertCrossings, lockDue, tuneSweepTransaction } from '../src/server/modules/sla/repository.js';
import { intArray } from '../src/server/kernel/index.js';
import type { AppDeps } from '../src/server/deps.js';
import { verifyChains } from '../src/server/modules/audit/verify-chains.js';
import { assembleDeps } from '../src/server/runtime.js';

const { values } = parseArgs({ options: {
  engine: { type: 'string', default: 'both' }, keep: { type: 'boolean', default: false }, layout: { type: 'string', default: 'clustered' }, rows: { type: 'string', default: '1000000' }, due: { type: 'string', default: '0.05' },
  from: { type: 'string' }, parts: { type: 'string' }, batch: { type: 'string' }, floor: { type: 'boolean', default: false },
} });
const engines = values.engine === 'both' ? ['postgres', 'pglite'] : [values.engine!];
const rows = Number(values.rows);
const dueShare = Number(values.due);
const now = new Date('2026-11-02T10:00:00+08:00');

function open(engine: string) {
  return values.from ? openCopy(engine, values.from) : openScratch(engine, 'sweep', { poolSize: 4, keep: values.keep });
}

/** The copy's gigabytes written out before the sweep, so the kernel's write-back does not run during it. */
function settle() {
  execSync('sync');
}

/** A copy of a kept database (CREATE DATABASE … TEMPLATE, or the PGlite folder copied), dropped after. */
async function openCopy(engine: string, kept: string) {
  const t = performance.now();
  if (engine === 'postgres') {
    if (!/^[a-z0-9_]+$/.test(kept)) throw new Error(`--from: not a database name: ${kept}`);
    const name = `yw_bench_sweepc_${process.pid}_${randomBytes(3).toString('hex')}`;
    const admin = async (text: string) => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(text);
      } finally {
        await c.end();
      }
    };
    // file_copy: the copy's gigabyte is not written to the WAL, whose checkpoint would then run during the sweep.
    await admin(`CREATE DATABASE ${name} TEMPLATE ${kept} STRATEGY file_copy`);
    await admin('CHECKPOINT');
    settle();
    log(`copied ${kept} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 4 });
    return { database, async drop() { await database.close(); await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`); } };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'yw-bench-sweepc-'));
  cpSync(kept, dir, { recursive: true });
  settle();
  log(`copied ${kept} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const database = await openDatabase({ dataDir: dir });
  return { database, async drop() { await database.close(); rmSync(dir, { recursive: true, force: true }); } };
}

/**
 * One case per assignment (the lead, signed, reply clock running). Of every 1/dueShare rows: 4/5 of the due ones
 * reach yellow now, 1/5 were yellow and reach red now; the rest have their next check 1–10 days ahead.
 */
async function generate(database: Database) {
  const { db } = database;
  const category = await db.selectFrom('categories').select('id').where('parent_id', 'is not', null).orderBy('id').executeTakeFirstOrThrow();
  const depts = (await db.selectFrom('departments').select('id').orderBy('id').execute()).map((d) => d.id);
  const period = Math.round(1 / dueShare);
  // Which rows are due: 'clustered' = the oldest 5% of ids (cases cross their limits in the order they were
  // dispatched, so the due ones sit together on disk); 'scattered' = every 20th row (the worst case for the disk).
  const band = Math.round(rows * dueShare);
  const isDue = (col: string) => sql.raw(values.layout === 'scattered' ? `(${col} % ${period} = 0)` : `(${col} <= ${band})`);
  const isRed = (col: string) => sql.raw(values.layout === 'scattered' ? `(${col} % ${period * 5} = 0)` : `(${col} <= ${band} AND ${col} % 5 = 0)`);
  const deptArray = `{${depts.join(',')}}`;
  // Every case has a chain, as a real one does (a case starts with its case.created event): its first event, hashed
  // as eventHash does (domain/audit/chain.ts), and its row's chain head. A case row without events (an empty head)
  // grows by the hash's 64 bytes at the sweep's update, which then no longer fits its page as a HOT update.
  const created = new Date(now.getTime() - 3 * 86_400_000);
  const firstHash = (id: string) => sql.raw(`encode(sha256(convert_to(E'\\n{"actorDepartmentId":null,"actorRole":"system","actorUserId":null,"at":"${created.toISOString()}","caseId":' || ${id} || ',"payload":{"channel":"hotline"},"seq":1,"type":"case.created"}', 'UTF8')), 'hex')`);
  await sql`
    INSERT INTO cases (id, code, title, description, category_id, channel, urgency, status, submitter_name, submitter_phone,
                       lead_department_id, reply_deadline, created_at, updated_at, accepted_at, dispatched_at, signed_at,
                       event_count, last_event_hash)
    SELECT g, 'B' || lpad(g::text, 9, '0'), '基准诉求 ' || g, '基准测试生成的诉求', ${category.id}, 'hotline', 'normal', 'handling',
           '张三', '13800000000', (${deptArray}::int[])[1 + g % ${depts.length}],
           CASE WHEN ${isRed('g')} THEN ${now}::timestamptz - interval '1 hour'
                WHEN ${isDue('g')} THEN ${now}::timestamptz + interval '2 days'
                ELSE ${now}::timestamptz + make_interval(hours => (36 + g % 200)::int) END,
           ${now}::timestamptz - interval '3 days',
           ${now}::timestamptz - interval '3 days', ${now}::timestamptz - interval '3 days', ${now}::timestamptz - interval '3 days',
           ${now}::timestamptz - interval '3 days', 1, ${firstHash('g')}
      FROM generate_series(1, ${rows}) AS g`.execute(db);
  await sql`SELECT setval('cases_id_seq', ${rows})`.execute(db);
  await sql`
    INSERT INTO case_events (case_id, seq, type, actor_user_id, actor_department_id, actor_role, at, payload, prev_hash, hash)
    SELECT c.id, 1, 'case.created', NULL, NULL, 'system', ${created}::timestamptz, '{"channel": "hotline"}'::jsonb, '', c.last_event_hash
      FROM cases c ORDER BY c.id`.execute(db);
  // The assignments, then their clocks as the sweep left them (written here in one statement rather than queued for a
  // recompute by the insert's trigger and updated).
  await sql`ALTER TABLE assignments DISABLE TRIGGER assignments_sla_insert`.execute(db);
  await sql`
    INSERT INTO assignments (case_id, department_id, role, round, status, dispatched_at, sign_deadline, signed_at, reply_deadline)
    SELECT c.id, c.lead_department_id, 'lead', 1, 'signed', c.dispatched_at, c.dispatched_at + interval '1 day', c.signed_at, c.reply_deadline
      FROM cases c ORDER BY c.id`.execute(db);
  await sql`ALTER TABLE assignments ENABLE TRIGGER assignments_sla_insert`.execute(db);
  await sql`
    INSERT INTO assignment_sla (assignment_id, case_id, check_at, clock, level, yellow_at, deadline)
    SELECT a.id, a.case_id, d.check_at, 'reply', d.level, d.yellow_at, a.reply_deadline
      FROM assignments a
     CROSS JOIN LATERAL (SELECT
         -- due, reaching red now: was yellow, deadline an hour ago
         CASE WHEN ${isRed('a.case_id')} THEN ${now}::timestamptz - interval '1 hour'
         -- due, reaching yellow now: yellow an hour ago, deadline ahead
              WHEN ${isDue('a.case_id')} THEN ${now}::timestamptz - interval '1 hour'
              ELSE ${now}::timestamptz + make_interval(hours => (12 + a.case_id % 200)::int) END AS check_at,
         CASE WHEN ${isRed('a.case_id')} THEN 'yellow' ELSE 'none' END AS level,
         CASE WHEN ${isRed('a.case_id')} THEN ${now}::timestamptz - interval '1 day'
              WHEN ${isDue('a.case_id')} THEN ${now}::timestamptz - interval '1 hour'
              ELSE ${now}::timestamptz + make_interval(hours => (12 + a.case_id % 200)::int) END AS yellow_at) d
     ORDER BY a.id`.execute(db);
  await sql`VACUUM ANALYZE cases`.execute(db);
  await sql`VACUUM ANALYZE case_events`.execute(db);
  await sql`VACUUM ANALYZE assignments`.execute(db);
  await sql`VACUUM ANALYZE assignment_sla`.execute(db);
}

/**
 * CPU milliseconds used so far by this process and, on PostgreSQL, by this database's server backends (read from
 * /proc: the server runs on this machine). CPU time is far less sensitive to a noisy neighbour than the wall clock.
 */
async function cpuNow(database: Database): Promise<{ node: number; server: Map<number, number> | null }> {
  const u = process.cpuUsage();
  const node = (u.user + u.system) / 1000;
  if (database.kind !== 'postgres') return { node, server: null };
  const pids = (await sql<{ pid: number }>`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`.execute(database.db)).rows;
  const server = new Map<number, number>();
  try {
    for (const { pid } of pids) {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      server.set(pid, ((Number(f[11]) + Number(f[12])) * 1000) / 100);
    }
  } catch {
    return { node, server: null };
  }
  return { node, server };
}

/** Server CPU ms between two readings: per backend, so a pooled connection closed meanwhile does not count negative. */
function serverDelta(a: Map<number, number> | null, b: Map<number, number> | null): number | null {
  if (!a || !b) return null;
  let ms = 0;
  for (const [pid, t] of b) ms += t - (a.get(pid) ?? 0);
  return ms;
}

async function benchEngine(engine: string) {
  const { database, drop } = await open(engine);
  try {
    let t = performance.now();
    await migrate(database.db);
    if (values.from) {
      // The kept database's pending migrations (if any) applied; its rows as generated.
      await sql`ANALYZE`.execute(database.db);
    } else {
      await seedOrganisation(database.db);
      log(`${engine}: generating ${rows.toLocaleString()} cases and assignments`);
      await generate(database);
    }
    const setup = (performance.now() - t) / 1000;
    log(`${engine}: setup ${setup.toFixed(1)} s`);
    const deps = assembleDeps(database, { now: () => now, logLevel: 'silent' });
    await deps.calendar.ready();
    const due = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM assignment_sla WHERE check_at <= ${now}`.execute(database.db)).rows[0];
    const load = os.loadavg()[0];
    if (values.keep) return { engine, assignments: rows, due: Number(due.n), ...emptyCounts(), seconds: 0, target: 0, rerunCrossings: 0, rerunSeconds: 0, chainsOk: true, setup, cpuNode: 0, cpuServer: null, load };
    if (values.floor) return await floor(database, deps);
    const timings: Record<string, number> = {};
    // Every pooled connection open before the first reading, so the backends counted are the ones the sweep uses.
    await Promise.all([1, 2, 3, 4].map(() => sql`SELECT 1`.execute(database.db)));
    const cpu0 = await cpuNow(database);
    t = performance.now();
    const counts = await sweepSla(deps, { timings, ...(values.parts ? { parts: Number(values.parts) } : {}), ...(values.batch ? { batch: Number(values.batch) } : {}) });
    const seconds = (performance.now() - t) / 1000;
    const cpu1 = await cpuNow(database);
    log(`${engine}: phases (ms) ${Object.entries(timings).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}`);
    t = performance.now();
    const again = await sweepSla(deps);
    const againSeconds = (performance.now() - t) / 1000;
    const chains = await verifyChains(database.db, 5000);
    const assignments = values.from ? Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM assignments`.execute(database.db)).rows[0].n) : rows;
    return { engine, assignments, due: Number(due.n), ...counts, seconds, target: engine === 'postgres' ? 2 : 6,
      rerunCrossings: again.crossings, rerunSeconds: againSeconds, chainsOk: chains.firstBroken == null, setup,
      cpuNode: cpu1.node - cpu0.node, cpuServer: serverDelta(cpu0.server, cpu1.server), load };
  } finally {
    await drop();
  }
}

/** The writes alone (--floor): see the header. Prints its figures. */
async function floor(database: Database, deps: AppDeps) {
  const of = Number(values.parts ?? (database.kind === 'postgres' ? 2 : 1));
  const time = workingTimeOf(deps);
  const rollback = new Error('rollback');
  const parts: { ids: number[]; plan: ReturnType<typeof planBatch>; prepared: ReturnType<typeof prepareChains> }[] = [];
  for (let index = 0; index < of; index++) {
    await database.db.transaction().execute(async (tx) => {
      await tuneSweepTransaction(tx);
      const due = await lockDue(tx, now, 10_000_000, { index, of });
      const plan = planBatch(due, deps, time, now);
      const prepared = prepareChains(chainChanges(plan.candidates, plan.cases, plan.levels, emptyCounts()), systemActor, now);
      parts.push({ ids: [...plan.cases.keys()], plan, prepared });
      throw rollback;
    }).catch((e) => {
      if (e !== rollback) throw e;
    });
  }
  if (database.kind === 'postgres') await sql`CHECKPOINT`.execute(database.db);
  settle();
  const timings: Record<string, number> = {};
  const timed = timer(timings);
  await Promise.all([1, 2, 3, 4].map(() => sql`SELECT 1`.execute(database.db)));
  const cpu0 = await cpuNow(database);
  const t = performance.now();
  await Promise.all(parts.map((p) => database.db.transaction().execute(async (tx) => {
    await tuneSweepTransaction(tx);
    await timed('lock cases', () => sql`SELECT count(*) FROM unnest(${intArray(p.ids)}::bigint[]) AS u(id)
      CROSS JOIN LATERAL (SELECT 1 FROM cases WHERE cases.id = u.id FOR UPDATE) c`.execute(tx));
    await timed('update assignment clocks', () => updateAssignmentSla(tx, p.plan.updates));
    await timed('append events, update cases', () => appendToChains(tx, p.prepared, systemActor, now));
    await timed('insert crossings', () => insertCrossings(tx, p.plan.candidates));
  })));
  const seconds = (performance.now() - t) / 1000;
  const cpu1 = await cpuNow(database);
  const server = serverDelta(cpu0.server, cpu1.server);
  console.log(`\nSweep writes alone (--floor), ${database.kind}, ${of} part(s): ${parts.reduce((n, p) => n + p.plan.candidates.length, 0)} crossings, ` +
    `${parts.reduce((n, p) => n + p.prepared.events, 0)} events, ${parts.reduce((n, p) => n + p.ids.length, 0)} cases`);
  console.log(`seconds ${seconds.toFixed(2)}; cpu s node ${((cpu1.node - cpu0.node) / 1000).toFixed(2)}, server ${server == null ? '?' : (server / 1000).toFixed(2)}; load ${os.loadavg()[0].toFixed(1)}`);
  console.log(`statements (ms, summed over parts): ${Object.entries(timings).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}`);
  return null;
}

const results = [];
for (const engine of engines) {
  const r = await benchEngine(engine);
  if (r) results.push(r);
}
if (!results.length) process.exit(0);
console.log(`\nSLA sweep over open assignments (one sweep in its default batches (PostgreSQL 8,000, PGlite 25,000) unless --batch; due rows ${values.layout})\n`);
console.log('engine    assignments  due     scanned  crossings  events  urged   seconds  target  met   re-run(crossings, s)  chains  setup s  cpu s (node / db server)  load');
for (const r of results) {
  console.log([
    r.engine.padEnd(9), r.assignments.toLocaleString('en').padStart(11), String(r.due).padStart(7), String(r.scanned).padStart(8),
    String(r.crossings).padStart(10), String(r.events).padStart(7), String(r.urged).padStart(6), r.seconds.toFixed(2).padStart(8),
    `≤ ${r.target}`.padStart(7), (r.seconds <= r.target ? 'yes' : 'NO').padStart(4),
    `${r.rerunCrossings}, ${r.rerunSeconds.toFixed(2)}`.padStart(21), (r.chainsOk ? 'ok' : 'BROKEN').padStart(7), r.setup.toFixed(0).padStart(8),
    `${(r.cpuNode / 1000).toFixed(2)} / ${r.cpuServer == null ? (r.engine === 'pglite' ? 'in node' : '?') : (r.cpuServer / 1000).toFixed(2)}`.padStart(25),
    r.load.toFixed(1).padStart(5),
  ].join(' '));
}
console.log(`\nload = 1-minute load average when the sweep started (${os.cpus().length} CPUs). The wall clock (seconds) stretches with it; the CPU seconds much less.`);
process.exit(0);
