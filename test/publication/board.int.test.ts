import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../kit/http.js';
import { orgIds } from '../kit/org.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';
import { runCommand } from '../../src/server/modules/cases/run-command.js';
import { loginAll, type Staff } from './kit.js';

let rt: TestRuntime;
let as: Record<Staff, Client>;
let ids: Awaited<ReturnType<typeof orgIds>>;
const made: Record<string, { id: number; code: string }> = {};

const anon = async (url: string) => {
  const r = await rt.app.inject({ method: 'GET', url });
  return { status: r.statusCode, body: r.json(), raw: r.body };
};
const codes = async (query: string) => (await anon(`/api/public/board?limit=50${query}`)).body.items.map((i: any) => i.code) as string[];

async function make(key: string, o: { title: string; description: string; category: string; dept: string; district: string }) {
  const r = await as.intake.post('/api/cases', {
    title: o.title, description: o.description, categoryId: ids.category(o.category), channel: 'hotline', urgency: 'normal',
    submitterName: '测试人', submitterPhone: '13800000000', districtId: ids.dept(o.district), isPublic: true,
    dispatch: { leadDepartmentId: ids.dept(o.dept), coDepartmentIds: [] },
  });
  if (r.status !== 201) throw new Error(JSON.stringify(r.body));
  made[key] = r.body;
  const approve = await as.supervisor.post('/api/publication/bulk/approve', { caseIds: [r.body.id] });
  expect(approve.body.results[0].ok).toBe(true);
}

beforeAll(async () => {
  rt = await testRuntime('2026-10-12T09:00:00+08:00'); // a Monday
  as = await loginAll(rt.app);
  ids = await orgIds(as.intake);
  await make('parking', { title: '园区停车场乱收费', description: '工业园区停车场每天收取货车停车费50元，没有公示收费标准。', category: 'fees.arbitrary', dept: 'scjg', district: 'zxq' });
  rt.clock.set('2026-11-02T09:00:00+08:00'); // Monday
  await make('permit', { title: '施工许可证超期未办', description: '厂房扩建项目施工许可证超过法定时限仍未办结，影响开工。', category: 'approval.construction_permit', dept: 'zjj', district: 'yfq' });
  await make('power', { title: '用电报装进度慢', description: '新厂房用电报装申请三个月未接电，变压器安装一拖再拖。', category: 'utilities.power_connection', dept: 'zjj', district: 'zxq' });
});
afterAll(() => rt.close());

describe('search in Chinese', () => {
  it.each([
    ['停车', ['parking']], ['停车场', ['parking']], ['收费', ['parking']], ['施工许可证', ['permit']], ['施工', ['permit']],
    ['厂房', ['permit', 'power']], ['报装', ['power']], ['厂房 用电', ['power']], ['开工 厂房', ['permit']], ['幼儿园', []],
  ])('%s', async (q, expected) => {
    const found = await codes(`&q=${encodeURIComponent(q)}`);
    expect(new Set(found)).toEqual(new Set(expected.map((k) => made[k].code)));
  });
  it('a query of punctuation only is no filter', async () => {
    expect(await codes(`&q=${encodeURIComponent('，。！')}`)).toHaveLength(3);
  });
});

