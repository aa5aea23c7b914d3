import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgIds } from '../kit/org.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';
import { loginRoles } from './kit.js';

let rt: TestRuntime;
let as: Awaited<ReturnType<typeof loginRoles>>;
let ids: Awaited<ReturnType<typeof orgIds>>;

beforeAll(async () => {
  rt = await testRuntime();
  as = await loginRoles(rt.app);
  ids = await orgIds(as.admin);
});
afterAll(() => rt.close());

const base = () => ({ leadDepartmentId: ids.dept('rsj'), coDepartmentIds: [] as number[] });

describe('routing rules', () => {
  let wage: any;
  let narrow: any;

  it('saves a rule as version 1 and the try-it box shows it firing', async () => {
    const r = await as.admin.post('/api/routing/rules', { ...base(), name: '欠薪 → 人社局', keywords: ['欠薪', '农民工工资'], coDepartmentIds: [ids.dept('zjj')] });
    expect(r.status).toBe(201);
    wage = r.body;
    expect(wage).toMatchObject({ version: 1, position: 1, isActive: true, flags: [], keywords: ['欠薪', '农民工工资'] });
    const t = await as.admin.post('/api/routing/try', { title: '工地欠薪', text: '包工头欠薪三个月' });
    expect(t.body).toMatchObject({ source: 'rule', rule: { id: wage.id, version: 1 }, wouldDispatch: true });
    expect(t.body.suggestions[0]).toMatchObject({ departmentId: ids.dept('rsj'), confidence: null, words: ['欠薪'], coDepartmentIds: [ids.dept('zjj')] });
    const none = await as.admin.post('/api/routing/try', { title: '停电', text: '厂区停电' });
    expect(none.body).toMatchObject({ source: 'none', rule: null, suggestions: [], wouldDispatch: false });
  });

  it('flags on save a rule a broader earlier rule shadows, and one that conflicts', async () => {
    const r = await as.admin.post('/api/routing/rules', { ...base(), name: '蒸湘区欠薪', keywords: ['欠薪'], districtIds: [ids.dept('zxq')], leadDepartmentId: ids.dept('zxq') });
    narrow = r.body;
    expect(narrow.flags).toEqual([expect.objectContaining({ code: 'SHADOWED', otherRuleId: wage.id, otherRuleName: '欠薪 → 人社局', message: expect.stringContaining('永远不会命中') })]);
    const c = await as.admin.post('/api/routing/rules', { ...base(), name: '欠薪另一单位', keywords: ['农民工工资', '欠薪'], leadDepartmentId: ids.dept('zjj') });
    expect(c.body.flags.map((f: any) => f.code)).toEqual(['CONFLICT', 'SHADOWED']);
    // The earlier rule now carries the conflict too.
    const list = (await as.admin.get('/api/routing/rules')).body.items;
    expect(list.find((x: any) => x.id === wage.id).flags.map((f: any) => f.code)).toEqual(['CONFLICT']);
    await as.admin.post(`/api/routing/rules/${c.body.id}/delete`);
    const after = (await as.admin.get('/api/routing/rules')).body.items;
    expect(after.map((x: any) => x.id)).toEqual([wage.id, narrow.id]);
    expect(after[0].flags).toEqual([]);
  });

  it('a rule without conditions is saved but flagged and never fires', async () => {
    const r = await as.admin.post('/api/routing/rules', { ...base(), name: '兜底', keywords: ['  '] });
    expect(r.body.flags.map((f: any) => f.code)).toEqual(['EMPTY_KEYWORDS', 'NO_CONDITIONS']);
    const t = await as.admin.post('/api/routing/try', { title: '任何内容', text: '随便写点什么' });
    expect(t.body.source).toBe('none');
    await as.admin.post(`/api/routing/rules/${r.body.id}/delete`);
  });

  it('moving the narrow rule first clears its flag, versions both and changes which rule fires', async () => {
    const r = await as.admin.post('/api/routing/rules/reorder', { ruleIds: [narrow.id, wage.id] });
    expect(r.status).toBe(200);
    const [first, second] = r.body.items;
    expect(first).toMatchObject({ id: narrow.id, position: 1, version: 2, flags: [] });
    expect(second).toMatchObject({ id: wage.id, position: 2, version: 2 });
    const t = await as.admin.post('/api/routing/try', { title: '欠薪', text: '公司欠薪', districtId: ids.dept('zxq') });
    expect(t.body.rule).toMatchObject({ id: narrow.id, version: 2 });
    const h = (await as.admin.get(`/api/routing/rules/${narrow.id}/history`)).body.items;
    expect(h.map((v: any) => [v.version, v.change])).toEqual([[2, 'reordered'], [1, 'created']]);
    expect(h[1].flags.map((f: any) => f.code)).toEqual(['SHADOWED']);
  });

  it('turning a rule off is a new version; a stale version is refused', async () => {
    const current = (await as.admin.get('/api/routing/rules')).body.items.find((x: any) => x.id === narrow.id);
    const off = await as.admin.post(`/api/routing/rules/${narrow.id}`, { ...current, isActive: false, version: current.version });
    expect(off.body).toMatchObject({ isActive: false, version: 3 });
    const stale = await as.admin.post(`/api/routing/rules/${narrow.id}`, { ...current, isActive: true, version: current.version });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('RULE_STALE');
    const t = await as.admin.post('/api/routing/try', { title: '欠薪', text: '公司欠薪', districtId: ids.dept('zxq') });
    expect(t.body.rule.id).toBe(wage.id);
  });

  it('bad input gets a stable code and saves nothing', async () => {
    const before = (await as.admin.get('/api/routing/rules')).body.items.length;
    const unknown = await as.admin.post('/api/routing/rules', { ...base(), name: '未知单位', keywords: ['x'], leadDepartmentId: 999_999 });
    expect([unknown.status, unknown.body.error.code]).toEqual([422, 'DEPARTMENT_NOT_FOUND']);
    const leadInCo = await as.admin.post('/api/routing/rules', { ...base(), name: '主协重复', keywords: ['x'], coDepartmentIds: [ids.dept('rsj')] });
    expect([leadInCo.status, leadInCo.body.error.code]).toEqual([422, 'LEAD_IN_CO']);
    const noName = await as.admin.post('/api/routing/rules', { ...base(), name: ' ', keywords: ['x'] });
    expect(noName.status).toBe(400);
    const badOrder = await as.admin.post('/api/routing/rules/reorder', { ruleIds: [wage.id] });
    expect([badOrder.status, badOrder.body.error.code]).toEqual([422, 'RULE_REORDER_INVALID']);
    const missing = await as.admin.post('/api/routing/rules/999999', { ...base(), name: 'x', keywords: ['x'], version: 1 });
    expect([missing.status, missing.body.error.code]).toEqual([404, 'RULE_NOT_FOUND']);
    expect((await as.admin.get('/api/routing/rules')).body.items.length).toBe(before);
  });

  it('without a model nothing is trained from an empty history', async () => {
    const r = await as.admin.post('/api/routing/model/train');
    expect([r.status, r.body.error.code]).toEqual([409, 'ROUTER_NOT_ENOUGH_DATA']);
    const s = (await as.admin.get('/api/routing/model')).body;
    expect(s).toMatchObject({ active: null, history: [], availableCases: 0, settings: { autoDispatch: true, threshold: 0.85 } });
  });
});

