import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase, pgliteParsers } from '../../src/server/db/engine.js';
import { migrate } from '../../src/server/db/migrate.js';
import { seedOrganisation } from '../../src/server/demo/seed-org.js';
import { testServerUrl } from './engine.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A file holding a migrated, seeded PGlite data folder (dumpDataDir), made once per run. */
    pgliteTemplateFile?: string;
    /** A migrated, seeded database on the PostgreSQL server, made once per run; files copy it with CREATE DATABASE … TEMPLATE. */
    postgresTemplate?: string;
  }
}

/**
 * Builds the database every integration file starts from once per run instead of once per file: migrating and
 * seeding takes seconds, loading a PGlite dump or copying a template database a fraction of that. Each project
 * (pglite, postgres, e2e) runs this once; the engine comes from the project's env.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (project.config.env?.YIWANG_TEST_ENGINE === 'postgres') return postgresTemplate(project);
  return pgliteTemplate(project);
}

async function pgliteTemplate(project: TestProject): Promise<() => Promise<void>> {
  const pglite = await PGlite.create({ parsers: pgliteParsers });
  const database = await openDatabase({ pglite });
  await migrate(database.db);
  await seedOrganisation(database.db);
  const blob = await pglite.dumpDataDir('none');
  await database.close();
  const dir = mkdtempSync(path.join(tmpdir(), 'yw-tpl-'));
  const file = path.join(dir, 'template.tar');
  writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
  project.provide('pgliteTemplateFile', file);
  return async () => rmSync(dir, { recursive: true, force: true });
}

async function postgresTemplate(project: TestProject): Promise<() => Promise<void>> {
  const name = `yw_tpl_${process.pid}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(testServerUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 2 });
  await migrate(database.db);
  await seedOrganisation(database.db);
  // CREATE DATABASE … TEMPLATE refuses while anyone is connected to the template.
  await database.close();
  project.provide('postgresTemplate', name);
  return () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

async function adminQuery(text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: testServerUrl });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}
