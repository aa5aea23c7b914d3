import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { FastifyInstance } from 'fastify';
import { inject } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { openDatabase, pgliteParsers, type Database } from '../../src/server/db/engine.js';
import { migrate } from '../../src/server/db/migrate.js';
import type { AppDeps } from '../../src/server/deps.js';
import { seedOrganisation } from '../../src/server/demo/seed-org.js';
import { assembleDeps } from '../../src/server/runtime.js';
import { FsBlobStore } from '../../src/server/kernel/blob-store/index.js';
import { TestClock } from './clock.js';
import { serverDatabase, testEngine } from './engine.js';

export { testEngine, testServerUrl, type TestEngine } from './engine.js';

let template: Promise<Blob> | null = null;

/**
 * A migrated, seeded PGlite folder; each test loads a copy instead of running initdb. The global setup
 * (test/kit/global-setup.ts) dumps it once per run; without it (a config that lacks the setup) it is built here.
 */
export function pgliteTemplate(): Promise<Blob> {
  const file = inject('pgliteTemplateFile');
  if (file) return Promise.resolve(new Blob([readFileSync(file)]));
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
  // A copy of the run's migrated, seeded template (test/kit/global-setup.ts); without one, migrate and seed here.
  const template = inject('postgresTemplate');
  const server = await serverDatabase('yw_t', template);
  const url = server.url;
  const database = await openDatabase({ databaseUrl: url, poolSize: 8 });
  if (!template) {
    await migrate(database.db);
    await seedOrganisation(database.db);
  }
  return {
    database,
    url,
    async drop() {
      await database.close();
      await server.drop();
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
  // Each runtime's attachments in a folder of its own, removed with it.
  const filesDir = mkdtempSync(path.join(tmpdir(), 'yw-files-'));
  const deps: AppDeps = assembleDeps(fresh.database, { now: () => clock.now(), logLevel: 'silent', validateResponses: true, files: new FsBlobStore(filesDir) });
  // Tests move the clock by days and weeks with the sessions they logged in with; session expiry has its own test
  // (test/api/session-expiry.int.test.ts), which sets the production lifetime back.
  deps.sessionTtlMs = 400 * 24 * 3_600_000;
  const app = await buildApp(deps);
  return {
    deps, app, clock,
    async close() {
      await app.close();
      await fresh.drop();
      rmSync(filesDir, { recursive: true, force: true });
    },
  };
}
