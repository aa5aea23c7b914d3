import { PGlite } from '@electric-sql/pglite';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import { openDatabase, pgliteParsers, type Database } from '../../src/server/db/engine.js';
import { migrate } from '../../src/server/db/migrate.js';
import type { AppDeps } from '../../src/server/deps.js';
import { assembleDeps } from '../../src/server/runtime.js';
import { serverDatabase, testEngine } from '../kit/engine.js';

/** A migrated database with nothing in it (no demo organisation), on the engine under test, and the app around it. */
export async function emptyRuntime(opts: { webRoot?: string } = {}): Promise<{ database: Database; deps: AppDeps; app: FastifyInstance; close(): Promise<void> }> {
  let database: Database;
  let drop = async () => {};
  if (testEngine === 'pglite') {
    database = await openDatabase({ pglite: await PGlite.create({ parsers: pgliteParsers }) });
  } else {
    const server = await serverDatabase('yw_empty');
    database = await openDatabase({ databaseUrl: server.url, poolSize: 8 });
    drop = server.drop;
  }
  await migrate(database.db);
  const deps = assembleDeps(database, { logLevel: 'silent', validateResponses: true, webRoot: opts.webRoot });
  const app = await buildApp(deps);
  return {
    database, deps, app,
    async close() {
      await app.close();
      await database.close();
      await drop();
    },
  };
}
