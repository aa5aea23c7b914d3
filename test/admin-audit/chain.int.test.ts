import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleActor, recordAdminChange, verifyAdminChain } from '../../src/server/modules/admin-audit/index.js';
import type { Database } from '../../src/server/db/engine.js';
import { freshDatabase } from '../kit/runtime.js';

// The administrative audit trail: one gap-free hash chain, written in the change's transaction, append-only, and
// checked by verifyAdminChain (part of `yiwang audit verify`).

let fresh: Awaited<ReturnType<typeof freshDatabase>>;
let database: Database;
const actor = { userId: null, name: '测试管理员', address: '203.0.113.9' };

beforeAll(async () => {
  fresh = await freshDatabase();
  database = fresh.database;
});
afterAll(() => fresh.drop());

describe('admin audit trail', () => {
  it('chains changes made one after another and at once, and verify accepts them', async () => {
    const db = database.db;
    await db.transaction().execute((tx) => recordAdminChange(tx, consoleActor, { action: 'city.init', targetType: 'city', after: { name: '示例市', code: '430400' } }));
    await Promise.all(Array.from({ length: 6 }, (_, i) => db.transaction().execute((tx) =>
      recordAdminChange(tx, actor, { action: 'unit.rename', targetType: 'unit', targetId: i + 1, targetName: `单位${i}`, before: { name: `旧${i}` }, after: { name: `新${i}`, at: new Date('2026-12-01T00:00:00Z') } }))));
    const rows = await db.selectFrom('admin_audit').select(['seq', 'action', 'after']).orderBy('seq').execute();
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(rows[0].after).toEqual({ name: '示例市', code: '430400' });
    expect(await verifyAdminChain(db)).toEqual({ entriesChecked: 7, firstBroken: null });
  });

  it('leaves no row when the change rolls back', async () => {
    const db = database.db;
    const before = await verifyAdminChain(db);
    await expect(db.transaction().execute(async (tx) => {
      await recordAdminChange(tx, actor, { action: 'user.create', targetType: 'user', targetId: 99 });
      throw new Error('the change failed');
    })).rejects.toThrow('the change failed');
    expect(await verifyAdminChain(db)).toEqual(before);
  });

  it('refuses updates and deletes, and verify names the row a superuser altered', async () => {
    const db = database.db;
    await expect(sql`UPDATE admin_audit SET actor_name = 'x' WHERE seq = 3`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM admin_audit WHERE seq = 7`.execute(db)).rejects.toThrow(/append-only/);
    await sql`ALTER TABLE admin_audit DISABLE TRIGGER admin_audit_no_change`.execute(db);
    await sql`UPDATE admin_audit SET after = '{"name":"篡改"}' WHERE seq = 3`.execute(db);
    expect((await verifyAdminChain(db)).firstBroken).toEqual({ seq: 3, reason: 'entry altered, removed or reordered' });
    await sql`DELETE FROM admin_audit WHERE seq >= 3`.execute(db);
    expect((await verifyAdminChain(db)).firstBroken).toEqual({ seq: 3, reason: 'entries missing at the end of the chain' });
    await sql`ALTER TABLE admin_audit ENABLE TRIGGER admin_audit_no_change`.execute(db);
  });
});
