import { createReadStream, createWriteStream, existsSync, openAsBlob, readdirSync } from 'node:fs';
import { mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { pgliteParsers } from '../../db/engine.js';
import { backupExit, BackupError, headerBytes, type BackupManifest } from './manifest.js';
import { connectionFor, findPgTool, runPgTool } from './pg-tools.js';

const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../db/migrations');

/** Refuses a backup whose schema has migrations this program does not know (made by a newer version). */
export function checkSchemaNotNewer(manifest: BackupManifest) {
  const known = new Set(readdirSync(migrationsDir).filter((f) => f.endsWith('.sql')));
  if (manifest.migrations <= known.size && (!manifest.lastMigration || known.has(manifest.lastMigration))) return;
  throw new BackupError(
    'BACKUP_SCHEMA_NEWER',
    backupExit.fileRefused,
    `这个备份来自更新的版本（${manifest.appVersion}，迁移 ${manifest.lastMigration}），请先升级本程序再恢复。`,
    `This backup comes from a newer version (${manifest.appVersion}, migration ${manifest.lastMigration}); upgrade this program before restoring.`,
  );
}

/** A PGlite folder holds data when it has a cluster in it (or anything else the restore would overwrite). */
export function folderState(dir: string): 'absent' | 'empty' | 'cluster' | 'other' {
  if (!existsSync(dir)) return 'absent';
  const entries = readdirSync(dir);
  if (entries.length === 0) return 'empty';
  return entries.includes('PG_VERSION') ? 'cluster' : 'other';
}

/**
 * Loads the backup's data folder into DIR.restoring, then swaps it in. A folder that held data is kept as
 * DIR.before-restore-<time> (returned) for the admin to delete; an empty one is removed.
 */
export async function restorePglite(file: string, dataDir: string, keepOld: boolean, payloadBytes?: number): Promise<{ keptAt: string | null }> {
  const dir = path.resolve(dataDir);
  const staging = `${dir}.restoring`;
  await rm(staging, { recursive: true, force: true });
  // The payload only: a files section may follow it (files-section.ts).
  const payload = (await openAsBlob(file)).slice(headerBytes, payloadBytes === undefined ? undefined : headerBytes + payloadBytes);
  try {
    const pglite = await PGlite.create(staging, { loadDataDir: payload, parsers: pgliteParsers });
    await pglite.close();
  } catch (err) {
    await rm(staging, { recursive: true, force: true });
    throw new BackupError('BACKUP_LOAD_FAILED', backupExit.fileRefused, `无法装入备份中的数据目录：${(err as Error).message}`, 'Could not load the data folder from the backup.');
  }
  let keptAt: string | null = null;
  if (existsSync(dir)) {
    if (keepOld) {
      keptAt = `${dir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      await rename(dir, keptAt);
    } else await rm(dir, { recursive: true, force: true });
  }
  await rename(staging, dir);
  return { keptAt };
}

/**
 * Empties the target database (drops the public schema) and runs pg_restore in one transaction. Other sessions
 * holding locks make the drop wait at most 10 seconds, then fail: stop the application first.
 */
export async function restorePostgres(file: string, manifest: BackupManifest, url: string): Promise<void> {
  const tool = findPgTool('pg_restore');
  if (manifest.toolMajor && manifest.toolMajor > tool.major) {
    throw new BackupError(
      'BACKUP_PG_TOOLS_TOO_OLD',
      backupExit.tools,
      `备份由 pg_dump ${manifest.toolMajor} 生成，而 ${tool.bin} 是 ${tool.major} 版，读不了：请安装 ${manifest.toolMajor} 或更新版本的客户端工具。`,
      `The backup was written by pg_dump ${manifest.toolMajor} and ${tool.bin} is version ${tool.major}: install client tools ${manifest.toolMajor} or newer.`,
    );
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'yiwang-restore-'));
  const archive = path.join(dir, 'archive.pgdump');
  try {
    // pg_restore reads a custom-format archive best from a plain file (it seeks).
    await pipeline(createReadStream(file, { start: headerBytes, end: headerBytes + manifest.payloadBytes - 1 }), createWriteStream(archive));
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`SET lock_timeout = '10s'`);
      await client.query('DROP SCHEMA IF EXISTS public CASCADE');
      await client.query('CREATE SCHEMA public');
    } finally {
      await client.end();
    }
    const { dbname, env } = connectionFor(url);
    await runPgTool(tool.bin, ['--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', `--dbname=${dbname}`, archive], env);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
