// Faults, measured (issue 16 item 11). Prints figures, asserts nothing; run as root (tmpfs, PostgreSQL as `postgres`).
//
//   node --import tsx bench/faults.ts                       # all phases, 10-minute soak
//   node --import tsx bench/faults.ts --soak-minutes 30     # the full soak
//   node --import tsx bench/faults.ts --only kill,restart,disk,soak --load-seconds 30
//
// Every PostgreSQL phase runs on a throwaway cluster this script creates (test/kit/pg-cluster.ts), never on the
// machine's main one; the app processes are `yiwang serve` behind the shipped nginx config (deploy/nginx/compose.conf).
// 1 kill     — kill -9 of one of two processes under mixed load (case creations with Idempotency-Key, dispatch
//              commands), restarted 5 s later; every acknowledged case and command must be in the database.
// 2 restart  — PostgreSQL stopped mid-load (pg_ctl stop -m fast) and started 5 s later; counts of 503 and their
//              codes, /readyz red → green per process, seconds until the first success after the start.
// 3 disk     — PGlite on a 96 MiB tmpfs filled by a file: a write's answer, then space freed, the same process
//              writes again; acknowledged vs stored; `yiwang audit verify` after.
// 4 soak     — mixed load for N minutes through nginx, RSS and V8 heap of both processes every minute.
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openDatabase } from '../src/server/db/engine.js';
import { migrate } from '../src/server/db/migrate.js';
import { seedOrganisation } from '../src/server/demo/seed-org.js';
import { createCluster } from '../test/kit/pg-cluster.js';
import { appProcess, freePort, heapMiB, login, mixedLoad, projectRoot, rssMiB, sleep, startNginx, stop, Tally, type AppProcess } from './faults-kit.js';
import { log } from './kit.js';

const { values: args } = parseArgs({ options: {
  only: { type: 'string', default: 'kill,restart,disk,soak' },
  'load-seconds': { type: 'string', default: '30' },
  'soak-minutes': { type: 'string', default: '10' },
  workers: { type: 'string', default: '8' },
} });
const phases = new Set(args.only!.split(','));
const loadSeconds = Number(args['load-seconds']);
const workers = Number(args.workers);
const out = (line: string) => process.stdout.write(`${line}\n`);

async function orgIds(base: string, cookie: string) {
  const org = await (await fetch(`${base}/api/org`, { headers: { cookie } })).json() as { departments: { id: number; code: string }[]; categories: { id: number; code: string }[] };
  return { category: org.categories.find((c) => c.code === 'approval.construction_permit')!.id, lead: org.departments.find((d) => d.code === 'zjj')!.id };
}

/** Markers and dispatched cases found in the database. */
async function stored(url: string, tag: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const cases = await c.query<{ id: number; marker: string }>(`SELECT id, substring(title from '${tag}-[0-9]+-[0-9]+') AS marker FROM cases WHERE title LIKE $1`, [`故障测试 ${tag}-%`]);
    const dispatched = await c.query<{ case_id: number }>(`SELECT DISTINCT case_id FROM case_events WHERE type = 'case.dispatched' AND case_id = ANY($1)`, [cases.rows.map((r) => r.id)]);
    return { markers: new Set(cases.rows.map((r) => r.marker)), rows: cases.rows.length, dispatched: new Set(dispatched.rows.map((r) => Number(r.case_id))) };
  } finally {
    await c.end();
  }
}

function report(name: string, t: Tally, s: { markers: Set<string>; rows: number; dispatched: Set<number> }) {
  const lost = [...t.acknowledged].filter((m) => !s.markers.has(m));
  const lostCommands = [...t.commandsAcknowledged].filter((id) => !s.dispatched.has(id));
  out(`${name}: operations ${t.sent} (HTTP attempts ${t.attempts}), answers: ${t.summary()}`);
  out(`${name}: cases acknowledged ${t.acknowledged.size}, stored ${s.markers.size} (rows ${s.rows}, duplicates ${s.rows - s.markers.size}), acknowledged but missing ${lost.length}; dispatch commands acknowledged ${t.commandsAcknowledged.size}, missing ${lostCommands.length}; gave up after retries ${t.gaveUp}`);
}

