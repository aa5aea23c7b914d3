import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSlaSweep } from '../../src/server/jobs/scheduler.js';
import { sweepSla } from '../../src/server/jobs/sla-sweep.js';
import { spawnTs } from '../kit/cli.js';
import { testEngine, testRuntime, testServerUrl, type TestRuntime } from '../kit/runtime.js';
import { dispatchedCases } from './kit.js';

// Several sweeps at the same moment must not double a crossing, an event or an urge: the advisory lock keeps a
// second process from even trying, and the unique crossing rows hold when two sweeps do run at once.

let rt: TestRuntime;

beforeAll(async () => {
  rt = await testRuntime('2024-09-27T10:00:00+08:00');
  // A third of the cases stay unsigned (sign clocks), the rest run reply and opinion clocks.
  await dispatchedCases(rt, 12, (i) => i % 3 !== 0);
});
afterAll(() => rt.close());

/** Every crossing once, one case.warned per crossing, one urge and one escalation per red crossing. */
async function expectNothingDoubled(expectedCrossings: number) {
  const { db } = rt.deps.database;
  const crossings = await db.selectFrom('sla_crossings').selectAll().execute();
  expect(crossings).toHaveLength(expectedCrossings);
  const events = await db.selectFrom('case_events').select(['case_id', 'type', 'payload'])
    .where('type', 'in', ['case.warned', 'case.urged', 'case.escalated']).execute();
  const key = (e: { type: string; payload: Record<string, unknown> }) => `${e.type}|${e.payload.assignmentId}|${e.payload.clock ?? ''}|${e.payload.level ?? ''}`;
  expect(new Set(events.map(key)).size).toBe(events.length);
  const warned = events.filter((e) => e.type === 'case.warned');
  expect(warned).toHaveLength(crossings.length);
  const reds = crossings.filter((c) => c.level === 'red').length;
  expect(events.filter((e) => e.type === 'case.urged')).toHaveLength(reds);
  expect(events.filter((e) => e.type === 'case.escalated')).toHaveLength(reds);
}

describe('concurrent sweeps', () => {
  // 12 cases × (lead + co); unsigned ones run sign clocks, signed ones reply (lead) and opinion (co) clocks.
  const expected = 12 * 2 * 2; // every clock past its deadline: yellow + red each

  it(testEngine === 'postgres' ? 'two OS processes on one PostgreSQL database' : 'two sweeps at once in one PGlite process', async () => {
    const now = '2024-10-21T09:00:00+08:00';
    if (testEngine === 'postgres') {
      const url = await databaseUrlOf(rt);
      const startAt = Date.now() + 2_500;
      const results = await Promise.all([runWorker(url, now, startAt), runWorker(url, now, startAt)]);
      expect(results.reduce((n, r) => n + (r.crossings ?? 0), 0)).toBe(expected);
    } else {
      rt.clock.set(now);
      const results = await Promise.all([runSlaSweep(rt.deps), runSlaSweep(rt.deps)]);
      expect(results.reduce((n, r) => n + (r?.crossings ?? 0), 0)).toBe(expected);
    }
    await expectNothingDoubled(expected);
  }, 90_000);

  it('without the lock, two sweeps racing still record everything once (the unique rows)', async () => {
    // Ask for a recompute of every assignment, so both sweeps try to record all the crossings again at once.
    await sql`UPDATE assignment_sla SET check_at = '-infinity'`.execute(rt.deps.database.db);
    rt.clock.set('2024-10-22T09:00:00+08:00');
    if (testEngine === 'postgres') {
      const url = await databaseUrlOf(rt);
      const startAt = Date.now() + 2_500;
      await Promise.all([runWorker(url, rt.clock.now().toISOString(), startAt, '--no-lock'), runWorker(url, rt.clock.now().toISOString(), startAt, '--no-lock')]);
    } else {
      await Promise.all([sweepSla(rt.deps), sweepSla(rt.deps)]);
    }
    const both = await Promise.all([sweepSla(rt.deps), sweepSla(rt.deps)]);
    expect(both.map((c) => c.crossings)).toEqual([0, 0]);
    await expectNothingDoubled(expected);
  }, 90_000);
});

async function databaseUrlOf(t: TestRuntime): Promise<string> {
  const r = await t.deps.database.db.selectNoFrom((eb) => eb.fn<string>('current_database', []).as('name')).executeTakeFirstOrThrow();
  const url = new URL(testServerUrl);
  url.pathname = `/${r.name}`;
  return url.toString();
}

function runWorker(url: string, now: string, startAt: number, flag?: string): Promise<{ ran: boolean; crossings?: number }> {
  return new Promise((resolve, reject) => {
    const child = spawnTs('test/sla/sweep-worker.ts', [now, String(startAt), ...(flag ? [flag] : [])], { DATABASE_URL: url });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!)) : reject(new Error(`worker exited ${code}: ${err}`))));
  });
}