describe('filters', () => {
  it('department, category, district, month, status and their combination', async () => {
    expect(await codes(`&departmentId=${ids.dept('zjj')}`)).toEqual([made.power.code, made.permit.code]);
    expect(await codes(`&categoryId=${ids.category('fees.arbitrary')}`)).toEqual([made.parking.code]);
    expect(await codes(`&districtId=${ids.dept('zxq')}`)).toEqual([made.power.code, made.parking.code]);
    expect(await codes('&month=2026-10')).toEqual([made.parking.code]);
    expect(await codes('&month=2026-11')).toEqual([made.power.code, made.permit.code]);
    expect(await codes(`&month=2026-11&districtId=${ids.dept('zxq')}&departmentId=${ids.dept('zjj')}`)).toEqual([made.power.code]);
    expect(await codes('&status=answered')).toEqual([]);
    expect(await codes('&status=handling')).toHaveLength(3);
  });
  it('keyset pages cover every item once', async () => {
    const first = (await anon('/api/public/board?limit=2')).body;
    expect(first.items).toHaveLength(2);
    const second = (await anon(`/api/public/board?limit=2&cursor=${first.nextCursor}`)).body;
    expect(second.nextCursor).toBeNull();
    expect([...first.items, ...second.items].map((i: any) => i.code)).toEqual([made.power.code, made.permit.code, made.parking.code]);
  });
  it('bad filters get a stable code', async () => {
    expect((await anon('/api/public/board?month=2026-13')).body.error.code).toBe('VALIDATION_FAILED');
    expect((await anon('/api/public/board?cursor=garbage')).body.error.code).toBe('VALIDATION_FAILED');
    expect((await anon('/api/public/board?limit=500')).status).toBe(400);
    expect((await anon('/api/public/board/cases/NOPE')).body.error.code).toBe('BOARD_CASE_NOT_FOUND');
    // tsquery syntax in a query is never parsed: only its words count, and all of them are required.
    const injected = await anon(`/api/public/board?q=${encodeURIComponent("停车' | '幼儿园")}`);
    expect(injected.status).toBe(200);
    expect(injected.body.items).toEqual([]);
    expect((await anon(`/api/public/board?q=${encodeURIComponent("停车' & '收费")}`)).body.items.map((i: any) => i.code)).toEqual([made.parking.code]);
    expect((await anon(`/api/public/board?q=${encodeURIComponent("\\'):*")}`)).body.items).toHaveLength(3); // no word: no filter
    expect((await anon('/api/public/board?q=%3C-%3E')).body.items).toHaveLength(3);
    for (const q of ['a & b | !c', 'x'.repeat(50)]) {
      const r = await anon(`/api/public/board?q=${encodeURIComponent(q)}`);
      expect(r.status, q).toBe(200);
      expect(r.body.items, q).toEqual([]);
    }
  });
  it('facets list departments, categories, districts and the last twelve months', async () => {
    const f = (await anon('/api/public/board/facets')).body;
    expect(f.months[0]).toBe('2026-11');
    expect(f.months).toHaveLength(12);
    expect(f.districts.map((d: any) => d.id)).toContain(ids.dept('zxq'));
    expect(f.categories.map((c: any) => c.id)).toContain(ids.category('fees.arbitrary'));
  });
});

describe('the case page and the cached list follow the case', () => {
  it('status, reply, rating, elapsed working days and a timeline without staff names', async () => {
    const { id, code } = made.permit;
    const before = (await anon('/api/public/board?status=handling&limit=50')).body.items.find((i: any) => i.code === code);
    expect(before.elapsedWorkingDays).toBe(0);
    rt.clock.set('2026-11-09T10:00:00+08:00'); // the next Monday: five working days later
    expect((await anon('/api/public/board?status=handling&limit=50')).body.items.find((i: any) => i.code === code).elapsedWorkingDays).toBe(5);
    for (const [who, cmd, body] of [['zjj-handler', 'sign', {}], ['zjj-handler', 'reply', { text: '已办结施工许可证，经办人张建华，电话13912345678。' }], ['supervisor', 'approve-reply', {}]] as const) {
      expect((await as[who].post(`/api/cases/${id}/${cmd}`, body)).status).toBe(200);
    }
    // The list was cached before the commands: it follows at once.
    expect(await codes('&status=answered')).toEqual([code]);
    await as.supervisor.post('/api/publication/bulk/approve', { caseIds: [id] });
    rt.clock.set('2026-11-10T10:00:00+08:00');
    const page = await anon(`/api/public/board/cases/${code}`);
    expect(page.body).toMatchObject({ status: 'answered', elapsedWorkingDays: 5, replyUnderReview: false, rating: null });
    expect(page.body.reply.text).toContain('已办结施工许可证');
    expect(page.body.reply.text).not.toContain('13912345678');
    expect(page.body.reply.text).not.toContain('张建华');
    expect(page.body.timeline.map((t: any) => t.step)).toEqual(['submitted', 'accepted', 'dispatched', 'signed', 'replied']);
    expect(page.body.timeline.find((t: any) => t.step === 'signed').department).toContain('住房和城乡建设局');
    const users = await rt.deps.database.db.selectFrom('users').select('display_name').execute();
    for (const u of users) expect(page.raw).not.toContain(u.display_name);

    // The submitter rates (as the tracking page does, without a staff user): the cached page follows.
    await runCommand(rt.deps, null, id, { type: 'rate', rating: 'satisfied', comment: '很满意，谢谢张建华' }, { userId: null, role: 'submitter', departmentId: null });
    const after = await anon(`/api/public/board/cases/${code}`);
    expect(after.body).toMatchObject({ rating: 'satisfied', status: 'closed' });
    expect(after.raw).not.toContain('张建华');
    expect(after.body.timeline.map((t: any) => t.step).slice(-2)).toEqual(['rated', 'closed']);
    expect(await codes('&status=closed')).toEqual([code]);
  });

  it('public statistics come from the published assessment, or say there is none', async () => {
    const s = await anon('/api/public/stats');
    expect(s.status).toBe(200);
    expect(s.body).toHaveProperty('period');
    expect(Array.isArray(s.body.rows)).toBe(true);
    for (const row of s.body.rows) expect(row.response.denominator).toBeGreaterThanOrEqual(row.response.numerator);
  });
});
