// What every benchmark needs: a scratch database on the engine under test, created fresh and removed afterwards.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../src/server/db/engine.js';

export const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const log = (msg: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${msg}\n`);

export function enginesFrom(flag: string | undefined, order: string[] = ['pglite', 'postgres']): string[] {
  const engines = !flag || flag === 'both' ? order : [flag];
  for (const e of engines) if (e !== 'pglite' && e !== 'postgres') throw new Error(`--engine must be pglite, postgres or both, not ${e}`);
  return engines;
}

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** Where a scratch database lives (a PGlite folder or a new PostgreSQL database), for a child process or for open(). */
export interface ScratchTarget {
  engine: 'pglite' | 'postgres';
  dataDir?: string;
  url?: string;
  drop(): Promise<void>;
}

export async function scratchTarget(engine: string, label: string, keep = false): Promise<ScratchTarget> {
  if (engine === 'postgres') {
    const name = `yw_bench_${label}_${process.pid}_${randomBytes(3).toString('hex')}`;
    await admin(`CREATE DATABASE ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return {
      engine, url: url.toString(),
      async drop() {
        if (keep) log(`kept database ${name}`);
        else await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      },
    };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), `yw-bench-${label}-`));
  return {
    engine: 'pglite', dataDir: dir,
    async drop() {
      if (keep) log(`kept folder ${dir}`);
      else rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A scratch database opened in this process; drop() closes and removes it. */
export async function openScratch(engine: string, label: string, opts: { poolSize?: number; keep?: boolean } = {}): Promise<{ database: Database; drop(): Promise<void> }> {
  const target = await scratchTarget(engine, label, opts.keep);
  const database = await openDatabase(target.url ? { databaseUrl: target.url, poolSize: opts.poolSize ?? 8 } : { dataDir: target.dataDir });
  return {
    database,
    async drop() {
      await database.close();
      await target.drop();
    },
  };
}
