import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyItemChains } from '../../src/server/modules/items/index.js';
import { sweepItemLights } from '../../src/server/modules/items/index.js';
import type { Client } from '../kit/http.js';
import { orgIds } from '../kit/org.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';
import { loginAll, type Staff } from '../supervision/kit.js';
import { keyTaskBody } from './kit.js';
import { files, upload } from '../portal/kit.js';

// Supervised items on both engines: the writer, reports and review, the light sweep's idempotence, orders on an
// item, 销号, permissions and bad input (nothing half-written).

let rt: TestRuntime;
let as: Record<Staff, Client & { user?: any }>;
let zjj: number;
let xzsp: number;

beforeAll(async () => {
  rt = await testRuntime('2026-01-12T09:00:00+08:00');
  as = await loginAll(rt.app);
  const ids = await orgIds(as.intake);
  zjj = ids.dept('zjj');
  xzsp = ids.dept('xzsp');
});
afterAll(() => rt.close());

const db = () => rt.deps.database.db;
const events = (id: number) => db().selectFrom('item_events').selectAll().where('item_id', '=', id).orderBy('seq').execute();
const counts = async () => {
  const [items, events, targets, milestones] = await Promise.all(['items', 'item_events', 'item_targets', 'item_milestones'].map((t) =>
    db().selectFrom(t as 'items').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow().then((r) => Number(r.n))));
  return { items, events, targets, milestones };
};

