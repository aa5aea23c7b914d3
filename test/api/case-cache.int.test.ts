import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { openDatabase } from '../../src/server/db/engine.js';
import { assembleDeps } from '../../src/server/runtime.js';
import { manyCaseChanges, publishCaseChanges } from '../../src/server/modules/cases/case-changes.js';
import { loginAs } from '../kit/http.js';
import { orgIds, sampleCase } from '../kit/org.js';
import { testEngine, testRuntime, type TestRuntime } from '../kit/runtime.js';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await testRuntime();
});
afterAll(() => rt.close());

async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 5_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the case page cache never serves a case older than its last write', () => {
  it('the record intake puts in the cache equals the one read back from the database', async () => {
    const intake = await loginAs(rt.app, 'intake');
    const ids = await orgIds(intake);
    const created = (await intake.post('/api/cases', { ...sampleCase(ids.category('approval.construction_permit')), dispatch: { leadDepartmentId: ids.dept('zjj'), coDepartmentIds: [ids.dept('xzsp')] } })).body;
    expect(created.assignments).toHaveLength(2);
    rt.deps.cases.clear();
    const fromDatabase = (await intake.get(`/api/cases/${created.id}`)).body;
    expect(fromDatabase).toEqual(created);
  });

  it('a command invalidates the cached record in the same process', async () => {
    const intake = await loginAs(rt.app, 'intake');
    const ids = await orgIds(intake);
    const id = (await intake.post('/api/cases', sampleCase(ids.category('approval.construction_permit')))).body.id;
    expect((await intake.get(`/api/cases/${id}`)).body.status).toBe('submitted'); // now cached
    await intake.post(`/api/cases/${id}/dispatch`, { leadDepartmentId: ids.dept('zjj'), coDepartmentIds: [] });
    const after = (await intake.get(`/api/cases/${id}`)).body;
    expect(after.status).toBe('dispatched');
    expect(after.events.at(-1).type).toBe('case.dispatched');
  });

  it('a directory reload keeps the presented page when no name changed, and presents it again when one did', async () => {
    const intake = await loginAs(rt.app, 'intake');
    const ids = await orgIds(intake);
    const zjj = ids.dept('zjj');
    const id = (await intake.post('/api/cases', { ...sampleCase(ids.category('approval.construction_permit')), dispatch: { leadDepartmentId: zjj, coDepartmentIds: [] } })).body.id;
    const before = (await intake.get(`/api/cases/${id}`)).body;
    const generation = rt.deps.directory.generation;
    rt.deps.directory.invalidate(); // as when the directory's time is up: the same rows come back
    expect((await intake.get(`/api/cases/${id}`)).body).toEqual(before);
    expect(rt.deps.directory.generation).toBe(generation);
    const { db } = rt.deps.database;
    const old = (await db.selectFrom('departments').select('name').where('id', '=', zjj).executeTakeFirstOrThrow()).name;
    try {
      // Another process's rename, seen here when the directory reloads.
      await db.updateTable('departments').set({ name: '住房和城乡建设局（新名）' }).where('id', '=', zjj).execute();
      rt.deps.directory.invalidate();
      const after = (await intake.get(`/api/cases/${id}`)).body;
      expect(rt.deps.directory.generation).toBe(generation + 1);
      expect(after.leadDepartmentName).toBe('住房和城乡建设局（新名）');
      expect(after.assignments[0].departmentName).toBe('住房和城乡建设局（新名）');
    } finally {
      await db.updateTable('departments').set({ name: old }).where('id', '=', zjj).execute();
      rt.deps.directory.invalidate();
      await rt.deps.directory.ready();
    }
  });

  // Only PostgreSQL has several processes on one database; a PGlite folder has exactly one.
  if (testEngine === 'postgres') it('a write in another server process reaches this one through NOTIFY', async () => {
    // A second process on the same database: its own pool, cache and LISTEN connection.
    const other = await openDatabase({ databaseUrl: await databaseUrlOf(rt) });
    const otherApp = await buildApp(assembleDeps(other, { logLevel: 'silent', now: () => rt.clock.now() }));
    try {
      const here = await loginAs(rt.app, 'intake');
      const there = await loginAs(otherApp, 'intake');
      const ids = await orgIds(here);
      const id = (await here.post('/api/cases', sampleCase(ids.category('approval.construction_permit')))).body.id;
      expect((await here.get(`/api/cases/${id}`)).body.status).toBe('submitted');
      await there.post(`/api/cases/${id}/reject`, { reason: '重复来电，已另案处理' });
      const seen = await eventually(() => here.get(`/api/cases/${id}`), (r) => r.body.status === 'rejected');
      expect(seen.body.status).toBe('rejected');
    } finally {
      await otherApp.close();
      await other.close();
    }
  });

  if (testEngine === 'postgres') it('a change of many cases at once (a sweep\'s batch) reaches this one as one notice that drops its whole cache', async () => {
    const other = await openDatabase({ databaseUrl: await databaseUrlOf(rt) });
    const otherDeps = assembleDeps(other, { logLevel: 'silent', now: () => rt.clock.now() });
    try {
      const here = await loginAs(rt.app, 'intake');
      const ids = await orgIds(here);
      const id = (await here.post('/api/cases', sampleCase(ids.category('approval.construction_permit'), { title: '缓存中的诉求' }))).body.id;
      expect((await here.get(`/api/cases/${id}`)).body.title).toBe('缓存中的诉求');
      // Changed behind the cache's back: this process still serves what it holds.
      await sql`UPDATE cases SET title = '已改的诉求' WHERE id = ${id}`.execute(rt.deps.database.db);
      expect((await here.get(`/api/cases/${id}`)).body.title).toBe('缓存中的诉求');
      // Another process reports more changed cases than one notice each is worth (not even naming this one).
      const many = Array.from({ length: manyCaseChanges + 1 }, (_, i) => 1_000_000 + i);
      await publishCaseChanges(otherDeps, many);
      const seen = await eventually(() => here.get(`/api/cases/${id}`), (r) => r.body.title === '已改的诉求');
      expect(seen.body.title).toBe('已改的诉求');
    } finally {
      await other.close();
    }
  });
});

async function databaseUrlOf(runtime: TestRuntime): Promise<string> {
  const r = await runtime.deps.database.db.selectNoFrom((eb) => eb.fn<string>('current_database', []).as('name')).executeTakeFirstOrThrow();
  const u = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
  u.pathname = `/${r.name}`;
  return u.toString();
}
