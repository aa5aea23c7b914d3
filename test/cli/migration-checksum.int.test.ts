import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/engine.js';
import { cliTarget, yiwang } from '../kit/cli.js';

let target: Awaited<ReturnType<typeof cliTarget>>;
const open = () => openDatabase(target.env.DATABASE_URL ? { databaseUrl: target.env.DATABASE_URL } : { dataDir: target.args[1] });

beforeAll(async () => {
  target = await cliTarget();
  const first = yiwang(['users', 'list', ...target.args], target.env);
  expect(first.code, first.stderr).toBe(0);
});
afterAll(() => target.drop());

describe('start-up with a changed migration', () => {
  it('refuses with a message naming the file, in Chinese and English, and no stack trace', async () => {
    // The landed files are shared with every other test running now, so the database's record is changed instead
    // of the file: to the comparison it is the same thing (test/db/migrations.int.test.ts changes a copied file).
    const database = await open();
    await database.db.updateTable('schema_migrations').set({ checksum: '0'.repeat(64) }).where('name', '=', '0003_sla.sql').execute();
    await database.close();

    for (const args of [['users', 'list'], ['open311', 'keys', 'list']]) {
      const r = yiwang([...args, ...target.args], target.env);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('迁移文件 0003_sla.sql');
      expect(r.stderr).toContain('Migration 0003_sla.sql');
      expect(r.stderr).not.toMatch(/\n\s+at \S+/);
    }
    // A refused start leaves the PGlite folder free.
    if (!target.env.DATABASE_URL) expect(existsSync(path.join(target.args[1]!, 'yiwang.lock'))).toBe(false);
  }, 120_000);
});