describe('a key task from creation to 销号', () => {
  let id: number;

  it('a supervisor creates it: row, targets, milestones and item.created on its own chain', async () => {
    const r = await as.supervisor.post('/api/items', await keyTaskBody(as.supervisor, { leaderUserId: (as.leader as any).user.id, leaderName: '' }));
    expect(r.status).toBe(201);
    id = r.body.id;
    expect(r.body).toMatchObject({ title: '老旧小区加装电梯', state: 'in_progress', light: 'green', leadDepartmentId: zjj, sourceKind: 'meeting' });
    expect(r.body.code).toMatch(/^DBSX2026-\d{5}$/);
    expect(r.body.leaderName).toBe((as.leader as any).user.displayName);
    expect(r.body.targets.map((t: any) => [t.name, t.value])).toEqual([['加装电梯', 120], ['财政补助资金', 6_000_000]]);
    expect(r.body.milestones.map((m: any) => m.dueDate)).toEqual(['2026-02-28', '2026-06-30', '2026-12-20']);
    expect(r.body.reportPeriods[0]).toEqual({ period: '2026-01', dueDate: '2026-01-28', reported: false, isPastDue: false });
    expect(r.body.allowedActions).toEqual(['edit', 'review', 'order', 'close']);
    const chain = await events(id);
    expect(chain.map((e) => e.type)).toEqual(['item.created']);
    expect(chain[0].payload).toMatchObject({ code: r.body.code, leadDepartmentId: zjj, coDepartmentIds: [xzsp], origin: null });
  });

  it('a milestone counted in working days from the start lands on the calendar', async () => {
    const r = await as.supervisor.post('/api/items', await keyTaskBody(as.supervisor, {
      title: '数字经济', milestones: [{ title: '方案印发', due: { workingDays: 10 } }],
    }));
    expect(r.status).toBe(201);
    // Ten working days after Monday 12 January 2026 (the start day not counted): Monday 26 January.
    expect(r.body.milestones[0]).toMatchObject({ dueDate: '2026-01-26', dueWorkingDays: 10 });
  });

  it('the lead unit reports; a figure above its target is warned and kept; the supervisor accepts it', async () => {
    const item = (await as['zjj-handler'].get(`/api/items/${id}`)).body;
    expect(item.allowedActions).toEqual(['report']);
    const [lifts] = item.targets;
    rt.clock.set('2026-01-27T10:00:00+08:00');
    const r = await as['zjj-handler'].post(`/api/items/${id}/reports`, {
      text: '已完成 12 个小区的摸底，签约电梯 130 台。', figures: [{ targetId: lifts.id, value: 130 }], milestoneIds: [item.milestones[0].id],
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ isLate: false, warnings: [{ code: 'FIGURE_ABOVE_TARGET', targetId: lifts.id }] });
    expect(r.body.item.reports[0]).toMatchObject({ period: '2026-01', state: 'submitted', isLate: false });
    const reported = (await events(id)).at(-1)!;
    expect(reported.type).toBe('item.reported');
    expect(reported.payload).toMatchObject({ period: '2026-01', isLate: false, figures: [{ targetId: lifts.id, value: 130 }] });

    const accepted = await as.supervisor.post(`/api/items/${id}/reports/${r.body.id}/review`, { decision: 'accept' });
    expect(accepted.status).toBe(200);
    expect(accepted.body.targets[0].progress).toBe(130);
    expect(accepted.body.milestones[0].doneAt).not.toBeNull();
    expect((await events(id)).at(-1)!).toMatchObject({ type: 'item.report_accepted', payload: { reportId: r.body.id, milestoneIds: [item.milestones[0].id] } });
    const twice = await as.supervisor.post(`/api/items/${id}/reports/${r.body.id}/review`, { decision: 'accept' });
    expect(twice.body.error.code).toBe('ITEM_REPORT_REVIEWED');
  });

  it('a missing report turns the light red once; a rerun of the sweep writes nothing new', async () => {
    // February's report (due the 28th) never comes.
    rt.clock.set('2026-03-02T09:00:00+08:00');
    const first = await sweepItemLights(rt.deps);
    expect(first.crossings).toBeGreaterThanOrEqual(1);
    const item = (await as.supervisor.get(`/api/items/${id}`)).body;
    expect(item.light).toBe('red');
    expect(item.lightReasons).toContainEqual({ level: 'red', key: 'report:2026-02', text: '2026-02 期进展未按时报送' });
    const crossings = await db().selectFrom('item_light_crossings').selectAll().where('item_id', '=', id).execute();
    expect(crossings.map((c) => c.reason_key)).toContain('report:2026-02');
    const before = await counts();
    // The next check instant lies ahead (it was written with the light, in item_light_checks).
    const [check] = await db().selectFrom('item_light_checks').select('check_at').where('item_id', '=', id).execute();
    expect(check.check_at.getTime()).toBeGreaterThan(rt.clock.now().getTime());
    const again = await sweepItemLights(rt.deps);
    expect(again).toMatchObject({ changed: 0, crossings: 0, events: 0 });
    expect(await counts()).toEqual(before);
    expect((await events(id)).filter((e) => e.type === 'item.light_changed').at(-1)!.payload).toMatchObject({ from: 'green', to: 'red' });
    // The lead unit was told.
    const inbox = await as['zjj-handler'].get('/api/notifications');
    expect(JSON.stringify(inbox.body)).toContain('督办事项亮红灯：老旧小区加装电梯');
  });

  it('a late report is accepted and marked late; the light goes back once the period is covered', async () => {
    const r = await as['zjj-head'].post(`/api/items/${id}/reports`, { text: '2 月进展：完成 20 台安装。' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ isLate: true, warnings: [{ code: 'REPORT_LATE' }] });
    expect(r.body.item.reports[0]).toMatchObject({ period: '2026-02', isLate: true });
    expect(r.body.item.light).not.toBe('red');
  });

  it('a supervision order on the item: issued to the lead unit, answered, closed; a unit not on the item is refused', async () => {
    const other = await as.supervisor.post(`/api/items/${id}/orders`, { departmentId: (await orgIds(as.intake)).dept('scjg'), demands: '请加快进度', deadline: { workingDays: 3 } });
    expect(other.body.error.code).toBe('ITEM_ORDER_UNIT_INVALID');
    const issued = await as.supervisor.post(`/api/items/${id}/orders`, { departmentId: zjj, level: 'yellow', demands: '请于期限内报送加装进度', deadline: { workingDays: 3 } });
    expect(issued.status).toBe(201);
    const order = issued.body.orders[0];
    expect(order).toMatchObject({ state: 'open', level: 'yellow', departmentId: zjj });
    expect(order.code).toMatch(/^DB2026-\d{5}$/);
    const row = await db().selectFrom('supervision_orders').selectAll().where('id', '=', order.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ case_id: null, item_id: id });
    const again = await as.supervisor.post(`/api/items/${id}/orders`, { departmentId: zjj, demands: '再次督办', deadline: { workingDays: 3 } });
    expect(again.body.error.code).toBe('ORDER_ALREADY_OPEN');
    // The case routes do not know the item's order.
    expect((await as.supervisor.get(`/api/supervision/orders/${order.id}`)).status).toBe(404);
    const wrong = await as['xzsp-handler'].post(`/api/items/${id}/orders/${order.id}/answer`, { text: '已知悉' });
    expect(wrong.body.error.code).toBe('ORDER_NOT_OWN_DEPARTMENT');
    const answered = await as['zjj-handler'].post(`/api/items/${id}/orders/${order.id}/answer`, { text: '已组织施工单位加快进度' });
    expect(answered.status).toBe(200);
    expect(answered.body.orders[0]).toMatchObject({ state: 'answered', answeredLate: false });
    const closed = await as.supervisor.post(`/api/items/${id}/orders/${order.id}/close`, {});
    expect(closed.body.orders[0]).toMatchObject({ state: 'closed', closeReason: '答复已认可' });
    const types = (await events(id)).map((e) => e.type);
    expect(types.slice(-3)).toEqual(['item.order_issued', 'item.order_answered', 'item.order_closed']);
  });

  it('evidence files: checked like case attachments (type from the bytes), then named by a report', async () => {
    const zjjHandler = as['zjj-handler'] as Client & { headers: Record<string, string> };
    const bad = await upload(rt.app, '验收.png', Buffer.from('这不是图片'), 'image/png', undefined, `/api/items/${id}/files`, zjjHandler.headers);
    expect(bad.status).toBe(415);
    expect(bad.body.error.code).toBe('ATTACHMENT_TYPE_NOT_ALLOWED');
    const other = await upload(rt.app, 'x.png', files.png, 'image/png', undefined, `/api/items/${id}/files`, (as['scjg-handler'] as any).headers);
    expect(other.body.error.code).toBe('ITEM_NOT_FOUND');
    const ok = await upload(rt.app, '现场照片.png', files.png, 'image/png', undefined, `/api/items/${id}/files`, zjjHandler.headers);
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ fileName: '现场照片.png', mime: 'image/png' });
    const r = await zjjHandler.post(`/api/items/${id}/reports`, { text: '附现场照片。', fileIds: [ok.body.id] });
    expect(r.status).toBe(201);
    expect(r.body.item.reports[0].files).toEqual([{ id: ok.body.id, fileName: '现场照片.png' }]);
    // A file already used by a report cannot be named again.
    const again = await zjjHandler.post(`/api/items/${id}/reports`, { text: '再次引用', fileIds: [ok.body.id] });
    expect(again.body.error.code).toBe('ITEM_FILE_NOT_USABLE');
  });

  it('销号 on evidence; then no more reports (ITEM_CLOSED), and every item chain verifies', async () => {
    const empty = await as.supervisor.post(`/api/items/${id}/close`, { evidence: '  ' });
    expect(empty.body.error.code).toBe('ITEM_EVIDENCE_REQUIRED');
    const check = () => db().selectFrom('item_light_checks').select('check_at').where('item_id', '=', id).execute();
    expect(await check()).toHaveLength(1);
    const closed = await as.supervisor.post(`/api/items/${id}/close`, { evidence: '120 台电梯全部通过验收，验收报告已存档。' });
    expect(closed.status).toBe(200);
    // A closed item is not swept: its check instant is gone (migration 0062's trigger).
    expect(await check()).toEqual([]);
    expect(closed.body).toMatchObject({ state: 'closed', closeEvidence: '120 台电梯全部通过验收，验收报告已存档。', allowedActions: [] });
    const late = await as['zjj-handler'].post(`/api/items/${id}/reports`, { text: '补充' });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('ITEM_CLOSED');
    expect(late.body.error.message).toBe('督办事项已销号，不能再报送或修改');
    const v = await verifyItemChains(db());
    expect(v.firstBroken).toBeNull();
    expect(v.eventsChecked).toBeGreaterThanOrEqual(10);
  });
});

