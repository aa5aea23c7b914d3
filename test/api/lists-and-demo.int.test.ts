import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/server/demo/load-demo.js';
import { verifyChains } from '../../src/server/modules/audit/verify-chains.js';
import { startJobs } from '../../src/server/jobs/scheduler.js';
import { loginAs, type Client } from '../kit/http.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';
import { sampleCase } from '../kit/org.js';
import { processOutbox } from '../../src/server/modules/notifications/fan-out.js';

let rt: TestRuntime;
let supervisor: Client;
/** 300 played cases plus what the areas' demo extras add (the import history). */
let total = 0;
const now = new Date('2026-11-02T09:00:00+08:00');

beforeAll(async () => {
  rt = await testRuntime(now.toISOString());
  await loadDemo(rt.deps.database.db, rt.deps.policy, { cases: 300, seed: 7, now, files: rt.deps.files });
  supervisor = await loginAs(rt.app, 'supervisor');
  total = Number((await rt.deps.database.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
}, 180_000);
afterAll(() => rt.close());

describe('demo data and case lists', () => {
  it('demo cases are legal histories with intact chains, in many states', async () => {
    const report = await verifyChains(rt.deps.database.db);
    expect(total).toBeGreaterThanOrEqual(300);
    expect(report).toMatchObject({ casesChecked: total, firstBroken: null });
    const statuses = await rt.deps.database.db.selectFrom('cases').select('status').distinct().execute();
    expect(statuses.map((s) => s.status)).toEqual(expect.arrayContaining(['closed', 'handling', 'rejected']));
    expect(statuses.length).toBeGreaterThanOrEqual(5);
    // A second load into a database with cases is refused.
    await expect(loadDemo(rt.deps.database.db, rt.deps.policy, { cases: 5, now })).rejects.toThrow(/已有诉求/);
  });

  it('the demo has a knowledge base: approved entries of many units with their basis, some internal, one draft; the portal finds public ones', async () => {
    const db = rt.deps.database.db;
    const entries = await db.selectFrom('knowledge_entries').select(['owner_unit_id', 'published_version', 'visibility', 'basis_title', 'basis_number']).execute();
    expect(entries.length).toBeGreaterThanOrEqual(30);
    expect(new Set(entries.map((e) => e.owner_unit_id)).size).toBeGreaterThanOrEqual(10);
    expect(entries.filter((e) => e.published_version === null)).toHaveLength(1);
    expect(entries.filter((e) => e.visibility === 'internal').length).toBeGreaterThan(0);
    expect(entries.every((e) => e.basis_title !== '')).toBe(true);
    expect(entries.filter((e) => e.basis_number !== null).length).toBeGreaterThan(20);
    const portal = await rt.app.inject({ method: 'GET', url: `/api/public/knowledge?q=${encodeURIComponent('营业执照遗失了如何补领')}` });
    expect(portal.json().items[0]).toMatchObject({ question: '营业执照丢了怎么补办？', ownerUnitName: '市市场监督管理局', basisNumber: '国家市场监督管理总局令第52号' });
    const parking = (await supervisor.get(`/api/knowledge/search?q=${encodeURIComponent('路边停车收费标准')}`)).body;
    expect(parking.items[0].question).toBe('路边停车怎么收费？');
  });

  it('the demo has evidence files a newcomer can open on the latest figure of each indicator (real PDF and PNG bytes)', async () => {
    const db = rt.deps.database.db;
    const files = await db.selectFrom('indicator_files').select(['id', 'mime', 'file_name']).where('figure_id', 'is not', null).execute();
    expect(files.length).toBeGreaterThanOrEqual(36);
    const pdf = files.find((f) => f.mime === 'application/pdf')!;
    expect(pdf.file_name).toMatch(/佐证材料\.pdf$/);
    const sup = await loginAs(rt.app, 'supervisor');
    const got = await rt.app.inject({ method: 'GET', url: `/api/indicators/files/${pdf.id}`, headers: sup.headers });
    expect(got.statusCode).toBe(200);
    expect(String(got.headers['content-type'])).toContain('application/pdf');
    expect(got.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it("the demo's past does not flood the bell: only the last days' events notify", async () => {
    await processOutbox(rt.deps);
    const unread = (await supervisor.get('/api/notifications/unread-count')).body.unreadCount as number;
    expect(unread).toBeGreaterThan(0);
    expect(unread).toBeLessThan(100); // the bell shows a number, not 99+
    const oldest = await rt.deps.database.db.selectFrom('notifications as n').innerJoin('case_events as e', 'e.id', 'n.event_id')
      .select((eb) => eb.fn.min('e.at').as('at')).executeTakeFirstOrThrow();
    expect(new Date(oldest.at as Date).getTime()).toBeGreaterThanOrEqual(now.getTime() - 4 * 86_400_000);
  });

  it('keyset paging walks every case once, newest first', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    let previous = Infinity;
    do {
      const page: any = (await supervisor.get(`/api/cases?view=all&limit=37${cursor ? `&cursor=${cursor}` : ''}`)).body;
      for (const c of page.items) {
        const t = new Date(c.createdAt).getTime();
        expect(t).toBeLessThanOrEqual(previous);
        previous = t;
        seen.push(c.id);
      }
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  });

  it('views filter as their names say', async () => {
    const overdue = (await supervisor.get('/api/cases?view=overdue&limit=100')).body.items;
    for (const c of overdue) {
      // Overdue = a running clock (sign, opinion or reply) past its deadline, as the sweep marks it (domain/sla/overdue.ts).
      expect(['dispatched', 'handling']).toContain(c.status);
      expect(c).toMatchObject({ warningLevel: 'red', suspended: false, overdueClock: expect.stringMatching(/^(sign|opinion|reply)$/) });
    }
    const review = (await supervisor.get('/api/cases?view=review&limit=100')).body.items;
    expect(review.every((c: any) => c.status === 'replied')).toBe(true);
    const bad = await supervisor.get('/api/cases?view=nonsense');
    expect(bad.status).toBe(400);
    expect((await supervisor.get('/api/cases?cursor=@@@')).body.error.code).toBe('VALIDATION_FAILED');
  });

  it('a department inbox holds only its own live assignments', async () => {
    const row = await rt.deps.database.db.selectFrom('assignments as a').innerJoin('departments as d', 'd.id', 'a.department_id')
      .select(['d.code', 'a.department_id']).where('a.status', '=', 'signed').limit(1).executeTakeFirstOrThrow();
    const handler = await loginAs(rt.app, `${row.code}-handler`);
    const items = (await handler.get('/api/cases?view=handling&limit=100')).body.items;
    expect(items.length).toBeGreaterThan(0);
    for (const c of items) {
      const detail = (await handler.get(`/api/cases/${c.id}`)).body;
      expect(detail.assignments.some((a: any) => a.departmentId === row.department_id && a.status === 'signed')).toBe(true);
    }
  });

  it('the sweep closes cases whose rating window ended, once', async () => {
    const intake = await loginAs(rt.app, 'intake');
    const handler = await loginAs(rt.app, 'zjj-handler');
    const org = (await intake.get('/api/org')).body;
    const zjj = org.departments.find((d: any) => d.code === 'zjj').id;
    const category = org.categories.find((c: any) => c.code === 'approval.construction_permit').id;
    const id = (await intake.post('/api/cases', { ...sampleCase(category), dispatch: { leadDepartmentId: zjj, coDepartmentIds: [] } })).body.id;
    await handler.post(`/api/cases/${id}/sign`);
    await handler.post(`/api/cases/${id}/reply`, { text: '已办结' });
    await supervisor.post(`/api/cases/${id}/approve-reply`);
    const open = await rt.deps.database.db.selectFrom('cases').select('id').where('status', '=', 'awaiting_rating').where('rating', 'is', null).execute();
    expect(open.map((c) => c.id)).toContain(id);
    const jobs = startJobs(rt.deps, 3_600_000, 3_600_000);
    expect(await jobs.runOnce()).toBe(0); // the window is still open
    rt.clock.advanceDays(30);
    expect(await jobs.runOnce()).toBe(open.length);
    expect(await jobs.runOnce()).toBe(0);
    jobs.stop();
    const last = await rt.deps.database.db.selectFrom('case_events').select(['type', 'actor_role']).where('case_id', '=', id).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(last).toEqual({ type: 'case.closed', actor_role: 'system' });
  });
});
