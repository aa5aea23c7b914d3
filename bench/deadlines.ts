// Deadline arithmetic throughput (pure, no database) and the time to reload the working calendar from each engine.
//   node --import tsx bench/deadlines.ts [--engine pglite|postgres|both] [--quick]
// Prints figures only; asserts nothing.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import pino from 'pino';
import pg from 'pg';
import type { FastifyBaseLogger } from 'fastify';
import { defaultCalendar } from '../src/domain/calendar/index.js';
import { openDatabase, type Database } from '../src/server/db/engine.js';
import { migrate } from '../src/server/db/migrate.js';
import { CalendarStore } from '../src/server/modules/calendar/calendar-store.js';

const { values } = parseArgs({ options: { engine: { type: 'string', default: 'both' }, quick: { type: 'boolean' } } });
const engines = values.engine === 'both' ? (['pglite', 'postgres'] as const)
  : values.engine === 'pglite' || values.engine === 'postgres' ? ([values.engine] as const)
    : (() => { throw new Error(`--engine must be pglite, postgres or both, not ${values.engine}`); })();
const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const n = values.quick ? 50_000 : 500_000;

// Start instants spread over 2019–2026 at arbitrary minutes, so lookups hit every year and holiday.
const start = Date.parse('2019-01-01T00:00:00+08:00');
const span = Date.parse('2026-12-01T00:00:00+08:00') - start;
const froms = Array.from({ length: 4096 }, (_, i) => new Date(start + Math.floor(((i * 2654435761) % 4096) / 4096 * span)));

function rate(label: string, fn: (i: number) => unknown) {
  for (let i = 0; i < 10_000; i += 1) fn(i); // warm-up
  const t0 = process.hrtime.bigint();
  let sink = 0;
  for (let i = 0; i < n; i += 1) sink ^= (fn(i) as Date | number) instanceof Date ? 1 : 0;
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  console.log(`${label.padEnd(44)} ${Math.round((n / ms) * 1000).toLocaleString('en-US').padStart(12)} /s  (${n.toLocaleString('en-US')} in ${ms.toFixed(0)} ms)${sink < 0 ? '' : ''}`);
}

const cal = defaultCalendar;
const paused = [{ start: new Date('2024-10-09T10:00:00+08:00'), end: new Date('2024-10-11T15:00:00+08:00') }];
console.log(`Deadline computations (pure, Node ${process.version})`);
rate('addWorkingDays(from, 1..15)', (i) => cal.addWorkingDays(froms[i & 4095], 1 + (i % 15)));
rate('addWorkingDays(from, 15) with a suspension', (i) => cal.addWorkingDays(froms[i & 4095], 15, paused));
rate('addWorkingHours(from, 0.5..40)', (i) => cal.addWorkingHours(froms[i & 4095], 0.5 + (i % 80) / 2));
rate('workingMillisBetween(from, from + 0..60 days)', (i) => cal.workingMillisBetween(froms[i & 4095], new Date(froms[i & 4095].getTime() + (i % 60) * 86_400_000)));
rate('workingDaysBetween(from, from + 0..60 days)', (i) => cal.workingDaysBetween(froms[i & 4095], new Date(froms[i & 4095].getTime() + (i % 60) * 86_400_000)));

const log = pino({ level: 'silent' }) as FastifyBaseLogger;
// The policy decide() uses: the same arithmetic behind the missing-year check (no database touched before ready()).
const live = new CalendarStore({} as Database, log).policy;
rate('deps.policy.replyBy (CalendarStore, year check)', (i) => live.replyBy(froms[i & 4095], 'complaint', 'normal', null));
async function open(engine: 'pglite' | 'postgres'): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (engine === 'pglite') {
    const database = await openDatabase({});
    return { database, drop: () => database.close() };
  }
  const name = `yw_bench_cal_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 4 });
  return {
    database,
    drop: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

console.log('\nCalendar reload from the database (seeded 2019–2026: 8 years, ~290 days, working hours, no policies)');
for (const engine of engines) {
  const { database, drop } = await open(engine);
  try {
    await migrate(database.db);
    const store = new CalendarStore(database, log);
    const t0 = performance.now();
    await store.ready();
    const first = performance.now() - t0;
    const rounds = values.quick ? 20 : 200;
    const t1 = performance.now();
    for (let i = 0; i < rounds; i += 1) await store.reload();
    const each = (performance.now() - t1) / rounds;
    console.log(`[${engine}] seed + first load ${first.toFixed(1)} ms; reload ${each.toFixed(2)} ms each (mean of ${rounds})`);
  } finally {
    await drop();
  }
}