describe('who sees and does what', () => {
  let id: number;
  beforeAll(async () => {
    id = (await as.supervisor.post('/api/items', await keyTaskBody(as.supervisor, { title: '三馆三中心' }))).body.id;
  });

  it('supervisors and leaders see all; lead and co units see it; another unit is told it does not exist', async () => {
    expect((await as.leader.get(`/api/items/${id}`)).status).toBe(200);
    expect((await as['xzsp-handler'].get(`/api/items/${id}`)).status).toBe(200);
    const other = await as['scjg-handler'].get(`/api/items/${id}`);
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe('ITEM_NOT_FOUND');
    expect((await as['scjg-handler'].get('/api/items')).body.items.map((i: any) => i.id)).not.toContain(id);
    expect((await as['zjj-handler'].get('/api/items?scope=mine')).body.items.map((i: any) => i.id)).toContain(id);
    expect((await as.admin.get('/api/items')).status).toBe(403);
  });

  it('only supervisors create, review, order and close; a leader reports nothing; a co-unit may add its part', async () => {
    expect((await as['zjj-head'].post('/api/items', await keyTaskBody(as.supervisor))).status).toBe(403);
    expect((await as.leader.post(`/api/items/${id}/close`, { evidence: 'x' })).status).toBe(403);
    expect((await as.leader.post(`/api/items/${id}/reports`, { text: 'x' })).status).toBe(403);
    const part = await as['xzsp-handler'].post(`/api/items/${id}/reports`, { text: '审批环节已开通绿色通道。' });
    expect(part.status).toBe(201);
    // A co-unit's part answers no period of the schedule.
    expect(part.body.item.reports[0]).toMatchObject({ period: null, departmentName: expect.any(String) });
    expect((await as['scjg-handler'].post(`/api/items/${id}/reports`, { text: 'x' })).body.error.code).toBe('ITEM_NOT_FOUND');
  });
});

