// Throughput and latency benchmarks for 一网督办. Prints figures, asserts nothing. See bench/README.md.
//
//   node --import tsx bench/run.ts [--engine pglite|postgres|both] [--quick] [--profile]
//
// Placement on the 2-core machine: this process (the autocannon load generator) is pinned to CPU 0, every server under
// test (the hello-world ceiling and the application) runs as a child process pinned to CPU 1. The PostgreSQL server's
// backends are not ours to pin and float over both cores.
import { adminUrl, scratchTarget } from './kit.js';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const projectRoot = path.resolve(benchDir, '..');

const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'both' },
    quick: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    only: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log('node --import tsx bench/run.ts [--engine pglite|postgres|both] [--quick] [--profile] [--only page|intake]');
  process.exit(0);
}
const engines = values.engine === 'both' ? ['pglite', 'postgres'] as const
  : values.engine === 'pglite' || values.engine === 'postgres' ? [values.engine] as const
    : (() => { throw new Error(`--engine must be pglite, postgres or both, not ${values.engine}`); })();


// Seconds: warm-up (not measured), then the measured run.
const durations = values.quick
  ? { hello: [1, 3], page: [2, 5], intake: [1, 4] }
  : { hello: [5, 20], page: [5, 30], intake: [5, 20] };
const connections = { hello: 50, page: 50, intake: 16 };

// ---------------------------------------------------------------------------------------------------------------------
// Core placement

const cpuCount = os.cpus().length;
let placement = 'unpinned';
const pin = (core: number) => (cpuCount >= 2 ? ['taskset', '-c', String(core)] : []);
if (cpuCount >= 2) {
  try {
    execFileSync('taskset', ['-a', '-cp', '0', String(process.pid)], { stdio: 'ignore' });
    placement = 'load generator on CPU 0, server under test on CPU 1 (taskset); PostgreSQL backends unpinned';
  } catch {
    placement = 'unpinned (taskset unavailable)';
  }
}
const pinned = placement.startsWith('load');

// ---------------------------------------------------------------------------------------------------------------------
// Child processes

interface Child {
  engine: string;
  port: number;
  setupMs: number;
  demo: { cases: number; events: number } | null;
  call<T = unknown>(cmd: string, args?: unknown): Promise<T>;
  stop(): Promise<void>;
}

