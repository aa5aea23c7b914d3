import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type Client } from '../kit/http.js';
import { orgIds, sampleCase } from '../kit/org.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';

// Issue 15 item 4 on a real database: a generated spike (蒸湘区 乱收费 about 停车收费) and a cluster (珠晖区, 渣土车)
// are found by the detection, listed in the words a leader reads, a rerun of the day writes the same rows, a hot spot
// becomes a supervised item (source 热点问题) through the items area, and a unit clerk sees none of it.

let rt: TestRuntime;
const as = {} as Record<'intake' | 'supervisor' | 'admin' | 'clerk' | 'leader', Client>;
let ids: Awaited<ReturnType<typeof orgIds>>;
const today = '2026-12-06';

async function caseAt(at: string, district: string, category: string, title: string, description: string) {
  rt.clock.set(at);
  const r = await as.intake.post('/api/cases', sampleCase(ids.category(category), { title, description, districtId: ids.dept(district) }));
  expect(r.status, JSON.stringify(r.body)).toBe(201);
}

beforeAll(async () => {
  rt = await testRuntime('2026-09-01T09:00:00+08:00');
  for (const [k, u] of [['intake', 'intake'], ['supervisor', 'supervisor'], ['admin', 'admin'], ['clerk', 'zxq-handler'], ['leader', 'leader']] as const) as[k] = await loginAs(rt.app, u);
  ids = await orgIds(as.admin);
  // The baseline: 8 cases in the 8 weeks before the window (2 per two weeks), about other things.
  for (let i = 0; i < 8; i++) {
    await caseAt(new Date(Date.parse('2026-10-01T10:00:00+08:00') + i * 5 * 86_400_000).toISOString(), i % 2 ? 'zxq' : 'zxq-hx', 'fees.arbitrary', '企业反映收费问题', `园区内企业反映物业收取的服务费用标准不清，第${i + 1}件。`);
  }
  // The spike: 12 cases of the last two weeks, most about parking fees, some in the district's towns.
  for (let i = 0; i < 12; i++) {
    await caseAt(`2026-11-${String(23 + Math.floor(i / 2)).padStart(2, '0')}T${10 + (i % 2)}:00:00+08:00`, i % 3 ? 'zxq' : 'zxq-lh', 'fees.arbitrary',
      '停车收费不合理', `蒸湘区商业街周边路段停车收费标准突然上调，企业员工和顾客停车负担加重，第${i + 1}件。`);
  }
  // A cluster: 5 cases of 珠晖区 about muck trucks, within a usual level of their category.
  for (let i = 0; i < 14; i++) await caseAt(`2026-10-${String(10 + i).padStart(2, '0')}T09:00:00+08:00`, 'zhq', 'other.misc', '其他问题', `企业反映其他事项第${i + 1}件。`);
  for (let i = 0; i < 5; i++) await caseAt(`2026-12-0${1 + i}T09:30:00+08:00`, 'zhq', 'other.misc', '渣土车扬尘', `珠晖区工地渣土车夜间通行扬尘严重，影响企业生产，第${i + 1}件。`);
  rt.clock.set(`${today}T10:00:00+08:00`);
});
afterAll(() => rt.close());

