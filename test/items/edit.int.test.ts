import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../kit/http.js';
import { orgIds } from '../kit/org.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';
import { loginAll, type Staff } from '../supervision/kit.js';
import { keyTaskBody } from './kit.js';

// Editing an item's plan (the console's edit form): every field the form offers is one item.edited event naming only
// what changed; a done milestone and a closed item (已销号) are refused, with nothing written.

let rt: TestRuntime;
let as: Record<Staff, Client & { user?: any }>;
let ids: Awaited<ReturnType<typeof orgIds>>;
let id: number;
let item: any;

beforeAll(async () => {
  rt = await testRuntime('2026-01-12T09:00:00+08:00');
  as = await loginAll(rt.app);
  ids = await orgIds(as.intake);
  const r = await as.supervisor.post('/api/items', await keyTaskBody(as.supervisor));
  id = r.body.id;
  item = r.body;
});
afterAll(() => rt.close());

const db = () => rt.deps.database.db;
const events = (itemId: number) => db().selectFrom('item_events').selectAll().where('item_id', '=', itemId).orderBy('seq').execute();

describe('editing an item', () => {
  it('changes title, leader, lead and co-units, schedule, targets and milestones as one item.edited event', async () => {
    const [lifts, money] = item.targets;
    const [survey] = item.milestones;
    const r = await as.supervisor.post(`/api/items/${id}/edit`, {
      title: '老旧小区加装电梯（2026 年）', leaderName: '李副市长',
      leadDepartmentId: ids.dept('xzsp'), coDepartmentIds: [ids.dept('zjj'), ids.dept('scjg')],
      schedule: { frequency: 'quarterly', day: 25 },
      targets: [{ targetId: lifts.id, name: '加装电梯', measure: '台', value: 150 }, { targetId: money.id, name: money.name, measure: money.measure, value: money.value }, { name: '惠及住户', measure: '户', value: 3000 }],
      milestones: [{ milestoneId: survey.id, title: '完成摸底调查和方案', due: { date: '2026-03-15' } }, { title: '完成第二批安装', due: { date: '2026-09-30' } }],
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ title: '老旧小区加装电梯（2026 年）', leaderName: '李副市长' });
    const row = await db().selectFrom('items').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ lead_department_id: ids.dept('xzsp'), report_frequency: 'quarterly', report_day: 25 });
    expect([...row.co_department_ids].sort()).toEqual([ids.dept('zjj'), ids.dept('scjg')].sort());
    const ms = await db().selectFrom('item_milestones').selectAll().where('item_id', '=', id).orderBy('seq').execute();
    expect(ms.map((m) => [m.title, m.due_date])).toEqual([
      ['完成摸底调查和方案', '2026-03-15'], ['完成首批 40 台安装', '2026-06-30'], ['全部完工验收', '2026-12-20'], ['完成第二批安装', '2026-09-30']]);
    const ts = await db().selectFrom('item_targets').selectAll().where('item_id', '=', id).orderBy('seq').execute();
    expect(ts.map((t) => [t.name, Number(t.target_value)])).toEqual([['加装电梯', 150], ['财政补助资金', 6_000_000], ['惠及住户', 3000]]);
    const edited = (await events(id)).filter((e) => e.type === 'item.edited');
    expect(edited).toHaveLength(1);
    const p = edited[0].payload as any;
    expect(Object.keys(p).sort()).toEqual(['addedMilestones', 'addedTargets', 'changedMilestones', 'changedTargets', 'coDepartmentIds', 'leadDepartmentId', 'leaderName', 'schedule', 'title']);
    expect(p.changedTargets).toEqual([{ targetId: lifts.id, name: '加装电梯', measure: '台', value: 150, sites: [] }]);
    expect(p.changedMilestones).toEqual([{ milestoneId: survey.id, title: '完成摸底调查和方案', dueDate: '2026-03-15', dueWorkingDays: null }]);
    expect(p.schedule).toEqual({ frequency: 'quarterly', day: 25 });
    // The same values again change nothing and write nothing.
    const before = (await events(id)).length;
    const again = await as.supervisor.post(`/api/items/${id}/edit`, { title: '老旧小区加装电梯（2026 年）', leadDepartmentId: ids.dept('xzsp') });
    expect(again.status).toBe(200);
    expect((await events(id)).length).toBe(before);
  });

  it('refuses a done milestone, a milestone past the end, the lead as co-unit, a bad target; nothing written', async () => {
    const before = (await events(id)).length;
    await db().updateTable('item_milestones').set({ done_at: new Date() }).where('item_id', '=', id).where('seq', '=', 1).execute();
    const done = (await db().selectFrom('item_milestones').select('id').where('item_id', '=', id).where('seq', '=', 1).executeTakeFirstOrThrow()).id;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ milestones: [{ milestoneId: done, title: '改', due: { date: '2026-04-01' } }] }, 'ITEM_REPORT_MILESTONE_UNKNOWN'],
      [{ milestones: [{ title: '新节点', due: { date: '2027-01-05' } }] }, 'MILESTONE_AFTER_END'],
      [{ endDate: '2026-10-01' }, 'MILESTONE_AFTER_END'],
      [{ coDepartmentIds: [ids.dept('xzsp')] }, 'ITEM_CO_UNIT_IS_LEAD'],
      [{ title: '改名', targets: [{ name: '无效', measure: '个', value: 0 }] }, 'ITEM_TARGETS_INVALID'],
      [{ schedule: { frequency: 'monthly', day: 31 } }, 'ITEM_SCHEDULE_INVALID'],
    ];
    for (const [body, code] of cases) {
      const r = await as.supervisor.post(`/api/items/${id}/edit`, body);
      expect([JSON.stringify(body), r.body.error?.code]).toEqual([JSON.stringify(body), code]);
    }
    expect((await events(id)).length).toBe(before);
    expect((await db().selectFrom('items').select('title').where('id', '=', id).executeTakeFirstOrThrow()).title).toBe('老旧小区加装电梯（2026 年）');
  });

  it('only a supervisor edits; a closed item (已销号) is refused with ITEM_CLOSED', async () => {
    expect((await as['zjj-head'].post(`/api/items/${id}/edit`, { title: 'x' })).status).toBe(403);
    expect((await as.supervisor.post(`/api/items/${id}/close`, { evidence: '全部完工，验收报告存档。' })).status).toBe(200);
    const r = await as.supervisor.post(`/api/items/${id}/edit`, { title: '销号后修改' });
    expect(r.status).toBe(409);
    expect(r.body.error).toMatchObject({ code: 'ITEM_CLOSED', message: '督办事项已销号，不能再报送或修改' });
  });
});
