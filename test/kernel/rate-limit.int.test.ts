import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { openDatabase, type Database } from '../../src/server/db/engine.js';
import { portalLimits } from '../../src/server/modules/portal/rate-limit.js';
import { assembleDeps } from '../../src/server/runtime.js';
import type { FastifyInstance } from 'fastify';
import { TestClock } from '../kit/clock.js';
import { freshDatabase, testEngine } from '../kit/runtime.js';

// The public limits are counted in PostgreSQL, so two server processes behind a load balancer share one count.
// On PostgreSQL the two apps below have their own connection pools, as two processes would; on PGlite (one process is
// the only writer) they share the one database handle. Either way the old per-process limiter would let 2 × 10 through.

let fresh: Awaited<ReturnType<typeof freshDatabase>>;
let second: Database | null = null;
const apps: FastifyInstance[] = [];
const clock = new TestClock(new Date('2026-11-02T09:00:00+08:00'));

beforeAll(async () => {
  fresh = await freshDatabase();
  second = testEngine === 'postgres' ? await openDatabase({ databaseUrl: fresh.url!, poolSize: 4 }) : null;
  for (const database of [fresh.database, second ?? fresh.database]) {
    apps.push(await buildApp(assembleDeps(database, { now: () => clock.now(), logLevel: 'silent' })));
  }
});
afterAll(async () => {
  for (const app of apps) await app.close();
  await second?.close();
  await fresh.drop();
});

const lookup = (app: FastifyInstance, ip: string, i: number) => app.inject({
  method: 'POST', url: '/api/public/track/lookup', remoteAddress: ip,
  payload: { code: `YW20260101-ABCDEF${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + Math.floor(i / 26))}`, phoneLast4: '1234' },
});

async function hits(): Promise<{ key: string; count: number }[]> {
  const r = await sql<{ key: string; count: number }>`SELECT key, count FROM rate_limit_hits ORDER BY key`.execute(fresh.database.db);
  return r.rows.map((x) => ({ key: x.key, count: Number(x.count) }));
}

describe('a limit shared by two app instances on one database', () => {
  it(`lets ${portalLimits.lookup.max} lookups through in all, alternating between the apps, and refuses the next on either`, async () => {
    const ip = '10.77.0.1';
    const statuses: number[] = [];
    for (let i = 0; i < portalLimits.lookup.max; i++) statuses.push((await lookup(apps[i % 2]!, ip, i)).statusCode);
    expect(statuses).toEqual(Array(portalLimits.lookup.max).fill(404));

    for (const app of apps) {
      const r = await lookup(app, ip, 99);
      expect(r.statusCode).toBe(429);
      expect(r.json().error.code).toBe('PORTAL_RATE_LIMITED');
      expect(r.json().error.details.retryAfterSeconds).toBe(portalLimits.lookup.windowMs / 1000);
    }
    expect(await hits()).toEqual([{ key: `portal:lookup:${ip}`, count: portalLimits.lookup.max + 2 }]);
    // Another address has its own count.
    expect((await lookup(apps[1]!, '10.77.0.2', 0)).statusCode).toBe(404);
  });

  it('counts a new window once the old one ended, and deletes ended windows', async () => {
    clock.advanceHours(portalLimits.lookup.windowMs / 3_600_000);
    expect((await lookup(apps[1]!, '10.77.0.1', 0)).statusCode).toBe(404);
    // The other address's window ended too and was swept; the first address starts again at 1.
    expect(await hits()).toEqual([{ key: 'portal:lookup:10.77.0.1', count: 1 }]);
  });
});