describe('detection', () => {
  it('finds the spike and the cluster and says them as a leader reads them', async () => {
    const run = await as.supervisor.post('/api/hotspots/run', {});
    expect(run.status, JSON.stringify(run.body)).toBe(200);
    expect(run.body).toMatchObject({ day: today, found: 2, casesRead: 17 });
    const list = (await as.supervisor.get('/api/hotspots')).body;
    expect(list.day).toBe(today);
    expect(list.hotspots.map((h: any) => [h.kind, h.districtName, h.categoryName, h.recentCount])).toEqual([
      ['spike', '蒸湘区', '乱收费', 12],
      ['cluster', '珠晖区', '其他诉求', 5],
    ]);
    const [spike, cluster] = list.hotspots;
    expect(spike.words).toEqual(['停车', '收费']);
    expect(spike.summary).toMatch(/^蒸湘区 近两周 乱收费（.*停车.*） 相关诉求 12 件，为常态 6 倍$/);
    expect(cluster.summary).toContain('渣土车');
    expect(await rt.deps.database.db.selectFrom('hotspot_cases').select('case_id').where('hotspot_id', '=', spike.id).execute()).toHaveLength(12);
    // The supervision office hears of each new hot spot in its inbox, with the sentence and a link to it.
    const inbox = (await as.supervisor.get('/api/notifications?pageSize=100')).body.items.filter((n: any) => n.eventType === 'hotspot.found');
    expect(inbox.map((n: any) => [n.title, n.body, n.link])).toEqual(expect.arrayContaining([
      ['发现热点：蒸湘区 乱收费', spike.summary, `/hotspots/${spike.id}`],
      ['发现热点：珠晖区 其他诉求', cluster.summary, `/hotspots/${cluster.id}`],
    ]));
    expect(inbox).toHaveLength(2);
    expect((await as.clerk.get('/api/notifications?pageSize=100')).body.items.filter((n: any) => n.eventType === 'hotspot.found')).toEqual([]);
  });

  it('a rerun of the day writes the same rows; the daily job leaves a day already run alone', async () => {
    const before = await rt.deps.database.db.selectFrom('hotspots').selectAll().orderBy('id').execute();
    expect((await as.supervisor.post('/api/hotspots/run', {})).body.found).toBe(2);
    const after = await rt.deps.database.db.selectFrom('hotspots').selectAll().orderBy('id').execute();
    expect(after.map((r) => [r.id, r.kind, r.recent_count, r.summary])).toEqual(before.map((r) => [r.id, r.kind, r.recent_count, r.summary]));
    expect(await rt.deps.database.db.selectFrom('hotspot_cases').select('case_id').execute()).toHaveLength(17);
    const { runDailyHotspots } = await import('../../src/server/modules/hotspots/index.js');
    expect(await runDailyHotspots(rt.deps)).toBeNull();
    rt.clock.set('2026-12-07T08:00:00+08:00');
    expect((await runDailyHotspots(rt.deps))?.found).toBe(2);
    expect((await as.supervisor.get('/api/hotspots')).body.days).toEqual(['2026-12-07', today]);
    // Neither the rerun nor the next day's same hot spots tell anyone again.
    expect((await as.supervisor.get('/api/notifications?pageSize=100')).body.items.filter((n: any) => n.eventType === 'hotspot.found')).toHaveLength(2);
    rt.clock.set(`${today}T10:00:00+08:00`);
  });
});

