import { appendFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/server/db/engine.js';
import { checksumOf, migrate, migrationsDir } from '../../src/server/db/migrate.js';
import { StartRefused } from '../../src/server/db/start-refused.js';
import { emptyDatabase, migrationsCopy } from './migration-kit.js';
import { schemaDump } from './schema-dump.js';

// The texts of 0001 and 0014 as they stood after their later edits (test/db/fixtures), before they were restored
// and the edits shipped as 0017 and 0018.
const editedTexts = { '0001_init.sql': '0001_init.edited.sql', '0014_levels.sql': '0014_levels.edited.sql' };

const drops: (() => Promise<void>)[] = [];
async function empty(): Promise<Database> {
  const e = await emptyDatabase();
  drops.push(e.drop);
  return e.database;
}
afterAll(async () => {
  for (const drop of drops) await drop();
});

const records = async (database: Database) =>
  (await database.db.selectFrom('schema_migrations').select(['name', 'checksum']).orderBy('name').execute());

/** A database as it stood before checksums: migrated from `dir`, then the bookkeeping column removed. */
async function oldDatabase(dir: string): Promise<Database> {
  const database = await empty();
  await migrate(database.db, { dir });
  await sql`ALTER TABLE schema_migrations DROP COLUMN checksum`.execute(database.db);
  return database;
}

let restored: Database;
let restoredDump: string[];
beforeAll(async () => {
  restored = await empty();
  await migrate(restored.db);
  restoredDump = await schemaDump(restored.db);
});

describe('the restored 0001 and 0014', () => {
  it('a database from the edited texts and one from the first texts end with the same schema as a new one', async () => {
    const fromEdited = await oldDatabase(migrationsCopy({ upTo: '0016', replace: editedTexts }));
    const fromFirst = await oldDatabase(migrationsCopy({ upTo: '0016' }));
    // Before 0017 and 0018 the two differ exactly by the edits: three indexes and the outbox trigger's types.
    const editedBefore = await schemaDump(fromEdited.db);
    const firstBefore = await schemaDump(fromFirst.db);
    const onlyFirst = firstBefore.filter((l) => !editedBefore.includes(l));
    const onlyEdited = editedBefore.filter((l) => !firstBefore.includes(l));
    expect(onlyFirst).toHaveLength(4);
    for (const index of ['cases_category_idx', 'cases_district_idx', 'case_events_at_idx']) expect(onlyFirst.some((l) => l.startsWith(`index CREATE INDEX ${index} `))).toBe(true);
    expect(onlyEdited).toHaveLength(1);
    expect(editedBefore.find((l) => l.startsWith('trigger case_events_notification_outbox'))).toContain('case.merge_received');
    expect(firstBefore.find((l) => l.startsWith('trigger case_events_notification_outbox'))).not.toContain('case.merge_received');

    const logs: string[] = [];
    for (const database of [fromEdited, fromFirst]) {
      // 0017 and 0018 first, then every migration that landed after them.
      const later = readdirSync(migrationsDir).filter((f) => f.endsWith('.sql') && f >= '0019').sort();
      expect(await migrate(database.db, { log: (l) => logs.push(l) })).toEqual(['0017_drop_unused_case_indexes.sql', '0018_merge_notifications.sql', ...later]);
      expect(await schemaDump(database.db)).toEqual(restoredDump);
      expect(await records(database)).toEqual(await records(restored));
    }
    expect(logs).toHaveLength(2);
    expect(logs[0]).toContain('before checksums');
  });

  it('a database that recorded the edited texts\' checksums is accepted once, and its records move to the restored texts', async () => {
    const database = await empty();
    await migrate(database.db, { dir: migrationsCopy({ upTo: '0016', replace: editedTexts }) });
    const before = await records(database);
    expect(before.find((r) => r.name === '0001_init.sql')?.checksum).not.toBe(checksumOf(readFileSync(path.join(migrationsDir, '0001_init.sql'), 'utf8')));
    const logs: string[] = [];
    await migrate(database.db, { log: (l) => logs.push(l) });
    expect(logs.join('\n')).toContain('0001_init.sql, 0014_levels.sql');
    expect(await records(database)).toEqual(await records(restored));
    expect(await schemaDump(database.db)).toEqual(restoredDump);
    // Once: the next start has nothing to accept or fill.
    logs.length = 0;
    expect(await migrate(database.db, { log: (l) => logs.push(l) })).toEqual([]);
    expect(logs).toEqual([]);
  });

  it('every landed file has a checksum recorded', async () => {
    const rows = await records(restored);
    const files = readdirSync(migrationsDir).filter((f) => f.endsWith('.sql')).sort();
    expect(rows.map((r) => r.name)).toEqual(files);
    for (const r of rows) expect(r.checksum).toBe(checksumOf(readFileSync(path.join(migrationsDir, r.name), 'utf8')));
  });
});

describe('a changed migration stops start-up', () => {
  it('refuses, naming the file in Chinese and English, and applies nothing new until the file is restored', async () => {
    const dir = migrationsCopy();
    const database = await empty();
    await migrate(database.db, { dir });
    const original = readFileSync(path.join(dir, '0003_sla.sql'), 'utf8');
    appendFileSync(path.join(dir, '0003_sla.sql'), '\nCREATE INDEX sneaky_idx ON cases (priority);\n');
    writeFileSync(path.join(dir, '0099_next.sql'), 'CREATE TABLE next_thing (id integer);\n');
    const refused = await migrate(database.db, { dir }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(StartRefused);
    const message = (refused as Error).message;
    expect(message).toContain('迁移文件 0003_sla.sql');
    expect(message).toContain('Migration 0003_sla.sql');
    expect(message).toContain('refusing to start');
    expect(await records(database)).not.toContainEqual(expect.objectContaining({ name: '0099_next.sql' }));

    writeFileSync(path.join(dir, '0003_sla.sql'), original.replace(/\n/g, '\r\n'));
    // Line endings alone are not a change (a Windows checkout).
    expect(await migrate(database.db, { dir })).toEqual(['0099_next.sql']);
  });

  it('accepts the edited text of 0001 only as the restored file\'s predecessor, not any other text', async () => {
    const database = await empty();
    await migrate(database.db);
    await database.db.updateTable('schema_migrations').set({ checksum: checksumOf('something else') }).where('name', '=', '0001_init.sql').execute();
    await expect(migrate(database.db)).rejects.toThrow(/迁移文件 0001_init\.sql[\s\S]*Migration 0001_init\.sql/);
  });
});
