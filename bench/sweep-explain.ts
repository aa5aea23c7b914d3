// Where a sweep's time goes, statement by statement, on PostgreSQL: copies a database kept by
// `bench/sweep.ts --engine postgres --keep` (CREATE DATABASE … TEMPLATE, so the kept one stays due and can be used
// again) and runs one sweep on the copy with auto_explain sending every statement's plan to this process: actual
// times, buffers, WAL records and bytes, trigger times (foreign keys, outbox, dashboard). The copy is dropped after.
//
//   node --import tsx bench/sweep-explain.ts KEPT_DATABASE [--min-ms 50] [--plain] [--migrate]
//
// --migrate applies this tree's pending migrations to the copy first (a database kept before a schema change).
// --plain runs the same sweep without auto_explain (its phases, and the CPU seconds of this process and of the
// database backend).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../src/server/db/engine.js';
import { migrate } from '../src/server/db/migrate.js';
import { sweepSla } from '../src/server/jobs/sla-sweep.js';
import { assembleDeps } from '../src/server/runtime.js';
import { adminUrl, log } from './kit.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { 'min-ms': { type: 'string', default: '50' }, plain: { type: 'boolean', default: false }, migrate: { type: 'boolean', default: false } } });
const template = positionals[0];
if (!template || !/^[a-z0-9_]+$/.test(template)) {
  console.error('usage: bench/sweep-explain.ts KEPT_DATABASE [--min-ms 50] [--plain] [--migrate]');
  process.exit(1);
}
const copy = `yw_bench_sweepx_${process.pid}_${randomBytes(3).toString('hex')}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
let t = performance.now();
await admin.query(`CREATE DATABASE ${copy} TEMPLATE ${template}`);
log(`copied ${template} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
const url = new URL(adminUrl);
url.pathname = `/${copy}`;
if (values.migrate) {
  t = performance.now();
  const m = await openDatabase({ databaseUrl: url.toString(), poolSize: 1 });
  await migrate(m.db);
  await sql`VACUUM ANALYZE`.execute(m.db);
  await m.close();
  log(`migrated the copy in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}
const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 1 });
try {
  if (!values.plain) {
    database.pool!.on('connect', (c) => {
      c.on('notice', (n) => console.log(n.message));
      void c.query(`LOAD 'auto_explain'; SET auto_explain.log_min_duration = ${Number(values['min-ms'])}; SET auto_explain.log_analyze = on;
        SET auto_explain.log_buffers = on; SET auto_explain.log_wal = on; SET auto_explain.log_triggers = on;
        SET auto_explain.log_nested_statements = on; SET auto_explain.log_level = notice`);
    });
  }
  const now = new Date('2026-11-02T10:00:00+08:00'); // bench/sweep.ts's instant
  const deps = assembleDeps(database, { now: () => now, logLevel: 'silent' });
  await deps.calendar.ready();
  await sql`CHECKPOINT`.execute(database.db);
  const timings: Record<string, number> = {};
  // One pooled connection: its backend's CPU from /proc (the server runs on this machine), beside this process's.
  const backend = Number((await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(database.db)).rows[0].pid);
  const backendCpu = () => {
    const f = readFileSync(`/proc/${backend}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  };
  const db0 = backendCpu();
  const cpu0 = process.cpuUsage();
  t = performance.now();
  const counts = await sweepSla(deps, { timings });
  const cpu = process.cpuUsage(cpu0);
  log(`sweep ${((performance.now() - t) / 1000).toFixed(2)} s, node CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s, database backend CPU ${(backendCpu() - db0).toFixed(2)} s; ${JSON.stringify(counts)}`);
  log(`phases (ms) ${Object.entries(timings).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}`);
} finally {
  await database.close();
  await admin.query(`DROP DATABASE IF EXISTS ${copy} WITH (FORCE)`);
  await admin.end();
}
process.exit(0);
