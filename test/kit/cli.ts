import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pgliteParsers } from '../../src/server/db/engine.js';
import { freshDatabase, pgliteTemplate, testEngine } from './runtime.js';

export const projectRoot = path.resolve(import.meta.dirname, '../..');

/** Where a CLI under test keeps its data: a new PGlite folder, or a new database on the server. */
export async function cliTarget(): Promise<{ env: Record<string, string>; args: string[]; drop(): Promise<void> }> {
  if (testEngine === 'pglite') {
    // A folder holding the run's migrated, seeded template, as the server target below is a copy of its template: the
    // CLI's first command then neither runs initdb nor migrates (seconds of CPU in every file that uses a target).
    const dir = mkdtempSync(path.join(tmpdir(), 'yw-cli-'));
    const pglite = await PGlite.create({ dataDir: dir, loadDataDir: await pgliteTemplate(), parsers: pgliteParsers });
    await pglite.close();
    return { env: {}, args: ['--data', dir], drop: async () => {} };
  }
  const fresh = await freshDatabase();
  await fresh.database.close();
  return { env: { DATABASE_URL: fresh.url! }, args: [], drop: () => fresh.drop() };
}

function cleanEnv(extra: Record<string, string>) {
  const env = { ...process.env, ...extra };
  if (!extra.DATABASE_URL) delete env.DATABASE_URL;
  return env;
}

export function yiwang(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [path.join(projectRoot, 'bin/yiwang.js'), ...args], { cwd: projectRoot, env: cleanEnv(env), encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function spawnTs(file: string, args: string[], env: Record<string, string> = {}) {
  return spawn(process.execPath, ['--import', 'tsx', file, ...args], { cwd: projectRoot, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A long-running CLI command (`serve`) in a child process. */
export function spawnYiwang(args: string[], env: Record<string, string> = {}) {
  return spawn(process.execPath, [path.join(projectRoot, 'bin/yiwang.js'), ...args], { cwd: projectRoot, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
}