describe('who may call the routing endpoints', () => {
  const adminOnly: [string, (c: any) => Promise<{ status: number }>][] = [
    ['GET rules', (c) => c.get('/api/routing/rules')],
    ['POST rules', (c) => c.post('/api/routing/rules', { name: 'x', keywords: ['x'], leadDepartmentId: ids.dept('rsj') })],
    ['POST reorder', (c) => c.post('/api/routing/rules/reorder', { ruleIds: [1] })],
    ['POST try', (c) => c.post('/api/routing/try', { text: '欠薪' })],
    ['GET model', (c) => c.get('/api/routing/model')],
    ['POST train', (c) => c.post('/api/routing/model/train')],
    ['GET settings', (c) => c.get('/api/routing/settings')],
    ['POST settings', (c) => c.post('/api/routing/settings', { autoDispatch: true, threshold: 0.9 })],
  ];
  for (const [name, call] of adminOnly) {
    it.each(['intake', 'supervisor', 'leader', 'handler'] as const)(`${name} is refused to %s`, async (role) => {
      expect((await call(as[role])).status).toBe(403);
    });
  }

  it('case suggestions: intake desk, supervisors and the admin; not departments or leaders; not anonymous', async () => {
    const created = await as.intake.post('/api/cases', {
      title: '欠薪', description: '工地欠薪', categoryId: ids.category('approval.project'), channel: 'hotline', urgency: 'normal',
      submitterName: '张三', submitterPhone: '13800138000',
    }, { 'idempotency-key': 'routing-auth-1' });
    const id = created.body.id;
    for (const role of ['intake', 'supervisor', 'admin'] as const) expect((await as[role].get(`/api/routing/cases/${id}`)).status).toBe(200);
    for (const role of ['leader', 'handler'] as const) expect((await as[role].get(`/api/routing/cases/${id}`)).status).toBe(403);
    expect((await rt.app.inject({ method: 'GET', url: `/api/routing/cases/${id}` })).statusCode).toBe(401);
    expect((await rt.app.inject({ method: 'POST', url: '/api/routing/try', payload: { text: 'x' } })).statusCode).toBe(401);
    // A hotline case is registered by staff: no automatic routing decision is recorded for it.
    expect((await as.intake.get(`/api/routing/cases/${id}`)).body.decision).toBeNull();
  });
});
