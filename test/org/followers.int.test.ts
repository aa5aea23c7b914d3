import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainAndMaybeDeploy } from '../../src/server/modules/routing/models.js';
import { loginAs, type Client } from '../kit/http.js';
import { orgIds, sampleCase } from '../kit/org.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';
import { seedHandledHistory } from '../routing/kit.js';

// What follows a unit when it is renamed or merged: routing rules flag the retired unit, the trained router maps its
// label to the successor, and the month's scorecard shows the successor as one line with its history.

let rt: TestRuntime;
let admin: Client;
let ids: Awaited<ReturnType<typeof orgIds>>;

beforeAll(async () => {
  rt = await testRuntime('2026-11-20T09:00:00+08:00');
  admin = await loginAs(rt.app, 'admin');
  ids = await orgIds(admin);
  await seedHandledHistory(rt.deps, 1500, 'A');
  await trainAndMaybeDeploy(rt.deps, { trigger: 'manual' });
}, 300_000);
afterAll(() => rt.close());

describe('routing after a merge', () => {
  it('flags a rule that points to a merged unit, and the model’s label of the old unit goes to its successor', async () => {
    const rule = await admin.post('/api/routing/rules', { name: '发票 → 税务', keywords: ['发票'], leadDepartmentId: ids.dept('shuiwu'), coDepartmentIds: [] });
    expect(rule.body.flags).toEqual([]);
    const ask = { title: '增值税发票开不出来', text: '电子税务局开具增值税发票一直报错，出口退税也卡着，客户拿不到票不付款。' };
    // Without the rule, the model alone.
    await admin.post(`/api/routing/rules/${rule.body.id}/delete`);
    const before = (await admin.post('/api/routing/try', ask)).body;
    expect(before.suggestions[0].departmentId).toBe(ids.dept('shuiwu'));
    const rule2 = await admin.post('/api/routing/rules', { name: '退税 → 税务', keywords: ['退税'], leadDepartmentId: ids.dept('shuiwu'), coDepartmentIds: [] });

    const successor = (await admin.post('/api/admin/org/units', { name: '国家税务总局衡阳市税务局（整合后）', code: 'shuiwu2', kind: 'vertical', parentId: null })).body.id;
    expect((await admin.post(`/api/admin/org/units/${ids.dept('shuiwu')}/merge`, { targetId: successor })).status).toBe(200);

    const listed = (await admin.get('/api/routing/rules')).body.items.find((r: any) => r.id === rule2.body.id);
    expect(listed.flags).toEqual([expect.objectContaining({ code: 'INACTIVE_DEPARTMENT', departmentIds: [ids.dept('shuiwu')] })]);

    const after = (await admin.post('/api/routing/try', { ...ask, text: `${ask.text}（第二次）` })).body;
    expect(after.source).toBe('model');
    expect(after.suggestions[0].departmentId).toBe(successor);
    expect(after.suggestions[0].confidence).toBeGreaterThanOrEqual(before.suggestions[0].confidence - 0.05);
    expect(after.suggestions.map((s: any) => s.departmentId)).not.toContain(ids.dept('shuiwu'));
  });
});

describe('assessment after a rename and a merge', () => {
  it('shows the successor as one line with its history, counting the merged unit’s facts', async () => {
    const intake = await loginAs(rt.app, 'intake');
    const category = ids.category('approval.construction_permit');
    const c = (await intake.post('/api/cases', { ...sampleCase(category), dispatch: { leadDepartmentId: ids.dept('bdc'), coDepartmentIds: [] } })).body.id;
    const bdc = await loginAs(rt.app, 'bdc-handler');
    expect((await bdc.post(`/api/cases/${c}/sign`)).status).toBe(200);
    const zrj = ids.dept('zrj');
    expect((await admin.post(`/api/admin/org/units/${zrj}/edit`, { name: '市自然资源局', effectiveOn: '2026-11-10' })).status).toBe(200);
    expect((await admin.post(`/api/admin/org/units/${ids.dept('bdc')}/merge`, { targetId: zrj, effectiveOn: '2026-11-18' })).status).toBe(200);

    const supervisor = await loginAs(rt.app, 'supervisor');
    const run = await supervisor.post('/api/assessment/periods/run', { period: '2026-11' });
    expect(run.status).toBe(200);
    const rows = run.body.period.rows;
    expect(rows.find((r: any) => r.departmentId === ids.dept('bdc'))).toBeUndefined();
    const line = rows.find((r: any) => r.departmentId === zrj);
    expect(line.departmentName).toBe('市自然资源局（原市自然资源和规划局，2026-11-10 更名；含原市不动产登记中心，2026-11-18 并入）');
    expect(line.rates.signing).toMatchObject({ denominator: 1 });
    // The recomputation from the event log agrees with the snapshot.
    expect((await supervisor.get('/api/assessment/periods/2026-11/verify')).body.differences).toEqual([]);
  });
});