function startChild(script: string, args: string[], nodeFlags: string[] = []): Promise<Child> {
  const cmd = [...(pinned ? pin(1) : []), process.execPath, '--import', 'tsx', ...nodeFlags, path.join(benchDir, script), ...args];
  const proc: ChildProcess = spawn(cmd[0], cmd.slice(1), { cwd: projectRoot, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let nextId = 1;
  const pending = new Map<number, { resolve(v: any): void; reject(e: Error): void }>();
  return new Promise((resolve, reject) => {
    proc.once('exit', (code) => {
      for (const p of pending.values()) p.reject(new Error(`${script} exited (${code})`));
      reject(new Error(`${script} exited before it was ready (${code})`));
    });
    proc.on('message', (m: any) => {
      if (m.ready) {
        resolve({
          engine: m.engine ?? 'hello', port: m.port, setupMs: m.setupMs, demo: m.demo ?? null,
          call(cmd, a) {
            const id = nextId++;
            return new Promise((res, rej) => {
              pending.set(id, { resolve: res, reject: rej });
              proc.send({ id, cmd, args: a });
            });
          },
          async stop() {
            const exited = new Promise((r) => proc.once('exit', r));
            proc.send({ id: nextId++, cmd: 'stop' });
            await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
            if (proc.exitCode === null) proc.kill('SIGKILL');
          },
        });
        return;
      }
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (m.error) p.reject(new Error(m.error));
      else p.resolve(m.result);
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------------
// Load generation

interface Measured {
  ok: number;
  non2xx: number;
  errors: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  statusCodes: Record<string, number>;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

// autocannon decodes every response body into a string (`req.body += data` per chunk), which it hands only to a
// request's onResponse. For the case page (6 KB of JSON with Chinese text, no onResponse) that decoding was 40 % of the
// load generator's CPU (its own profile), and the generator, not the server, was the limit: its core 94–95 % busy
// against 78 % for the ceiling, the server's core a quarter idle. Runs without an onResponse drop the bodies unread
// (bytes are still counted); the intake runs, which read their answers, keep them.
type BodyQueue = { prototype: { addBody(data: Buffer): void } };
const bodyQueue = createRequire(import.meta.url)('autocannon/lib/pipelinedRequestsQueue.js') as BodyQueue;
const keepBody = bodyQueue.prototype.addBody;
const dropBody = () => {};

/** One autocannon run. Latency percentiles come from every 2xx response's own time (sub-millisecond resolution). */
async function load(opts: autocannon.Options, measure = true): Promise<Measured> {
  let samples = new Float64Array(1 << 16);
  let n = 0;
  const readsBodies = (opts.requests ?? []).some((r) => typeof r.onResponse === 'function');
  bodyQueue.prototype.addBody = readsBodies ? keepBody : dropBody;
  const instance = autocannon({ ...opts, connections: opts.connections, pipelining: 1 });
  if (measure) {
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      if (statusCode < 200 || statusCode >= 300) return;
      if (n === samples.length) {
        const bigger = new Float64Array(samples.length * 2);
        bigger.set(samples);
        samples = bigger;
      }
      samples[n++] = responseTime;
    });
  }
  const r = await instance;
  const sorted = samples.subarray(0, n).sort();
  const seconds = r.duration;
  return {
    ok: r['2xx'], non2xx: r.non2xx, errors: r.errors + r.timeouts, seconds, rps: r['2xx'] / seconds,
    p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: n ? sorted[n - 1] : NaN,
    statusCodes: Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([k, v]) => [k, (v as { count: number }).count])),
  };
}

async function login(base: string, username: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'Demo@2021' }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const set = res.headers.getSetCookie().find((c) => c.startsWith('yw_session='));
  if (!set) throw new Error('login returned no yw_session cookie');
  const body = (await res.json()) as { csrfToken: string };
  return { cookie: set.split(';')[0], csrf: body.csrfToken };
}

// ---------------------------------------------------------------------------------------------------------------------
// Benchmarks

async function helloCeiling(): Promise<Measured> {
  const child = await startChild('hello.ts', []);
  try {
    const url = `http://127.0.0.1:${child.port}/`;
    const [warm, run] = durations.hello;
    await load({ url, connections: connections.hello, duration: warm }, false);
    return await load({ url, connections: connections.hello, duration: run });
  } finally {
    await child.stop();
  }
}

interface CasePageResult extends Measured {
  cpuMsPerRequest: number;
  statementsPerRequest: number;
  caseIds: number;
  avgEvents: number;
}

async function casePage(child: Child, base: string): Promise<CasePageResult> {
  const ids = await child.call<number[]>('caseIds');
  const counts = await child.call<{ cases: number; events: number }>('counts');
  const s = await login(base, 'supervisor');
  let i = 0;
  const opts: autocannon.Options = {
    url: base, connections: connections.page,
    headers: { cookie: s.cookie },
    requests: [{
      method: 'GET',
      // Spread over every case: a stride through the ids so that all are visited, in an order unrelated to insertion.
      setupRequest: (req) => ({ ...req, path: `/api/cases/${ids[(i++ * 7_919) % ids.length]}` }),
    }],
  };
  // Every case read once before the clock starts (8 at a time), so the window measures the page as it is served all
  // day (from the per-process cache), not the first reads: on a loaded machine a 5 s warm-up reached only a fraction
  // of the ids and most measured requests were first reads (1.09 statements per request on PGlite).
  const primed = Date.now();
  for (let k = 0; k < ids.length; k += 8) {
    await Promise.all(ids.slice(k, k + 8).map((id) => fetch(`${base}/api/cases/${id}`, { headers: { cookie: s.cookie } }).then((r) => r.arrayBuffer())));
  }
  log(`[${child.engine}] every case read once in ${((Date.now() - primed) / 1000).toFixed(1)} s`);
  const [warm, run] = durations.page;
  await load({ ...opts, duration: warm }, false);
  const before = await child.call<number>('statements');
  const cpuBefore = await child.call<number>('cpu');
  const m = await profiled(child, 'casepage', () => load({ ...opts, duration: run }));
  const cpuAfter = await child.call<number>('cpu');
  const after = await child.call<number>('statements');
  const requests = m.ok + m.non2xx;
  return { ...m, cpuMsPerRequest: (cpuAfter - cpuBefore) / 1000 / Math.max(1, requests), statementsPerRequest: (after - before) / Math.max(1, requests), caseIds: ids.length, avgEvents: counts.events / counts.cases };
}

/** Runs a measurement, CPU-profiling the server meanwhile when --profile is given, and prints where time went. */
async function profiled<T>(child: Child, label: string, measure: () => Promise<T>): Promise<T> {
  const profileFile = values.profile ? path.join(os.tmpdir(), `yw-bench-${label}-${child.engine}-${process.pid}.cpuprofile`) : null;
  if (profileFile) await child.call('profileStart');
  const m = await measure();
  if (profileFile) {
    const summary = await child.call<{ totalMs: number; areas: [string, number][]; functions: [string, number][] }>('profileStop', profileFile);
    log(`\n[${child.engine}] ${label} CPU profile of the server (${summary.totalMs} ms sampled; open ${profileFile} in Chrome DevTools)`);
    log('  self time by area:');
    for (const [k, v] of summary.areas) log(`    ${String(v).padStart(5)}%  ${k}`);
    log('  self time by function:');
    for (const [k, v] of summary.functions) log(`    ${String(v).padStart(5)}%  ${k}`);
    log('');
  }
  return m;
}

interface IntakeResult extends Measured {
  cpuMsPerRequest: number;
  statementsPerRequest: number;
  verify: { newCases: number; newEvents: number; acked: number; missing: number; eventMismatch: number; duplicateAcks: number; unacknowledged: number };
  eventsPerCase: number;
}

async function intake(child: Child, base: string, sessions: { cookie: string; csrf: string }[], dispatch: boolean): Promise<IntakeResult> {
  const org = (await (await fetch(`${base}/api/org`, { headers: { cookie: sessions[0].cookie } })).json()) as {
    departments: { id: number; kind: string }[];
    categories: { id: number; parentId: number | null; defaultLeadDepartmentId: number | null }[];
  };
  const leaves = org.categories.filter((c) => c.parentId != null && c.defaultLeadDepartmentId != null);
  if (!leaves.length) throw new Error('no leaf category with a default lead department');
  const districts = org.departments.filter((d) => d.kind === 'district');
  let n = 0;
  const body = () => {
    const k = n++;
    const c = leaves[k % leaves.length];
    return JSON.stringify({
      title: `施工许可证办理超时（第${k}号）`,
      description: '我公司在蒸湘区的厂房扩建项目已于上月提交全部材料，施工许可证超过法定时限仍未办结，多次电话询问均答复“正在审核”，影响项目开工，请协调相关部门尽快办理。',
      categoryId: c.id, channel: 'hotline', urgency: k % 20 === 0 ? 'urgent' : 'normal',
      submitterName: '张伟', submitterPhone: '13800138000', enterpriseName: '衡阳恒达机械制造有限公司',
      ...(districts.length ? { districtId: districts[k % districts.length].id } : {}),
      address: '衡阳市蒸湘区长丰大道 18 号',
      ...(dispatch ? { dispatch: { leadDepartmentId: c.defaultLeadDepartmentId, coDepartmentIds: [] } } : {}),
    });
  };
  let acked: [number, number][] = [];
  let clientNo = 0;
  const opts: autocannon.Options = {
    url: base, connections: connections.intake,
    // Each connection is one intake clerk with their own session.
    setupClient: (client) => {
      const s = sessions[clientNo++ % sessions.length];
      client.setHeaders({ cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' });
    },
    requests: [{
      method: 'POST', path: '/api/cases',
      setupRequest: (req) => ({ ...req, body: body() }),
      onResponse: (status, resBody) => {
        if (status !== 201) return;
        const detail = JSON.parse(resBody) as { id: number; events: unknown[] };
        acked.push([detail.id, detail.events.length]);
      },
    }],
  };
  const [warm, run] = durations.intake;
  await load({ ...opts, duration: warm }, false);
  await new Promise((r) => setTimeout(r, 300));
  acked = [];
  const { maxId } = await child.call<{ maxId: number }>('counts');
  const before = await child.call<number>('statements');
  const cpuBefore = await child.call<number>('cpu');
  const m = await profiled(child, dispatch ? 'intake-dispatch' : 'intake', () => load({ ...opts, duration: run }));
  const cpuAfter = await child.call<number>('cpu');
  await new Promise((r) => setTimeout(r, 500)); // let requests cut off at the end finish on the server
  const after = await child.call<number>('statements');
  const verify = await child.call<IntakeResult['verify']>('verify', { afterId: maxId, acked });
  return {
    ...m, verify,
    cpuMsPerRequest: (cpuAfter - cpuBefore) / 1000 / Math.max(1, m.ok + m.non2xx),
    statementsPerRequest: (after - before) / Math.max(1, m.ok + m.non2xx),
    eventsPerCase: acked.length ? acked.reduce((s, a) => s + a[1], 0) / acked.length : NaN,
  };
}

/** A benchmark left out with --only: every figure NaN, printed as '–'. */
function skipped(): any {
  return {
    ok: 0, non2xx: 0, errors: 0, seconds: 0, rps: NaN, p50: NaN, p99: NaN, max: NaN, statusCodes: {}, cpuMsPerRequest: NaN,
    statementsPerRequest: NaN, caseIds: 0, avgEvents: NaN, eventsPerCase: NaN,
    verify: { newCases: 0, newEvents: 0, acked: 0, missing: 0, eventMismatch: 0, duplicateAcks: 0, unacknowledged: 0 },
  };
}

interface EngineResult {
  engine: string;
  setupMs: number;
  demo: { cases: number; events: number } | null;
  page: CasePageResult;
  intakeDispatch: IntakeResult;
  intakePlain: IntakeResult;
}

async function runEngine(engine: 'pglite' | 'postgres'): Promise<EngineResult> {
  const target = await scratchTarget(engine, 'http');
  const args = target.url ? ['--engine', 'postgres', '--url', target.url] : ['--engine', 'pglite', '--data', target.dataDir!];
  const cleanup = () => target.drop();
  try {
    log(`[${engine}] starting server (fresh database, demo load)…`);
    const child = await startChild('server.ts', [...args, '--demo']);
    try {
      const base = `http://127.0.0.1:${child.port}`;
      log(`[${engine}] ready in ${(child.setupMs / 1000).toFixed(1)} s (${child.demo?.cases} cases, ${child.demo?.events} events); case page…`);
      const page = values.only === 'intake' ? skipped() : await casePage(child, base);
      log(`[${engine}] case page ${fmt(page.rps)} req/s; intake with dispatch…`);
      if (values.only === 'page') return { engine, setupMs: child.setupMs, demo: child.demo, page, intakeDispatch: skipped(), intakePlain: skipped() };
      const sessions: { cookie: string; csrf: string }[] = [];
      for (let k = 0; k < connections.intake; k++) sessions.push(await login(base, 'intake'));
      const intakeDispatch = await intake(child, base, sessions, true);
      log(`[${engine}] intake+dispatch ${fmt(intakeDispatch.rps)} cases/s; intake without dispatch…`);
      const intakePlain = await intake(child, base, sessions, false);
      log(`[${engine}] intake ${fmt(intakePlain.rps)} cases/s`);
      return { engine, setupMs: child.setupMs, demo: child.demo, page, intakeDispatch, intakePlain };
    } finally {
      await child.stop();
    }
  } finally {
    await cleanup();
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Report

const fmt = (x: number, digits = 0) => (Number.isFinite(x) ? x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '–');
const ms = (x: number) => fmt(x, x < 10 ? 2 : 1);
function log(s: string) {
  process.stderr.write(`${s}\n`);
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  return [line(rows[0]), `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}

function verdict(ok: boolean) {
  return ok ? 'yes' : 'NO';
}

const started = Date.now();
const cpuModel = (() => {
  try {
    return readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/m)?.[1] ?? os.cpus()[0]?.model ?? '?';
  } catch {
    return os.cpus()[0]?.model ?? '?';
  }
})();
const pgVersion = engines.includes('postgres' as never) ? await (async () => {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  const v = (await c.query('SHOW server_version')).rows[0].server_version as string;
  await c.end();
  return v;
})() : null;

log(`bench: ${values.quick ? 'quick' : 'full'} run, engines ${engines.join(', ')}; ${placement}`);
log('hello-world ceiling…');
const hello = await helloCeiling();
log(`hello-world ${fmt(hello.rps)} req/s`);
const results: EngineResult[] = [];
for (const engine of engines) results.push(await runEngine(engine));

const pgliteVersion = JSON.parse(readFileSync(path.join(projectRoot, 'node_modules/@electric-sql/pglite/package.json'), 'utf8')).version as string;
const rows: string[][] = [['figure', 'hello-world', ...results.map((r) => r.engine)]];
const per = (f: (r: EngineResult) => string) => results.map(f);
const intakeTarget = (e: string) => (e === 'postgres' ? 1000 : 500);
rows.push(['server setup: initdb/connect + migrate + demo load (s)', '', ...per((r) => fmt(r.setupMs / 1000, 1))]);
rows.push(['ceiling: GET / {hello} 50 conn, req/s', fmt(hello.rps), ...per(() => '')]);
rows.push(['ceiling p50 / p99 (ms)', `${ms(hello.p50)} / ${ms(hello.p99)}`, ...per(() => '')]);
rows.push(['case page: GET /api/cases/:id 50 conn, req/s', '', ...per((r) => fmt(r.page.rps))]);
rows.push(['case page p50 / p99 (ms)', '', ...per((r) => `${ms(r.page.p50)} / ${ms(r.page.p99)}`)]);
rows.push(['case page % of ceiling (target >= 30%)', '', ...per((r) => `${fmt((100 * r.page.rps) / hello.rps, 1)}% ${verdict(r.page.rps >= 0.3 * hello.rps)}`)]);
rows.push(['case page p99 <= 25 ms', '', ...per((r) => verdict(r.page.p99 <= 25))]);
rows.push(['case page SQL statements / request', '', ...per((r) => fmt(r.page.statementsPerRequest, 2))]);
rows.push(['case page server process CPU ms / request', '', ...per((r) => fmt(r.page.cpuMsPerRequest, 3))]);
rows.push(['case page non-2xx + errors', '', ...per((r) => fmt(r.page.non2xx + r.page.errors))]);
for (const [label, pick] of [['intake + dispatch', (r: EngineResult) => r.intakeDispatch], ['intake only', (r: EngineResult) => r.intakePlain]] as const) {
  rows.push([`${label}: POST /api/cases 16 clients, cases/s`, '', ...per((r) => fmt(pick(r).rps))]);
  rows.push([`${label} p50 / p99 (ms)`, '', ...per((r) => `${ms(pick(r).p50)} / ${ms(pick(r).p99)}`)]);
  rows.push([`${label} server process CPU ms / request`, '', ...per((r) => fmt(pick(r).cpuMsPerRequest, 3))]);
  rows.push([`${label} SQL statements / request (events / case)`, '', ...per((r) => `${fmt(pick(r).statementsPerRequest, 2)} (${fmt(pick(r).eventsPerCase, 1)})`)]);
  rows.push([`${label} acked / new rows / in flight at stop`, '', ...per((r) => `${pick(r).verify.acked} / ${pick(r).verify.newCases} / ${pick(r).verify.unacknowledged}`)]);
  rows.push([`${label} every ack = exactly one case + its events`, '', ...per((r) => {
    const v = pick(r).verify;
    if (Number.isNaN(pick(r).rps)) return '–';
    const good = v.missing === 0 && v.eventMismatch === 0 && v.duplicateAcks === 0 && v.unacknowledged >= 0 && v.unacknowledged <= connections.intake && pick(r).non2xx === 0 && pick(r).errors === 0;
    return good ? 'yes' : `NO (missing ${v.missing}, event mismatch ${v.eventMismatch}, dup ${v.duplicateAcks}, non-2xx ${pick(r).non2xx}, errors ${pick(r).errors})`;
  })]);
}
rows.push(['intake + dispatch meets target (pg >= 1000, pglite >= 500)', '', ...per((r) => verdict(r.intakeDispatch.rps >= intakeTarget(r.engine)))]);

console.log('');
console.log(table(rows));
console.log('');
console.log(`Node ${process.version}; CPU ${cpuModel} x ${cpuCount}; PGlite ${pgliteVersion}${pgVersion ? `; PostgreSQL ${pgVersion}` : ''}`);
console.log(`${placement}`);
console.log(`durations (warm-up + measured, s): hello ${durations.hello.join('+')}, case page ${durations.page.join('+')}, intake ${durations.intake.join('+')} each; ` +
  `demo ${results[0]?.demo?.cases ?? '?'} cases; whole run ${fmt((Date.now() - started) / 1000)} s${values.quick ? ' (--quick: figures are a smoke test only)' : ''}`);
const bad = results.flatMap((r) => Object.entries(r.page.statusCodes).filter(([k]) => !k.startsWith('2')).map(([k, v]) => `${r.engine} case page HTTP ${k} x${v}`));
if (bad.length) console.log(`non-2xx: ${bad.join(', ')}`);
