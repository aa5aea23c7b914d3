import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.js';
import { StartRefused } from './start-refused.js';

export const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
// Any constant works; it only has to be the same in every process so two servers starting together migrate once.
const migrationLockKey = 73_210_001;

/**
 * Earlier texts of two landed migrations that were edited after landing and have since been restored to their
 * first text (the edits now ship as 0017 and 0018). A database that recorded one of these checksums applied the
 * edited text: it is accepted once and its record is moved to the restored text's checksum.
 */
const restoredFrom: Record<string, string[]> = {
  '0001_init.sql': ['630bb6402460baa67acadb532fa036100f38a2e590db8a0dc0156bed89daa64c'],
  '0014_levels.sql': ['cc70a5ba69a627d1ee4c6ae6a7b7c2a0d33ae53eb97e4e129d12a2a8f61222b9'],
};

/** sha256 of a migration's text, line endings read as LF so a Windows checkout hashes the same. */
export function checksumOf(text: string): string {
  return createHash('sha256').update(text.replace(/\r\n/g, '\n')).digest('hex');
}

export interface MigrateOptions {
  /** Where the files are; tests point it at a copy. */
  dir?: string;
  /** Told when an old database's records are filled or moved. */
  log?: (line: string) => void;
}

/**
 * Applies forward-only SQL migrations in file-name order, each in its own transaction, recording each file's
 * checksum. Refuses (StartRefused, before applying anything) when a file already applied differs from the text
 * the database applied. A database that predates checksums gets them filled from the files. Returns the names applied.
 */
export async function migrate(db: Kysely<DB>, opts: MigrateOptions = {}): Promise<string[]> {
  const dir = opts.dir ?? migrationsDir;
  const files = readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();
  const texts = new Map(files.map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]));
  const applied: string[] = [];
  await db.connection().execute(async (conn) => {
    await sql`SELECT pg_advisory_lock(${migrationLockKey})`.execute(conn);
    try {
      await sql`CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now(), checksum text)`.execute(conn);
      await sql`ALTER TABLE schema_migrations ADD COLUMN IF NOT EXISTS checksum text`.execute(conn);
      const recorded = await conn.selectFrom('schema_migrations').select(['name', 'checksum']).execute();
      const fills: { name: string; checksum: string; note: string }[] = [];
      for (const row of recorded) {
        const text = texts.get(row.name);
        if (text === undefined) continue;
        const now = checksumOf(text);
        if (row.checksum === now) continue;
        if (row.checksum === null) fills.push({ name: row.name, checksum: now, note: 'recorded before checksums' });
        else if (restoredFrom[row.name]?.includes(row.checksum)) fills.push({ name: row.name, checksum: now, note: 'applied from its edited text, now restored' });
        else throw migrationChanged(row.name, row.checksum, now);
      }
      if (fills.length > 0) {
        await conn.transaction().execute(async (tx) => {
          for (const f of fills) await tx.updateTable('schema_migrations').set({ checksum: f.checksum }).where('name', '=', f.name).execute();
        });
        const moved = fills.filter((f) => f.note !== 'recorded before checksums').map((f) => f.name);
        opts.log?.(`migrations: recorded checksums for ${fills.length} migration(s) applied before checksums${moved.length ? `; accepted the edited text of ${moved.join(', ')} once (restored to its first text)` : ''}`);
      }
      const done = new Set(recorded.map((r) => r.name));
      for (const file of files) {
        if (done.has(file)) continue;
        const text = texts.get(file)!;
        await conn.transaction().execute(async (tx) => {
          for (const statement of splitStatements(text)) await sql.raw(statement).execute(tx);
          await tx.insertInto('schema_migrations').values({ name: file, checksum: checksumOf(text) }).execute();
        });
        applied.push(file);
      }
    } finally {
      await sql`SELECT pg_advisory_unlock(${migrationLockKey})`.execute(conn);
    }
  });
  return applied;
}

function migrationChanged(file: string, was: string, now: string): StartRefused {
  return new StartRefused(
    `迁移文件 ${file} 已在此数据库执行过，但文件内容已被修改（执行时 sha256 ${was.slice(0, 12)}…，现在 ${now.slice(0, 12)}…），拒绝启动。` +
      `已上线的迁移不可修改：请把该文件恢复原样，把改动写成新的迁移文件。\n` +
      `Migration ${file} was applied to this database but its text has changed since (applied sha256 ${was.slice(0, 12)}…, ` +
      `file now ${now.slice(0, 12)}…); refusing to start. Landed migrations are forward-only: restore the file and ship ` +
      `the change as a new migration.`,
  );
}

/**
 * Splits a migration into statements: both drivers send queries through the extended protocol, which takes one
 * statement at a time. A statement ends with `;` at the end of a line; a `$$` body may contain inner `;` lines.
 */
export function splitStatements(text: string): string[] {
  const out: string[] = [];
  let current: string[] = [];
  let inDollar = false;
  for (const line of text.split('\n')) {
    if (!inDollar && /^\s*--/.test(line)) continue;
    current.push(line);
    if ((line.match(/\$\$/g)?.length ?? 0) % 2 === 1) inDollar = !inDollar;
    if (!inDollar && /;\s*(--.*)?$/.test(line)) {
      out.push(current.join('\n').trim());
      current = [];
    }
  }
  const rest = current.join('\n').trim();
  if (rest) out.push(rest);
  return out.filter((s) => s.length > 0);
}
