// The server under test, run as a child process of bench/run.ts. It starts the application through the real startup
// path (startRuntime + buildApp + listen on 127.0.0.1, a free port) and answers a few questions over the IPC channel
// between measurements (case ids, row counts, query counters). Nothing here is timed by itself.
//
// argv: --engine pglite|postgres --data DIR | --url URL [--demo]
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import pg from 'pg';
import { buildApp } from '../src/server/app.js';
import { loadDemo } from '../src/server/demo/load-demo.js';
import { seedOrganisation } from '../src/server/demo/seed-org.js';
import { startRuntime } from '../src/server/runtime.js';

const { values } = parseArgs({
  options: { engine: { type: 'string' }, data: { type: 'string' }, url: { type: 'string' }, demo: { type: 'boolean' } },
});

// Count the statements the application sends (BEGIN/COMMIT/ROLLBACK excluded, so both engines count alike:
// PGlite's transaction() issues those itself). A counter increment per statement costs nothing measurable.
let statements = 0;
const txControl = /^\s*(begin|commit|rollback|savepoint|release)\b/i;
const pgQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string } | undefined)?.text ?? '';
  if (!txControl.test(text)) statements++;
  return (pgQuery as (...a: unknown[]) => unknown).apply(this, args);
} as typeof pgQuery;
const liteQuery = PGlite.prototype.query;
PGlite.prototype.query = function (this: PGlite, ...args: Parameters<PGlite['query']>) {
  if (!txControl.test(String(args[0]))) statements++;
  return liteQuery.apply(this, args);
} as typeof liteQuery;
const liteTransaction = PGlite.prototype.transaction;
PGlite.prototype.transaction = function (this: PGlite, callback: Parameters<PGlite['transaction']>[0]) {
  return liteTransaction.call(this, (tx) => {
    const inner = tx.query.bind(tx);
    tx.query = ((...args: Parameters<typeof inner>) => {
      statements++;
      return inner(...args);
    }) as typeof tx.query;
    return callback(tx);
  });
} as typeof liteTransaction;

const setupStarted = Date.now();
const engine = values.engine === 'postgres' ? { databaseUrl: values.url! } : { dataDir: values.data! };
const deps = await startRuntime({ ...engine, logLevel: 'warn' });
const db = deps.database.db;
let demo: { cases: number; events: number } | null = null;
if (values.demo) demo = await loadDemo(db, deps.policy);
else await seedOrganisation(db);
// Fresh statistics after the bulk load, as autovacuum would eventually provide on a server.
await sql`ANALYZE`.execute(db);
const app = await buildApp(deps);
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;

let profiler: Session | null = null;

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time by function and by area (package or src folder), in percent of the samples. */
function summarise(p: CpuProfile) {
  const self = new Map<number, number>();
  for (let i = 0; i < p.samples.length; i++) self.set(p.samples[i], (self.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0));
  const total = [...self.values()].reduce((a, b) => a + b, 0) || 1;
  const byFn = new Map<string, number>();
  const byArea = new Map<string, number>();
  for (const node of p.nodes) {
    const t = self.get(node.id) ?? 0;
    if (!t) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url.replace(/^file:\/\//, '').replace(process.cwd() + '/', '');
    const fn = `${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''}`.trim();
    byFn.set(fn, (byFn.get(fn) ?? 0) + t);
    const area = !file ? functionName.startsWith('(') ? functionName : '(native/builtin)'
      : file.startsWith('node:') ? 'node: core'
        : file.includes('node_modules/') ? `npm ${file.split('node_modules/').pop()!.split('/').slice(0, file.includes('node_modules/@') ? 2 : 1).join('/')}`
          : file.split('/').slice(0, 3).join('/');
    byArea.set(area, (byArea.get(area) ?? 0) + t);
  }
  const top = (m: Map<string, number>, n: number) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => [k, Math.round((1000 * v) / total) / 10] as const);
  return { totalMs: Math.round(total / 1000), areas: top(byArea, 15), functions: top(byFn, 25) };
}

type Request = { id: number; cmd: string; args?: any };

async function answer(req: Request): Promise<unknown> {
  switch (req.cmd) {
    case 'statements':
      return statements;
    case 'cpu': {
      const u = process.cpuUsage();
      return u.user + u.system;
    }
    case 'caseIds': {
      const rows = await db.selectFrom('cases').select('id').orderBy('id').execute();
      return rows.map((r) => r.id);
    }
    case 'counts': {
      const c = await db.selectFrom('cases').select([db.fn.countAll<number>().as('n'), db.fn.max('id').as('maxId')]).executeTakeFirstOrThrow();
      const e = await db.selectFrom('case_events').select(db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return { cases: Number(c.n), maxId: Number(c.maxId ?? 0), events: Number(e.n) };
    }
    case 'verify': {
      // args: { afterId, acked: [caseId, eventsInResponse][] }. Every acknowledged id must be one row whose events
      // match what the response showed; rows above afterId that nobody acknowledged were in flight when the run stopped.
      const { afterId, acked } = req.args as { afterId: number; acked: [number, number][] };
      const rows = (await sql<{ id: number; event_count: number; events: number }>`
        SELECT c.id, c.event_count, count(e.case_id)::int AS events
        FROM cases c LEFT JOIN case_events e ON e.case_id = c.id
        WHERE c.id > ${afterId} GROUP BY c.id, c.event_count`.execute(db)).rows;
      const byId = new Map(rows.map((r) => [r.id, { eventCount: r.event_count, events: Number(r.events) }]));
      let missing = 0;
      let eventMismatch = 0;
      const seen = new Set<number>();
      let duplicateAcks = 0;
      for (const [id, n] of acked) {
        if (seen.has(id)) duplicateAcks++;
        seen.add(id);
        const r = byId.get(id);
        if (!r) missing++;
        else if (r.events !== n || r.eventCount !== n) eventMismatch++;
      }
      const totalEvents = rows.reduce((s, r) => s + r.events, 0);
      return { newCases: rows.length, newEvents: totalEvents, acked: acked.length, missing, eventMismatch, duplicateAcks, unacknowledged: rows.length - seen.size };
    }
    case 'profileStart':
      profiler ??= new Session();
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.setSamplingInterval', { interval: 200 });
      await profiler.post('Profiler.start');
      return true;
    case 'profileStop': {
      const { profile } = await profiler!.post('Profiler.stop');
      profiler!.disconnect();
      profiler = null;
      writeFileSync(req.args as string, JSON.stringify(profile));
      return summarise(profile as unknown as CpuProfile);
    }
    case 'stop':
      await app.close();
      await deps.database.close();
      setImmediate(() => process.exit(0));
      return true;
    default:
      throw new Error(`unknown command ${req.cmd}`);
  }
}

process.on('message', (req: Request) => {
  answer(req).then(
    (result) => process.send!({ id: req.id, result }),
    (err: Error) => process.send!({ id: req.id, error: String(err?.stack ?? err) }),
  );
});
process.send!({ ready: true, port, setupMs: Date.now() - setupStarted, demo, engine: deps.database.kind });