describe('bad input: a stable code, a Chinese message, nothing half-written', () => {
  it('refuses a milestone due after the item end', async () => {
    const before = await counts();
    const r = await as.supervisor.post('/api/items', await keyTaskBody(as.supervisor, {
      milestones: [{ title: '完成', due: { date: '2026-06-30' } }, { title: '超期节点', due: { date: '2027-01-15' } }],
    }));
    expect(r.status).toBe(422);
    expect(r.body.error).toMatchObject({ code: 'MILESTONE_AFTER_END', message: '节点时限不能晚于事项的完成时限', details: { milestone: 2 } });
    expect(await counts()).toEqual(before);
  });

  it('refuses the co-unit as lead, a bad schedule, a leader who is not a leader, an unknown target; all write nothing', async () => {
    const before = await counts();
    const body = await keyTaskBody(as.supervisor);
    expect((await as.supervisor.post('/api/items', { ...body, coDepartmentIds: [zjj] })).body.error.code).toBe('ITEM_CO_UNIT_IS_LEAD');
    expect((await as.supervisor.post('/api/items', { ...body, schedule: { frequency: 'monthly', day: 31 } })).body.error.code).toBe('ITEM_SCHEDULE_INVALID');
    expect((await as.supervisor.post('/api/items', { ...body, leaderUserId: (as['zjj-head'] as any).user.id })).body.error.code).toBe('ITEM_LEADER_INVALID');
    expect((await as.supervisor.post('/api/items', { ...body, startDate: '2026-12-31', endDate: '2026-01-01' })).body.error.code).toBe('ITEM_DATES_INVALID');
    expect(await counts()).toEqual(before);
    const id = (await as.supervisor.post('/api/items', body)).body.id;
    const mid = await counts();
    const r = await as['zjj-handler'].post(`/api/items/${id}/reports`, { text: '进展', figures: [{ targetId: 999_999, value: 1 }] });
    expect(r.body.error.code).toBe('ITEM_REPORT_TARGET_UNKNOWN');
    expect(await counts()).toEqual(mid);
    const edit = await as.supervisor.post(`/api/items/${id}/edit`, { endDate: '2026-06-01' });
    expect(edit.body.error.code).toBe('MILESTONE_AFTER_END');
  });
});
