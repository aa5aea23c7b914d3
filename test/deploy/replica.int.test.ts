import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { openDatabase, type Database } from '../../src/server/db/engine.js';
import { migrate } from '../../src/server/db/migrate.js';
import { openReadReplica, readReplicaFromEnv, type ReadReplica } from '../../src/server/db/read-replica.js';
import type { AppDeps } from '../../src/server/deps.js';
import { seedOrganisation } from '../../src/server/demo/seed-org.js';
import { assembleDeps } from '../../src/server/runtime.js';
import { loginAs, type Client } from '../kit/http.js';
import { orgIds, sampleCase } from '../kit/org.js';
import { createCluster, type PgCluster } from '../kit/pg-cluster.js';
import { testEngine } from '../kit/runtime.js';
import { freePort } from './kit.js';

// DATABASE_READ_URL: a streaming replica made here with pg_basebackup -R from a throwaway cluster of the test's own
// (the machine's main cluster is never touched). Dashboards read from it; when its replay is paused and the lag
// passes the limit they read from the primary; when it stops they read from the primary; the lag is in /metrics
// and on the admin's replica card endpoint. On PGlite (no replica possible) the same file checks instead that a read
// URL is refused at start and reads use the one database: each engine runs its own tests here, none is skipped.

if (testEngine === 'postgres') describe('a streaming replica behind DATABASE_READ_URL (PostgreSQL)', () => {
  let primary: ReturnType<typeof createCluster>;
  let standby: PgCluster;
  let database: Database;
  let replica: ReadReplica;
  let deps: AppDeps;
  let app: FastifyInstance;
  let leader: Client;
  let admin: Client;
  let intake: Client;
  const maxLag = 2;

  beforeAll(async () => {
    primary = createCluster(await freePort());
    const c = new pg.Client({ connectionString: primary.url() });
    await c.connect();
    await c.query('CREATE DATABASE yw');
    await c.end();
    database = await openDatabase({ databaseUrl: primary.url('yw'), poolSize: 4 });
    await migrate(database.db);
    await seedOrganisation(database.db);
    standby = primary.replica(await freePort());
    replica = openReadReplica(database, { url: standby.url('yw'), maxLagSeconds: maxLag, checkEveryMs: 200 });
    deps = assembleDeps(database, { logLevel: 'silent', replica });
    process.env.YIWANG_METRICS_TOKEN = 'replica-test-token';
    app = await buildApp(deps);
    delete process.env.YIWANG_METRICS_TOKEN;
    [leader, admin, intake] = await Promise.all(['leader', 'admin', 'intake'].map((u) => loginAs(app, u)));
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await replica?.close();
    await database?.close();
    primary?.removeAll();
  });

  const received = async () => {
    const r = await leader.get('/api/dashboard/overview');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body.kpis.received.value as number;
  };
  const untilStatus = async (ok: (s: ReturnType<ReadReplica['status']>) => boolean) => {
    const until = Date.now() + 20_000;
    for (;;) {
      const s = await replica.check();
      if (ok(s)) return s;
      if (Date.now() > until) throw new Error(`replica state not reached: ${JSON.stringify(s)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const newCase = async () => {
    const ids = await orgIds(intake);
    const r = await intake.post('/api/cases', sampleCase(ids.category('approval.construction_permit')));
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  };

  it('reads dashboards from the standby while it keeps up, and shows lag 0', async () => {
    const [inRecovery] = (await sql<{ r: boolean }>`SELECT pg_is_in_recovery() AS r`.execute(deps.readDb)).rows;
    expect(inRecovery.r).toBe(true);
    const s = await untilStatus((x) => x.up && x.lagSeconds === 0);
    expect(s).toMatchObject({ configured: true, up: true, inUse: true, standby: true, lagSeconds: 0 });
    const card = await admin.get('/api/admin/replica');
    expect(card.status).toBe(200);
    expect(card.body).toMatchObject({ configured: true, up: true, inUse: true, lagSeconds: 0, maxLagSeconds: maxLag });
    const before = await received();
    await newCase();
    // The replica replays the new case within moments; the dashboard (reading the replica) then counts it. Polled:
    // lag 0 is read at one instant and the overview at the next, so one read may still see the replica's past.
    await untilStatus((x) => x.lagSeconds === 0);
    const until = Date.now() + 20_000;
    let now = await received();
    while (now !== before + 1 && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 200));
      now = await received();
    }
    expect(now).toBe(before + 1);
  });

  it('serves a paused standby\'s older figures, then reads from the primary once the lag passes the limit', async () => {
    const st = new pg.Client({ connectionString: standby.url('yw') });
    await st.connect();
    try {
      await st.query('SELECT pg_wal_replay_pause()');
      const before = await received();
      await newCase();
      // Written on the primary, not yet replayed: the replica still answers, with the figure before the write.
      const lagging = await replica.check();
      if (lagging.inUse) expect(await received()).toBe(before);
      const s = await untilStatus((x) => x.up && !x.inUse);
      expect(s.lagSeconds).toBeGreaterThan(maxLag);
      expect(await received()).toBe(before + 1);
      const card = await admin.get('/api/admin/replica');
      expect(card.body).toMatchObject({ up: true, inUse: false });
      expect(card.body.lagSeconds).toBeGreaterThan(maxLag);
      const metrics = await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer replica-test-token' } });
      expect(metrics.body).toMatch(/yiwang_db_replica_lag_seconds [1-9]/);
      expect(metrics.body).toContain('yiwang_db_replica_in_use 0');
    } finally {
      await st.query('SELECT pg_wal_replay_resume()');
      await st.end();
    }
    const back = await untilStatus((x) => x.inUse && x.lagSeconds === 0);
    expect(back.lagSeconds).toBe(0);
    const metrics = await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer replica-test-token' } });
    expect(metrics.body).toContain('yiwang_db_replica_lag_seconds 0');
    expect(metrics.body).toContain('yiwang_db_replica_in_use 1');
  });

  it('reads from the primary when the standby is down, and from the standby again once it is back', async () => {
    standby.stop('fast');
    try {
      const before = await received();
      await newCase();
      // No wait for the background check: the first connection refused sends reads to the primary at once.
      expect(await received()).toBe(before + 1);
      const s = await untilStatus((x) => !x.up);
      expect(s).toMatchObject({ up: false, inUse: false, lagSeconds: null });
      expect((await admin.get('/api/admin/replica')).body).toMatchObject({ up: false, inUse: false });
    } finally {
      standby.start();
    }
    await untilStatus((x) => x.up && x.inUse);
    const [inRecovery] = (await sql<{ r: boolean }>`SELECT pg_is_in_recovery() AS r`.execute(deps.readDb)).rows;
    expect(inRecovery.r).toBe(true);
  });
});

else describe('DATABASE_READ_URL on PGlite', () => {
  it('is refused at start with a clear message, and reads use the one database', async () => {
    const database = await openDatabase({});
    try {
      process.env.DATABASE_READ_URL = 'postgres://postgres@127.0.0.1:5432/none';
      expect(() => readReplicaFromEnv(database)).toThrow(/DATABASE_READ_URL needs DATABASE_URL/);
      delete process.env.DATABASE_READ_URL;
      expect(readReplicaFromEnv(database)).toBeUndefined();
      const deps = assembleDeps(database, { logLevel: 'silent' });
      expect(deps.readDb).toBe(database.db);
      expect(deps.replica).toBeUndefined();
    } finally {
      delete process.env.DATABASE_READ_URL;
      await database.close();
    }
  });
});
