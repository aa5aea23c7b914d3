import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp } from '../../src/server/app.js';
import { openDatabase, pgliteParsers, type Database } from '../../src/server/db/engine.js';
import { migrate } from '../../src/server/db/migrate.js';
import type { AppDeps } from '../../src/server/deps.js';
import { seedOrganisation } from '../../src/server/demo/seed-org.js';
import { assembleDeps } from '../../src/server/runtime.js';
import { TestClock } from './clock.js';

export type TestEngine = 'pglite' | 'postgres';
export const testEngine: TestEngine = process.env.YIWANG_TEST_ENGINE === 'postgres' ? 'postgres' : 'pglite';
export const testServerUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let template: Promise<Blob> | null = null;

/** A migrated, seeded PGlite folder dumped once per worker; each test loads a copy instead of running initdb. */
function pgliteTemplate(): Promise<Blob> {
  template ??= (async () => {
    const pglite = await PGlite.create({ parsers: pgliteParsers });
    const database = await openDatabase({ pglite });
    await migrate(database.db);
    await seedOrganisation(database.db);
    const blob = await pglite.dumpDataDir('none');
    await database.close();
    return blob;
  })();
  return template;
}

/** A fresh database on the engine under test: a new in-memory PGlite, or a new database on the PostgreSQL server. */
export async function freshDatabase(): Promise<{ database: Database; url?: string; drop(): Promise<void> }> {
  if (testEngine === 'pglite') {
    const pglite = await PGlite.create({ loadDataDir: await pgliteTemplate(), parsers: pgliteParsers });
    const database = await openDatabase({ pglite });
    return { database, drop: () => database.close() };
  }
  const name = `yw_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testServerUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(testServerUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 8 });
  await migrate(database.db);
  await seedOrganisation(database.db);
  return {
    database,
    url: url.toString(),
    async drop() {
      await database.close();
      const c = new pg.Client({ connectionString: testServerUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface TestRuntime {
  deps: AppDeps;
  app: FastifyInstance;
  clock: TestClock;
  close(): Promise<void>;
}

/** The in-process application on a fresh database with a controllable clock. */
export async function testRuntime(start = '2026-11-02T09:00:00+08:00'): Promise<TestRuntime> {
  const fresh = await freshDatabase();
  const clock = new TestClock(new Date(start));
  const deps: AppDeps = assembleDeps(fresh.database, { now: () => clock.now(), logLevel: 'silent', validateResponses: true });
  // Tests move the clock by days and weeks with the sessions they logged in with; session expiry has its own test
  // (test/api/session-expiry.int.test.ts), which sets the production lifetime back.
  deps.sessionTtlMs = 400 * 24 * 3_600_000;
  const app = await buildApp(deps);
  return {
    deps, app, clock,
    async close() {
      await app.close();
      await fresh.drop();
    },
  };
}
