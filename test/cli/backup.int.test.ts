import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/engine.js';
import { cliTarget, yiwang } from '../kit/cli.js';
import { serverDatabase } from '../kit/engine.js';
import { loginAs } from '../kit/http.js';
import { testEngine, testRuntime, type TestRuntime } from '../kit/runtime.js';

type Target = { env: Record<string, string>; args: string[]; drop(): Promise<void> };

const work = mkdtempSync(path.join(tmpdir(), 'yw-backup-'));

/** A target with nothing in it: a new folder, or a new database on the server with no tables at all. */
async function bareTarget(engine = testEngine): Promise<Target> {
  if (engine === 'pglite') {
    const dir = path.join(work, `data-${randomBytes(4).toString('hex')}`);
    return { env: {}, args: ['--data', dir], drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const server = await serverDatabase('yw_bk');
  return { env: { DATABASE_URL: server.url }, args: [], drop: server.drop };
}

const open = (t: Target) => openDatabase(t.env.DATABASE_URL ? { databaseUrl: t.env.DATABASE_URL } : { dataDir: t.args[1] });

/** What a round trip must keep: counts, every case's chain head, a few rows in full. */
async function snapshot(t: Target) {
  const database = await open(t);
  try {
    const { db } = database;
    const count = async (table: 'cases' | 'case_events' | 'users') => Number((await db.selectFrom(table).select(db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    return {
      cases: await count('cases'),
      events: await count('case_events'),
      users: await count('users'),
      heads: await db.selectFrom('cases').select(['id', 'code', 'status', 'event_count', 'last_event_hash']).orderBy('id').execute(),
      someEvents: await db.selectFrom('case_events').select(['case_id', 'seq', 'type', 'hash', 'payload']).orderBy('case_id', 'desc').orderBy('seq').limit(20).execute(),
      someUsers: await db.selectFrom('users').select(['username', 'role', 'password_hash']).orderBy('username').limit(10).execute(),
    };
  } finally {
    await database.close();
  }
}

const backupFile = path.join(work, 'main.backup');
let source: Target;
const targets: Target[] = [];
const fresh = async (engine = testEngine) => {
  const t = await bareTarget(engine);
  targets.push(t);
  return t;
};

beforeAll(async () => {
  source = await cliTarget();
  const demo = yiwang(['demo', '--cases', '40', ...source.args], source.env);
  expect(demo.code, demo.stderr).toBe(0);
  const r = yiwang(['backup', backupFile, ...source.args], source.env);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).toContain('备份完成');
}, 180_000);
afterAll(async () => {
  await source.drop();
  for (const t of targets) await t.drop();
  rmSync(work, { recursive: true, force: true });
});

describe('yiwang backup / restore', () => {
  it('writes a file that names its engine, versions, counts and checksum, and no leftover .tmp', () => {
    const text = readFileSync(backupFile).subarray(0, 4096).toString('utf8');
    expect(text.startsWith('YIWANG-BACKUP\n')).toBe(true);
    const manifest = JSON.parse(text.slice('YIWANG-BACKUP\n'.length).trim());
    // Format 2 carries a files section: the demo's evidence files live in the blob store beside a PostgreSQL database.
    expect([1, 2]).toContain(manifest.format);
    expect(manifest).toMatchObject({ engine: testEngine, appVersion: expect.any(String), migrations: expect.any(Number), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(manifest.cases).toBeGreaterThanOrEqual(40);
    expect(readdirSync(work).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('restores into an empty target: verify passes, counts and rows match', async () => {
    const target = await fresh();
    const r = yiwang(['restore', backupFile, ...target.args], target.env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('事件链完整');
    expect(await snapshot(target)).toEqual(await snapshot(source));
    const verify = yiwang(['audit', 'verify', ...target.args], target.env);
    expect(verify.code, verify.stderr).toBe(0);

    // The target now holds data: refused without --force (exit 4), nothing touched; with --force it is replaced.
    const again = yiwang(['restore', backupFile, ...target.args], target.env);
    expect(again.code).toBe(4);
    expect(again.stderr).toContain('RESTORE_TARGET_NOT_EMPTY');
    expect(again.stderr).toContain('--force');
    const database = await open(target);
    await sql`UPDATE users SET display_name = '恢复前的改动' WHERE username = 'admin'`.execute(database.db);
    await database.close();
    const forced = yiwang(['restore', backupFile, '--force', ...target.args], target.env);
    expect(forced.code, forced.stderr).toBe(0);
    const after = await open(target);
    const admin = await after.db.selectFrom('users').select('display_name').where('username', '=', 'admin').executeTakeFirstOrThrow();
    await after.close();
    expect(admin.display_name).not.toBe('恢复前的改动');
    if (testEngine === 'pglite') {
      // The replaced folder is kept aside for the admin to delete.
      const kept = /原数据目录已移至 (\S+)，/.exec(forced.stdout)?.[1];
      expect(kept && existsSync(path.join(kept, 'PG_VERSION'))).toBe(true);
      rmSync(kept!, { recursive: true, force: true });
    }
  }, 240_000);

  it('refuses a truncated, an altered and a foreign file (exit 3) and leaves the target untouched', async () => {
    const target = await fresh();
    const truncated = path.join(work, 'truncated.backup');
    copyFileSync(backupFile, truncated);
    truncateSync(truncated, readFileSync(backupFile).length - 1000);
    const altered = path.join(work, 'altered.backup');
    const bytes = readFileSync(backupFile);
    bytes[bytes.length - 500] ^= 0xff;
    writeFileSync(altered, bytes);
    const foreign = path.join(work, 'foreign.backup');
    writeFileSync(foreign, 'PGDMP not ours');
    for (const [file, code] of [[truncated, 'BACKUP_TRUNCATED'], [altered, 'BACKUP_CORRUPTED'], [foreign, 'BACKUP_NOT_A_BACKUP']]) {
      const r = yiwang(['restore', file, ...target.args], target.env);
      expect(r.code, r.stderr).toBe(3);
      expect(r.stderr).toContain(code);
      // Chinese and English.
      expect(r.stderr).toMatch(/[\u4e00-\u9fff]/);
      expect(r.stderr).toMatch(/backup/i);
    }
    if (testEngine === 'pglite') expect(existsSync(target.args[1])).toBe(false);
    else {
      const database = await open(target);
      const tables = await sql<{ n: number }>`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'`.execute(database.db);
      await database.close();
      expect(tables.rows[0].n).toBe(0);
    }
  }, 120_000);

  it("refuses the other engine's backup", async () => {
    const other = testEngine === 'pglite' ? 'postgres' : 'pglite';
    const otherSource = await fresh(other);
    const otherFile = path.join(work, 'other.backup');
    const made = yiwang(['backup', otherFile, ...otherSource.args], otherSource.env);
    expect(made.code, made.stderr).toBe(0);
    const target = await fresh();
    const r = yiwang(['restore', otherFile, ...target.args], target.env);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('BACKUP_WRONG_ENGINE');
    expect(r.stderr).toContain(testEngine === 'pglite' ? '来自 PostgreSQL' : '来自 PGlite');
  }, 120_000);
});

describe('POST /api/admin/backup', () => {
  let rt: TestRuntime;
  beforeAll(async () => {
    rt = await testRuntime();
  });
  afterAll(() => rt.close());

  it('refuses a handler', async () => {
    const handler = await loginAs(rt.app, 'zjj-handler');
    const r = await handler.post('/api/admin/backup');
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('FORBIDDEN');
  });

  it("gives the admin a file that restores, migrating forward from the backup's older schema", async () => {
    // Make the running database look one migration older: undo 0016 (board search) and forget it was applied.
    const { db } = rt.deps.database;
    await sql`DROP INDEX case_publications_search_idx`.execute(db);
    await sql`DROP FUNCTION yw_board_case(text, text[], jsonb)`.execute(db);
    await sql`DROP FUNCTION yw_board_week(timestamptz)`.execute(db);
    await sql`CREATE INDEX case_publications_search_idx ON case_publications USING gin (search_vector)`.execute(db);
    await db.deleteFrom('schema_migrations').where('name', '=', '0016_board_search.sql').execute();

    const login = await rt.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'Demo@2021' } });
    const cookie = `yw_session=${login.cookies.find((c) => c.name === 'yw_session')!.value}`;
    const res = await rt.app.inject({ method: 'POST', url: '/api/admin/backup', headers: { cookie, 'x-csrf-token': login.json().csrfToken } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="yiwang-${testEngine}-\\d{8}-\\d{4}\\.backup"`));
    expect(res.headers['cache-control']).toBe('no-store');
    const file = path.join(work, 'download.backup');
    writeFileSync(file, res.rawPayload);
    expect(res.rawPayload.subarray(0, 14).toString()).toBe('YIWANG-BACKUP\n');

    const target = await fresh();
    const r = yiwang(['restore', file, ...target.args], target.env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('数据库结构已升级');
    const database = await open(target);
    try {
      const applied = await database.db.selectFrom('schema_migrations').select('name').where('name', '=', '0016_board_search.sql').execute();
      expect(applied).toHaveLength(1);
      const admins = await database.db.selectFrom('users').select('username').where('role', '=', 'admin').execute();
      expect(admins.map((u) => u.username)).toContain('admin');
    } finally {
      await database.close();
    }
  }, 120_000);
});
