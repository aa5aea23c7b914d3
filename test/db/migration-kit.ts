import { copyFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { openDatabase, pgliteParsers, type Database } from '../../src/server/db/engine.js';
import { migrationsDir } from '../../src/server/db/migrate.js';
import { serverDatabase } from '../kit/engine.js';
import { testEngine } from '../kit/runtime.js';

export const fixtures = path.join(import.meta.dirname, 'fixtures');

/** An empty database on the engine under test: nothing migrated. */
export async function emptyDatabase(): Promise<{ database: Database; drop(): Promise<void> }> {
  if (testEngine === 'pglite') {
    const database = await openDatabase({ pglite: await PGlite.create({ parsers: pgliteParsers }) });
    return { database, drop: () => database.close() };
  }
  const server = await serverDatabase('yw_m');
  const database = await openDatabase({ databaseUrl: server.url, poolSize: 2 });
  return {
    database,
    async drop() {
      await database.close();
      await server.drop();
    },
  };
}

/** A copy of the landed migrations in a new folder: those up to `upTo` (inclusive), some files replaced by fixtures. */
export function migrationsCopy(opts: { upTo?: string; replace?: Record<string, string> } = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'yw-migrations-'));
  for (const f of readdirSync(migrationsDir)) {
    if (!f.endsWith('.sql') || (opts.upTo && f.slice(0, 4) > opts.upTo)) continue;
    const from = opts.replace?.[f] ? path.join(fixtures, opts.replace[f]) : path.join(migrationsDir, f);
    copyFileSync(from, path.join(dir, f));
  }
  return dir;
}