/** A throwaway cluster with a migrated, seeded database, two app processes and nginx. */
async function postgresStack(label: string) {
  const cluster = createCluster(await freePort(), { fsync: true });
  const admin = new pg.Client({ connectionString: cluster.url() });
  await admin.connect();
  await admin.query('CREATE DATABASE yw');
  await admin.end();
  const url = cluster.url('yw');
  const database = await openDatabase({ databaseUrl: url, poolSize: 2 });
  await migrate(database.db);
  await seedOrganisation(database.db);
  await database.close();
  const apps = [appProcess(await freePort(), { DATABASE_URL: url }), appProcess(await freePort(), { DATABASE_URL: url })];
  await Promise.all(apps.map((a) => a.start()));
  const dir = mkdtempSync(path.join(tmpdir(), `yw-faults-${label}-`));
  const nginx = await startNginx(dir, apps.map((a) => a.port));
  const session = await login(nginx.url, 'intake');
  const ids = await orgIds(nginx.url, session.cookie);
  return {
    cluster, url, apps, nginx, session, ids,
    async close() {
      await stop(nginx.child, 'SIGQUIT');
      await Promise.all(apps.map((a) => stop(a.child)));
      cluster.removeAll();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function killPhase() {
  log('kill -9: starting a throwaway cluster, two processes and nginx');
  const st = await postgresStack('kill');
  const t = new Tally();
  let running = true;
  const load = mixedLoad(st.nginx.url, st.session, 'kill', workers, () => running, t, st.ids);
  await sleep((loadSeconds / 3) * 1000);
  const victim = st.apps[0];
  const before = t.acknowledged.size;
  victim.child.kill('SIGKILL');
  const killedAt = Date.now();
  out(`kill: kill -9 of process :${victim.port} (pid ${victim.child.pid}) after ${before} acknowledged cases`);
  await sleep(5_000);
  await victim.start();
  out(`kill: restarted :${victim.port} ${((Date.now() - killedAt) / 1000).toFixed(1)} s after the kill`);
  await sleep((loadSeconds / 3) * 1000);
  running = false;
  await load;
  report('kill', t, await stored(st.url, 'kill'));
  await st.close();
}

async function restartPhase() {
  log('PostgreSQL restart: starting a throwaway cluster, two processes and nginx');
  const st = await postgresStack('restart');
  const t = new Tally();
  let running = true;
  const load = mixedLoad(st.nginx.url, st.session, 'restart', workers, () => running, t, st.ids);
  // /readyz of each process, directly, every 200 ms.
  const ready = st.apps.map(() => ({ red: 0, firstRed: 0, greenAgain: 0 }));
  let polling = true;
  const poller = (async () => {
    while (polling) {
      await Promise.all(st.apps.map(async (a, i) => {
        const ok = (await fetch(`http://127.0.0.1:${a.port}/readyz`, { signal: AbortSignal.timeout(3_000) }).catch(() => null))?.status === 200;
        const r = ready[i];
        if (!ok) {
          r.red++;
          r.firstRed ||= Date.now();
        } else if (r.firstRed && !r.greenAgain) r.greenAgain = Date.now();
      }));
      await sleep(200);
    }
  })();
  await sleep((loadSeconds / 3) * 1000);
  const okBefore = t.acknowledged.size;
  const stoppedAt = Date.now();
  st.cluster.stop('fast');
  const stopReturned = Date.now();
  out(`restart: PostgreSQL stopped (pg_ctl stop -m fast) after ${okBefore} acknowledged cases; start again in 5 s`);
  await sleep(5_000);
  st.cluster.start();
  const startedAt = Date.now();
  const lastOkBefore = t.lastOk;
  while (t.lastOk <= startedAt && Date.now() - startedAt < 60_000) await sleep(50);
  const recovery = (t.lastOk - startedAt) / 1000;
  await sleep((loadSeconds / 3) * 1000);
  running = false;
  await load;
  polling = false;
  await poller;
  out(`restart: pg_ctl stop took ${((stopReturned - stoppedAt) / 1000).toFixed(1)} s (waits for sessions to end), down until the start ${((startedAt - stopReturned) / 1000).toFixed(1)} s later; last success ${((lastOkBefore - stoppedAt) / 1000).toFixed(2)} s after the stop began; first success ${recovery.toFixed(2)} s after the start (no app restart)`);
  ready.forEach((r, i) => out(`restart: /readyz of :${st.apps[i].port} red ${r.red} polls, from ${((r.firstRed - stoppedAt) / 1000).toFixed(2)} s after the stop to green ${((r.greenAgain - startedAt) / 1000).toFixed(2)} s after the start`));
  const processesAlive = st.apps.every((a) => a.child.exitCode === null && a.child.signalCode === null);
  out(`restart: both processes still running: ${processesAlive ? 'yes' : 'NO'}; 500 answers: ${[...t.statuses.entries()].filter(([k]) => k.startsWith('500')).reduce((n, [, v]) => n + v, 0)}`);
  report('restart', t, await stored(st.url, 'restart'));
  await st.close();
}

async function diskPhase() {
  log('full disk: PGlite on a 96 MiB tmpfs');
  const mount = mkdtempSync(path.join(tmpdir(), 'yw-faults-disk-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=96m', 'tmpfs', mount]);
  const data = path.join(mount, 'data');
  try {
    // Migrate and seed the folder before the server takes it (one process per folder).
    const database = await openDatabase({ dataDir: data });
    await migrate(database.db);
    await seedOrganisation(database.db);
    await database.close();
    const app = appProcess(await freePort(), {}, ['--data', data]);
    await app.start();
    const base = `http://127.0.0.1:${app.port}`;
    const session = await login(base, 'intake');
    const ids = await orgIds(base, session.cookie);
    const t = new Tally();
    let running = true;
    const load = mixedLoad(base, session, 'disk', 4, () => running, t, ids);
    await sleep(5_000);
    const filler = path.join(mount, 'filler');
    const fd = openSync(filler, 'w');
    const block = Buffer.alloc(1 << 20, 1);
    let filled = 0;
    try {
      for (;;) {
        writeSync(fd, block);
        filled++;
      }
    } catch {
      // ENOSPC: the disk is full
    } finally {
      closeSync(fd);
    }
    const fullAt = Date.now();
    out(`disk: tmpfs filled (filler ${filled} MiB) after ${t.acknowledged.size} acknowledged cases`);
    while (![...t.statuses.keys()].some((k) => !k.startsWith('2')) && Date.now() - fullAt < 30_000) await sleep(100);
    await sleep(3_000);
    const during = t.summary();
    rmSync(filler);
    const freedAt = Date.now();
    while (t.lastOk <= freedAt && Date.now() - freedAt < 30_000) await sleep(50);
    out(`disk: answers while full: ${during}; first success ${((t.lastOk - freedAt) / 1000).toFixed(2)} s after space was freed; process alive: ${app.child.exitCode === null && app.child.signalCode === null ? 'yes' : 'NO'}`);
    await sleep(5_000);
    running = false;
    await load;
    await stop(app.child);
    const verify = spawnSync(process.execPath, [path.join(projectRoot, 'bin/yiwang.js'), 'audit', 'verify', '--data', data], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '' } });
    out(`disk: yiwang audit verify exit ${verify.status}: ${(verify.stdout + verify.stderr).trim().split('\n').slice(-3).join(' | ')}`);
    const check = await openDatabase({ dataDir: data });
    const rows = await check.db.selectFrom('cases').select(['id', 'title']).where('title', 'like', '故障测试 disk-%').execute();
    const dispatched = await check.db.selectFrom('case_events').select('case_id').distinct().where('type', '=', 'case.dispatched').execute();
    await check.close();
    const markers = new Set(rows.map((r) => /disk-\d+-\d+/.exec(r.title)![0]));
    report('disk', t, { markers, rows: rows.length, dispatched: new Set(dispatched.map((r) => Number(r.case_id))) });
  } finally {
    spawnSync('umount', [mount]);
    rmSync(mount, { recursive: true, force: true });
  }
}

async function soakPhase(minutes: number) {
  log(`soak: ${minutes} minutes through nginx, two processes on a throwaway cluster`);
  const st = await postgresStack('soak');
  const t = new Tally();
  let running = true;
  // A steadier load than the fault phases: 4 workers.
  const load = mixedLoad(st.nginx.url, st.session, 'soak', 4, () => running, t, st.ids);
  const sample = async (minute: number) => {
    const cols = await Promise.all(st.apps.map(async (a: AppProcess) => `:${a.port} RSS ${rssMiB(a.child.pid!)} MiB heap ${await heapMiB(a.port)} MiB`));
    out(`soak: minute ${String(minute).padStart(2)} — ${cols.join('; ')} — cases acknowledged ${t.acknowledged.size}`);
  };
  await sample(0);
  for (let m = 1; m <= minutes; m++) {
    await sleep(60_000);
    await sample(m);
  }
  running = false;
  await load;
  report('soak', t, await stored(st.url, 'soak'));
  await st.close();
}

if (phases.has('kill')) await killPhase();
if (phases.has('restart')) await restartPhase();
if (phases.has('disk')) await diskPhase();
if (phases.has('soak')) await soakPhase(Number(args['soak-minutes']));
