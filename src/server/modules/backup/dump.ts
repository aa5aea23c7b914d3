import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/engine.js';
import type { DB } from '../../db/schema.js';
import { moveIntoPlace, type BlobStore } from '../../kernel/index.js';
import { filesNeedSection, writeFilesSection } from './files-section.js';
import { backupFormat, backupFormatWithFiles, encodeHeader, headerBytes, type BackupManifest } from './manifest.js';
import { checkToolNotOlder, connectionFor, findPgTool, runPgTool } from './pg-tools.js';

const here = path.dirname(fileURLToPath(import.meta.url));

export function appVersion(): string {
  return (JSON.parse(readFileSync(path.join(here, '../../../../package.json'), 'utf8')) as { version: string }).version;
}

type Counts = Pick<BackupManifest, 'cases' | 'events' | 'users' | 'migrations' | 'lastMigration'>;

/** What the manifest says about the data; run inside the dump's snapshot so the figures match the payload. */
export async function countsOf(db: Kysely<DB>): Promise<Counts> {
  const n = async (table: 'cases' | 'case_events' | 'users') => Number((await db.selectFrom(table).select(db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const migrations = await db.selectFrom('schema_migrations').select('name').orderBy('name').execute();
  return {
    cases: await n('cases'), events: await n('case_events'), users: await n('users'),
    migrations: migrations.length, lastMigration: migrations.at(-1)?.name ?? null,
  };
}

/**
 * Writes a consistent backup of the open database to `file`: FILE.tmp first, fsync, then rename, so a crash
 * leaves either the old file or the whole new one. PGlite dumps its data folder while holding the only
 * connection (no transaction is open, nothing writes meanwhile); PostgreSQL runs pg_dump on an exported snapshot.
 */
export async function writeBackup(database: Database, file: string, files?: BlobStore): Promise<BackupManifest> {
  const target = path.resolve(file);
  const tmp = `${target}.tmp`;
  try {
    const manifest = database.kind === 'pglite' ? await dumpPglite(database, tmp, files) : await dumpPostgres(database, tmp, files);
    await moveIntoPlace(tmp, target);
    return manifest;
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/** A backup in a private temporary folder, for the download endpoint; `remove()` deletes it. */
export async function backupToTemp(database: Database, files?: BlobStore): Promise<{ file: string; manifest: BackupManifest; remove(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'yiwang-backup-'));
  const file = path.join(dir, 'backup');
  try {
    const manifest = await writeBackup(database, file, files);
    return { file, manifest, remove: () => rm(dir, { recursive: true, force: true }) };
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}

async function dumpPglite(database: Database, tmp: string, files?: BlobStore): Promise<BackupManifest> {
  const pglite = database.pglite;
  if (!pglite) throw new Error('PGlite instance not available for backup');
  let counts!: Counts;
  let blob!: Blob;
  // Holding Kysely's (serialised) connection keeps every other query and transaction out until the dump is taken.
  await database.db.connection().execute(async (conn) => {
    counts = await countsOf(conn);
    await sql`CHECKPOINT`.execute(conn);
    blob = await pglite.dumpDataDir('gzip');
  });
  return writeWithHeader(tmp, Readable.fromWeb(blob.stream() as WebReadableStream<Uint8Array>), { engine: 'pglite', payload: 'pglite-datadir-tgz', ...counts }, database, files);
}

async function dumpPostgres(database: Database, tmp: string, files?: BlobStore): Promise<BackupManifest> {
  if (!database.url) throw new Error('PostgreSQL URL not available for backup');
  const tool = findPgTool('pg_dump');
  const { dbname, env } = connectionFor(database.url);
  const raw = `${tmp}.pgdump`;
  try {
    let counts!: Counts;
    let serverMajor = 0;
    await database.db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(async (tx) => {
      // The snapshot is taken by this first statement; counts and pg_dump (--snapshot) all read it.
      const snapshot = (await sql<{ s: string }>`SELECT pg_export_snapshot() AS s`.execute(tx)).rows[0].s;
      serverMajor = Math.floor(Number((await sql<{ v: string }>`SELECT current_setting('server_version_num') AS v`.execute(tx)).rows[0].v) / 10_000);
      checkToolNotOlder(tool, serverMajor);
      counts = await countsOf(tx);
      await runPgTool(tool.bin, ['--format=custom', `--snapshot=${snapshot}`, `--file=${raw}`, `--dbname=${dbname}`], env);
    });
    return await writeWithHeader(tmp, createReadStream(raw), {
      engine: 'postgres', payload: 'pg_dump-custom', ...counts, serverMajor, toolMajor: tool.major,
    }, database, files);
  } finally {
    await rm(raw, { force: true });
  }
}

/**
 * Header placeholder, then the payload (hashed on the way), then the files section when the store needs one (after
 * the database's snapshot: every row in it has its blob already, blobs being written before their rows), then the
 * real header; fsync before returning.
 */
async function writeWithHeader(
  tmp: string,
  payload: AsyncIterable<Uint8Array>,
  partial: Omit<BackupManifest, 'format' | 'appVersion' | 'createdAt' | 'payloadBytes' | 'sha256'>,
  database: Database,
  files?: BlobStore,
): Promise<BackupManifest> {
  const fh = await open(tmp, 'w');
  try {
    const hash = createHash('sha256');
    let bytes = 0;
    let position = headerBytes;
    for await (const chunk of payload) {
      hash.update(chunk);
      await fh.write(chunk, 0, chunk.length, position);
      position += chunk.length;
      bytes += chunk.length;
    }
    const section = filesNeedSection(database, files) ? await writeFilesSection(fh, position, files) : undefined;
    const filesIn = section ? 'section' : files?.kind === 's3' ? 's3' : files && database.kind === 'pglite' && database.location !== 'memory' ? 'payload' : 'none';
    const manifest: BackupManifest = {
      format: section ? backupFormatWithFiles : backupFormat, ...partial, appVersion: appVersion(), createdAt: new Date().toISOString(),
      payloadBytes: bytes, sha256: hash.digest('hex'), filesIn, ...(section ? { files: section } : {}),
    };
    await fh.write(encodeHeader(manifest), 0, headerBytes, 0);
    await fh.sync();
    return manifest;
  } finally {
    await fh.close();
  }
}
