import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/engine.js';
import { cliTarget, yiwang } from '../kit/cli.js';

let target: Awaited<ReturnType<typeof cliTarget>>;
const open = () => openDatabase(target.env.DATABASE_URL ? { databaseUrl: target.env.DATABASE_URL } : { dataDir: target.args[1] });

beforeAll(async () => {
  target = await cliTarget();
  const demo = yiwang(['demo', '--cases', '60', ...target.args], target.env);
  expect(demo.code, demo.stderr).toBe(0);
});
afterAll(() => target.drop());

describe('yiwang audit verify', () => {
  it('passes on an untouched database and lists every account', () => {
    const r = yiwang(['audit', 'verify', ...target.args], target.env);
    expect(r.code, r.stderr).toBe(0);
    // 60 played cases plus the demo's import history.
    expect(Number(/事件链完整：(\d+) 件诉求/.exec(r.stdout)?.[1])).toBeGreaterThanOrEqual(60);
    // Every case row and assignment row agrees with what its events determine.
    expect(Number(/记录与事件一致：(\d+) 件诉求/.exec(r.stdout)?.[1])).toBeGreaterThanOrEqual(60);
    const users = JSON.parse(yiwang(['users', 'list', '--json', ...target.args], target.env).stdout);
    expect(users.map((u: any) => u.role)).toEqual(expect.arrayContaining(['admin', 'intake', 'handler', 'head', 'supervisor', 'leader']));
  });

  it('names the case and the field of a row changed by SQL behind its events', async () => {
    const database = await open();
    const victim = await database.db.selectFrom('cases').select(['id', 'code', 'rating', 'reply_text'])
      .where('status', '=', 'closed').where('rating', 'is distinct from', 'satisfied').where('reply_text', 'is not', null)
      .orderBy('id').limit(1).executeTakeFirstOrThrow();
    await sql`UPDATE cases SET rating = 'satisfied', reply_text = 'x' WHERE id = ${victim.id}`.execute(database.db);
    await database.close();
    const r = yiwang(['audit', 'verify', ...target.args], target.env);
    expect(r.code, r.stdout).toBe(2);
    // The chains themselves are intact: only the row lies.
    expect(r.stdout).toContain('事件链完整');
    expect(r.stderr).toContain(`案件 ${victim.code} 字段 rating：记录为 satisfied，事件推导为 ${victim.rating ?? '空'}`);
    expect(r.stderr).toContain(`案件 ${victim.code} 字段 reply_text：记录为 x，事件推导为 `);
    expect(r.stderr).toContain('记录与事件不符：1 件诉求');
  });

  it('names the first case whose event was altered', async () => {
    const database = await open();
    const victim = await database.db.selectFrom('cases').select(['id', 'code']).where('event_count', '>', 3).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    await sql`UPDATE case_events SET payload = '{"text":"篡改后的答复"}' WHERE case_id = ${victim.id} AND seq = 2`.execute(database.db);
    await database.close();
    const r = yiwang(['audit', 'verify', ...target.args], target.env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(victim.code);
    expect(r.stderr).toContain('第 2 条事件');
  });

  it('catches a deleted event too, reporting the first broken case by id', async () => {
    const database = await open();
    const first = await database.db.selectFrom('cases').select(['id', 'code', 'event_count']).where('event_count', '>', 2).orderBy('id').limit(1).executeTakeFirstOrThrow();
    await sql`DELETE FROM case_events WHERE case_id = ${first.id} AND seq = ${first.event_count}`.execute(database.db);
    await database.close();
    const r = yiwang(['audit', 'verify', ...target.args], target.env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(first.code);
  });
});