describe('taking a hot spot up', () => {
  it('a unit clerk is refused everything; the leader reads but cannot act', async () => {
    const h = (await as.supervisor.get(`/api/hotspots?day=${today}`)).body.hotspots[0];
    for (const r of [await as.clerk.get('/api/hotspots'), await as.clerk.get(`/api/hotspots/${h.id}`), await as.clerk.get('/api/hotspots/map'),
      await as.clerk.post(`/api/hotspots/${h.id}/task`, {}), await as.clerk.post('/api/hotspots/run', {})]) {
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('FORBIDDEN');
    }
    const seen = await as.leader.get(`/api/hotspots/${h.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.convertBlocked).toBe('只有督查室（督办人员）可以把热点转为治理任务');
    expect((await as.leader.post(`/api/hotspots/${h.id}/task`, {})).status).toBe(403);
  });

  it('the spike becomes a supervised item of source 热点问题, once; its detail lists its cases and trend', async () => {
    const h = (await as.supervisor.get(`/api/hotspots?day=${today}`)).body.hotspots[0];
    const detail = (await as.supervisor.get(`/api/hotspots/${h.id}`)).body;
    expect(detail.cases).toHaveLength(12);
    expect(detail.convertBlocked).toBeNull();
    expect(detail.trend.weeks.reduce((a: number, w: any) => a + w.count, 0)).toBe(20);
    expect(detail.trend.verdict).toBeNull();
    const made = await as.supervisor.post(`/api/hotspots/${h.id}/task`, {});
    expect(made.status, JSON.stringify(made.body)).toBe(200);
    const item = (await as.supervisor.get(`/api/items/${made.body.id}`)).body;
    expect(item).toMatchObject({ sourceKind: 'hotspot', title: detail.defaults.title, leadDepartmentName: '蒸湘区', origin: { type: 'hotspot', id: h.id } });
    expect(item.sourceWords).toBe(h.summary);
    const again = await as.supervisor.post(`/api/hotspots/${h.id}/task`, {});
    expect([again.status, again.body.error.code]).toEqual([409, 'HOTSPOT_ALREADY_TASK']);
    // The next day's same spike shows the task too.
    rt.clock.set('2026-12-07T10:00:00+08:00');
    const next = (await as.supervisor.get('/api/hotspots?day=2026-12-07')).body.hotspots[0];
    rt.clock.set(`${today}T10:00:00+08:00`);
    expect(next.item).toMatchObject({ id: made.body.id, code: made.body.code });
  });

  it('the trend shows the problem fell after it became a task', async () => {
    const h = (await as.supervisor.get(`/api/hotspots?day=${today}`)).body.hotspots[0];
    // One more case in the following three weeks.
    await caseAt('2026-12-16T10:00:00+08:00', 'zxq', 'fees.arbitrary', '停车收费', '停车收费仍偏高。');
    rt.clock.set('2026-12-29T10:00:00+08:00');
    const t = (await as.supervisor.get(`/api/hotspots/${h.id}`)).body.trend;
    expect(t.turnWeek).toBe('2026-11-30');
    expect(t.afterPerWeek).toBeCloseTo(1 / 3);
    expect(t.verdict).toBe('fell');
    rt.clock.set(`${today}T10:00:00+08:00`);
  });

  it('one topic a month; bad months and unknown hot spots have their codes', async () => {
    const list = (await as.supervisor.get(`/api/hotspots?day=${today}`)).body.hotspots;
    expect((await as.supervisor.post(`/api/hotspots/${list[1].id}/topic`, { month: '2026-13' })).body.error.code).toBe('HOTSPOT_MONTH_INVALID');
    expect((await as.supervisor.post(`/api/hotspots/${list[1].id}/topic`, { month: '2026-11' })).body.error.code).toBe('HOTSPOT_MONTH_INVALID');
    expect((await as.supervisor.post(`/api/hotspots/${list[1].id}/topic`, { month: '2026-12' })).status).toBe(200);
    const second = await as.supervisor.post(`/api/hotspots/${list[0].id}/topic`, { month: '2026-12' });
    expect([second.status, second.body.error.code]).toEqual([409, 'HOTSPOT_TOPIC_TAKEN']);
    expect((await as.supervisor.get(`/api/hotspots/${list[0].id}`)).body.topicBlocked).toContain('本月已有每月一题');
    const missing = await as.supervisor.get('/api/hotspots/999999');
    expect([missing.status, missing.body.error.code]).toEqual([404, 'HOTSPOT_NOT_FOUND']);
    expect((await as.supervisor.get('/api/hotspots?day=2026-02-30')).body.error.code).toBe('VALIDATION_FAILED');
    const future = await as.supervisor.get('/api/hotspots?day=2027-01-01');
    expect([future.status, future.body.error.code]).toEqual([422, 'HOTSPOT_DAY_INVALID']);
  });

  it("a topic of this month can be undone (and the month given another); a past month's stays on record", async () => {
    const list = (await as.supervisor.get(`/api/hotspots?day=${today}`)).body.hotspots;
    const undo = async (c: typeof as.supervisor, id: number) => {
      const r = await rt.app.inject({ method: 'DELETE', url: `/api/hotspots/${id}/topic`, headers: (c as any).headers });
      return { status: r.statusCode, code: r.json().error?.code as string | undefined };
    };
    expect(await undo(as.leader, list[1].id)).toEqual({ status: 403, code: 'FORBIDDEN' });
    expect(await undo(as.supervisor, list[0].id)).toEqual({ status: 409, code: 'HOTSPOT_NOT_TOPIC' });
    expect((await as.supervisor.get(`/api/hotspots/${list[1].id}`)).body.topicUndoBlocked).toBeNull();
    expect((await as.leader.get(`/api/hotspots/${list[1].id}`)).body.topicUndoBlocked).toContain('只有督查室');
    expect(await undo(as.supervisor, list[1].id)).toEqual({ status: 200, code: undefined });
    const after = (await as.supervisor.get(`/api/hotspots/${list[1].id}`)).body;
    expect([after.hotspot.topicMonth, after.hotspot.takenUpAt, after.topicBlocked]).toEqual([null, null, null]);
    expect((await as.supervisor.post(`/api/hotspots/${list[0].id}/topic`, { month: '2026-12' })).status).toBe(200);
    rt.clock.set('2027-01-04T10:00:00+08:00');
    expect((await as.supervisor.get(`/api/hotspots/${list[0].id}`)).body.topicUndoBlocked).toContain('已过去');
    expect(await undo(as.supervisor, list[0].id)).toEqual({ status: 422, code: 'HOTSPOT_TOPIC_PAST' });
    rt.clock.set(`${today}T10:00:00+08:00`);
  });

  it('the office sets the thresholds (audited); the next detection uses them; others read them', async () => {
    const view = (await as.leader.get('/api/hotspots/params')).body;
    expect(view).toMatchObject({ canEdit: false, updatedAt: null, params: { windowDays: 14, minSpikeCases: 8, minRatio: 3 } });
    const put = (c: Client, body: object) => rt.app.inject({ method: 'PUT', url: '/api/hotspots/params', payload: body, headers: (c as any).headers });
    const stricter = { ...view.params, minSpikeCases: 30 };
    expect((await put(as.leader, stricter)).statusCode).toBe(403);
    const bad = await put(as.supervisor, { ...view.params, minRatio: 0.5 });
    expect([bad.statusCode, bad.json().error.code]).toEqual([400, 'VALIDATION_FAILED']);
    const saved = await put(as.supervisor, stricter);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ canEdit: true, params: { minSpikeCases: 30 }, defaults: { minSpikeCases: 8 }, updatedBy: expect.any(String) });
    expect((await as.supervisor.get('/api/hotspots')).body.params.minSpikeCases).toBe(30);
    // 12 cases are no spike at 30: the parking cases are found as a cluster of their words instead.
    expect((await as.supervisor.post('/api/hotspots/run', {})).body.found).toBe(2);
    // (The spike's row of the day stays listed: it was taken up as a task.)
    expect((await as.supervisor.get(`/api/hotspots?day=${today}&kind=cluster`)).body.hotspots.map((h: any) => h.districtName)).toEqual(['蒸湘区', '珠晖区']);
    const audit = await rt.deps.database.db.selectFrom('admin_audit').select(['action', 'before', 'after']).where('action', '=', 'hotspot.params').execute();
    expect(audit).toHaveLength(1);
    expect([(audit[0]!.before as any).minSpikeCases, (audit[0]!.after as any).minSpikeCases]).toEqual([8, 30]);
    // Back to the defaults: the spike is found again.
    expect((await put(as.supervisor, view.defaults)).statusCode).toBe(200);
    expect((await as.supervisor.post('/api/hotspots/run', {})).body.found).toBe(2);
  });

  it('the map colours the districts with hot spots', async () => {
    const map = (await as.leader.get('/api/hotspots/map')).body;
    expect(map.districts).toHaveLength(12);
    // The latest detection is 7 December's: its window (24 November on) holds 10 of the spike's cases.
    expect(map.districts.find((d: any) => d.name === '蒸湘区')).toMatchObject({ hotspots: 1, cases: 10 });
    expect(map.districts.find((d: any) => d.name === '衡东县')).toMatchObject({ hotspots: 0, top: null });
  });
});
