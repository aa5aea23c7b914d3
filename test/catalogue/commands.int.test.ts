import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type Client } from '../kit/http.js';
import { orgIds, sampleCase } from '../kit/org.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';
import { goodSubmission, submit } from '../portal/kit.js';
import { get as o311Get, newKey, post as o311Post, validRequest } from '../open311/kit.js';

// The catalogue's commands through the API: each change is one transaction with its history row and its admin
// audit entry; bad input is refused with a stable code and leaves nothing behind; a retired category is not offered
// at the desk, the portal or Open311, keeps its name on its cases, and routing rules naming it are flagged.

let rt: TestRuntime;
let admin: Client;
let intake: Client;
let ids: Awaited<ReturnType<typeof orgIds>>;

beforeAll(async () => {
  rt = await testRuntime();
  admin = await loginAs(rt.app, 'admin');
  intake = await loginAs(rt.app, 'intake');
  ids = await orgIds(admin);
});
afterAll(() => rt.close());

const counts = async () => {
  const db = rt.deps.database.db;
  const [c, h, a] = await Promise.all([
    db.selectFrom('categories').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    db.selectFrom('category_changes').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    db.selectFrom('admin_audit').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { categories: Number(c.n), changes: Number(h.n), audit: Number(a.n) };
};
const lastAudit = () => rt.deps.database.db.selectFrom('admin_audit').selectAll().orderBy('seq', 'desc').executeTakeFirstOrThrow();

let group: any;
let leaf: any;

describe('catalogue commands', () => {
  it('creates a group and a leaf with its units, case types and tags, with history and audit', async () => {
    let r = await admin.post('/api/catalogue', { code: 'energy', name: '用能保障', kind: 'complaint' });
    expect(r.status).toBe(200);
    group = r.body.category;
    r = await admin.post('/api/catalogue', {
      code: 'energy.power_cut', name: '频繁停电', parentId: group.id, kind: 'complaint', acceptedKinds: ['complaint', 'help', 'report'],
      leadDepartmentId: ids.dept('rsj'), coDepartmentIds: [ids.dept('zjj')], tags: [' 获得电力 ', '获得电力', '用电'],
    });
    expect(r.status).toBe(200);
    leaf = r.body.category;
    expect(leaf).toMatchObject({
      code: 'energy.power_cut', parentId: group.id, kind: 'complaint', acceptedKinds: ['complaint', 'help', 'report'], leadDepartmentId: ids.dept('rsj'),
      coDepartmentIds: [ids.dept('zjj')], tags: ['获得电力', '用电'], isActive: true, version: 1, openCases: 0, warnings: [],
    });
    expect(r.body.history).toEqual([expect.objectContaining({ action: 'create', effectiveDate: '2026-11-02', changedBy: '系统管理员', before: null })]);
    // No policy of its own: the ones for every category apply (none in a fresh database) and are listed as such.
    expect(r.body.policies.every((p: any) => p.scope === 'all')).toBe(true);
    const audit = await lastAudit();
    expect(audit).toMatchObject({ action: 'category.create', target_type: 'category', target_id: String(leaf.id), target_name: '频繁停电' });
    expect((audit.after as any).leadDepartmentId).toBe(ids.dept('rsj'));
    // The directory (intake's list) has it at once.
    const org = (await intake.get('/api/org')).body;
    expect(org.categories.find((c: any) => c.id === leaf.id)).toMatchObject({ isActive: true, defaultLeadDepartmentId: ids.dept('rsj') });
  });

  it('intake on every channel refuses a case type the category does not take (受理类型), and offers only the ones it takes', async () => {
    const before = await rt.deps.database.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const desk = await intake.post('/api/cases', { ...sampleCase(leaf.id), caseType: 'consultation' });
    expect([desk.status, desk.body.error.code, desk.body.error.message]).toEqual([422, 'CATEGORY_CASE_TYPE_NOT_ACCEPTED', '该问题类别不受理这种诉求类型，请改选诉求类型或问题类别']);
    const portal = await submit(rt.app, { ...goodSubmission(leaf.id), caseType: 'praise' });
    expect([portal.status, portal.body.error.code]).toEqual([422, 'CATEGORY_CASE_TYPE_NOT_ACCEPTED']);
    const o311 = await o311Post(rt.app, '/open311/v2/requests.json', validRequest(await newKey(rt.app, '受理类型测试'), { service_code: 'energy.power_cut', request_type: 'suggestion' }));
    expect(o311.status).toBe(422);
    expect(o311.json()[0].description).toContain('不受理这种诉求类型');
    const after = await rt.deps.database.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    // The desk and the portal read what it takes, to offer only those types.
    expect((await intake.get('/api/org')).body.categories.find((c: any) => c.id === leaf.id).acceptedKinds).toEqual(['complaint', 'help', 'report']);
    const pub = (await rt.app.inject({ method: 'GET', url: '/api/public/categories' })).json();
    expect(pub.categories.find((c: any) => c.id === leaf.id).acceptedKinds).toEqual(['complaint', 'help', 'report']);
  });

  it('refuses bad input with a stable code and writes nothing', async () => {
    const before = await counts();
    const cases: [Record<string, unknown>, number, string][] = [
      [{ code: 'ENERGY', name: '重复', kind: 'help' }, 409, 'CATEGORY_CODE_TAKEN'],
      [{ code: 'bad code!', name: '编码有误', kind: 'help' }, 422, 'CATEGORY_CODE_INVALID'],
      [{ code: 'x.kind', name: '类型不符', kind: 'gossip' }, 400, 'VALIDATION_FAILED'],
      [{ code: 'x.kind', name: '类型不符', kind: 'help', acceptedKinds: ['complaint'] }, 422, 'CATEGORY_KIND_NOT_ACCEPTED'],
      [{ code: 'x.lead', name: '主协办重复', kind: 'help', leadDepartmentId: ids.dept('rsj'), coDepartmentIds: [ids.dept('rsj')] }, 422, 'LEAD_IN_CO'],
      [{ code: 'x.unit', name: '单位不存在', kind: 'help', leadDepartmentId: 999_999 }, 422, 'DEPARTMENT_NOT_FOUND'],
      [{ code: 'x.parent', name: '上级不存在', kind: 'help', parentId: 999_999 }, 422, 'CATEGORY_NOT_FOUND'],
      [{ code: 'x.date', name: '日期在未来', kind: 'help', effectiveDate: '2026-11-03' }, 422, 'CATEGORY_DATE_INVALID'],
    ];
    for (const [body, status, code] of cases) {
      const r = await admin.post('/api/catalogue', body);
      expect([r.status, r.body.error.code], JSON.stringify(body)).toEqual([status, code]);
    }
    expect((await admin.post('/api/catalogue', { code: 'energy', name: '重复', kind: 'help' })).body.error.message).toBe('类别编码已被其他类别使用');
    // A handler may not touch the catalogue.
    const handler = await loginAs(rt.app, 'zjj-handler');
    expect((await handler.post('/api/catalogue', { code: 'h.x', name: '越权', kind: 'help' })).status).toBe(403);
    expect((await handler.get('/api/catalogue')).status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it('edits with the version it read; a stale version is refused', async () => {
    const r = await admin.post(`/api/catalogue/${leaf.id}`, { ...leaf, name: '频繁停电、电压不稳', version: 1, effectiveDate: '2026-10-30' });
    expect(r.status).toBe(200);
    expect(r.body.category).toMatchObject({ name: '频繁停电、电压不稳', version: 2 });
    expect(r.body.history[0]).toMatchObject({ action: 'update', effectiveDate: '2026-10-30', before: expect.objectContaining({ name: '频繁停电' }) });
    expect((await lastAudit()).action).toBe('category.update');
    const stale = await admin.post(`/api/catalogue/${leaf.id}`, { ...leaf, name: '旧版本', version: 1 });
    expect([stale.status, stale.body.error.code]).toEqual([409, 'CATEGORY_STALE']);
    leaf = r.body.category;
  });

  it('moves a category, but never under itself or its own descendant', async () => {
    const before = await counts();
    const cycle = await admin.post(`/api/catalogue/${group.id}/move`, { parentId: leaf.id, version: group.version });
    expect([cycle.status, cycle.body.error.code]).toEqual([422, 'CATEGORY_CYCLE']);
    const self = await admin.post(`/api/catalogue/${group.id}/move`, { parentId: group.id, version: group.version });
    expect(self.body.error.code).toBe('CATEGORY_CYCLE');
    expect(await counts()).toEqual(before);
    const other = (await admin.post('/api/catalogue', { code: 'utility', name: '公用事业', kind: 'complaint' })).body.category;
    const moved = await admin.post(`/api/catalogue/${leaf.id}/move`, { parentId: other.id, version: leaf.version });
    expect(moved.body.category).toMatchObject({ parentId: other.id, version: 3 });
    expect((await lastAudit()).action).toBe('category.move');
    const back = await admin.post(`/api/catalogue/${leaf.id}/move`, { parentId: group.id, version: 3 });
    leaf = back.body.category;
    expect(leaf.parentId).toBe(group.id);
  });

  it('refuses to deactivate a group with active children', async () => {
    group = (await admin.get(`/api/catalogue/${group.id}`)).body.category;
    const r = await admin.post(`/api/catalogue/${group.id}/deactivate`, { reason: '调整', version: group.version });
    expect([r.status, r.body.error.code]).toEqual([409, 'CATEGORY_HAS_ACTIVE_CHILDREN']);
    expect(r.body.error.message).toContain('下级类别');
  });

  let openCaseId = 0;
  let key = '';
  let ruleId = 0;

  it('retires a leaf holding an open case: not offered for new cases anywhere, the open case keeps working', async () => {
    const created = await intake.post('/api/cases', sampleCase(leaf.id));
    expect(created.status).toBe(201);
    openCaseId = created.body.id;
    key = await newKey(rt.app);
    const rule = await admin.post('/api/routing/rules', { name: '停电 → 人社局', categoryIds: [leaf.id], leadDepartmentId: ids.dept('rsj'), coDepartmentIds: [] });
    ruleId = rule.body.id;
    expect(rule.body.flags).toEqual([]);
    expect((await admin.get(`/api/catalogue/${leaf.id}`)).body).toMatchObject({ category: { openCases: 1 }, rules: [{ id: ruleId, name: '停电 → 人社局', isActive: true }] });
    const services = (await o311Get(rt.app, '/open311/v2/services.json')).json() as any[];
    expect(services.map((s) => s.service_code)).toContain('energy.power_cut');

    const r = await admin.post(`/api/catalogue/${leaf.id}/deactivate`, { reason: '并入供电类', version: leaf.version, effectiveDate: '2026-11-01' });
    expect(r.status).toBe(200);
    expect(r.body.category).toMatchObject({ isActive: false, openCases: 1 });
    expect(r.body.history[0]).toMatchObject({ action: 'deactivate', reason: '并入供电类', effectiveDate: '2026-11-01' });
    expect(await lastAudit()).toMatchObject({ action: 'category.deactivate', target_name: '频繁停电、电压不稳' });
    leaf = r.body.category;

    // The desk, the portal and Open311 no longer take it.
    const desk = await intake.post('/api/cases', sampleCase(leaf.id));
    expect([desk.status, desk.body.error.code, desk.body.error.message]).toEqual([422, 'CATEGORY_INACTIVE', '该问题类别已停用，请选择其他类别']);
    const pub = (await rt.app.inject({ method: 'GET', url: '/api/public/categories' })).json();
    expect(pub.categories.map((c: any) => c.id)).not.toContain(leaf.id);
    // The group has no active child left: the portal does not show it as if it were a leaf.
    expect(pub.categories.map((c: any) => c.id)).not.toContain(group.id);
    const portal = await submit(rt.app, goodSubmission(leaf.id));
    expect([portal.status, portal.body.error.code]).toEqual([422, 'CATEGORY_INACTIVE']);
    const after = (await o311Get(rt.app, '/open311/v2/services.json')).json() as any[];
    expect(after.map((s) => s.service_code)).not.toContain('energy.power_cut');
    expect(after.length).toBe(services.length - 1);
    const o = await o311Post(rt.app, '/open311/v2/requests.json', validRequest(key, { service_code: 'energy.power_cut' }));
    expect([o.status, o.json()[0].description]).toEqual([400, 'service_code 不是可受理的服务类型：energy.power_cut']);
    // The intake list (org) still names it, marked inactive.
    const org = (await intake.get('/api/org')).body;
    expect(org.categories.find((c: any) => c.id === leaf.id)).toMatchObject({ name: '频繁停电、电压不稳', isActive: false });

    // The open case keeps its name and can still be dispatched.
    const detail = await intake.get(`/api/cases/${openCaseId}`);
    expect(detail.body.categoryName).toBe('频繁停电、电压不稳');
    const d = await intake.post(`/api/cases/${openCaseId}/dispatch`, { leadDepartmentId: ids.dept('rsj'), coDepartmentIds: [] });
    expect(d.status).toBe(200);

    // The routing rule naming it is flagged on the rules list.
    const rules = (await admin.get('/api/routing/rules')).body.items;
    expect(rules.find((x: any) => x.id === ruleId).flags).toEqual([
      expect.objectContaining({ code: 'INACTIVE_CATEGORY', categoryIds: [leaf.id], message: expect.stringContaining('已停用') }),
    ]);
  });

  it('deactivating twice is refused; the group can now retire, and a child cannot come back under a retired parent', async () => {
    const again = await admin.post(`/api/catalogue/${leaf.id}/deactivate`, { reason: '重复操作', version: leaf.version });
    expect(again.body.error.code).toBe('CATEGORY_ALREADY_INACTIVE');
    const g = await admin.post(`/api/catalogue/${group.id}/deactivate`, { reason: '整体撤并', version: group.version });
    expect(g.status).toBe(200);
    group = g.body.category;
    const child = await admin.post(`/api/catalogue/${leaf.id}/reactivate`, { reason: '恢复', version: leaf.version });
    expect([child.status, child.body.error.code]).toEqual([422, 'CATEGORY_PARENT_INACTIVE']);
    const newChild = await admin.post('/api/catalogue', { code: 'energy.gas', name: '供气', parentId: group.id, kind: 'help' });
    expect(newChild.body.error.code).toBe('CATEGORY_PARENT_INACTIVE');
  });

  it('reactivates: offered again and the rule flag clears', async () => {
    group = (await admin.post(`/api/catalogue/${group.id}/reactivate`, { reason: '恢复受理', version: group.version })).body.category;
    const r = await admin.post(`/api/catalogue/${leaf.id}/reactivate`, { reason: '恢复受理', version: leaf.version });
    expect(r.status).toBe(200);
    expect(r.body.category.isActive).toBe(true);
    expect((await lastAudit()).action).toBe('category.reactivate');
    expect((await intake.post('/api/cases', sampleCase(leaf.id))).status).toBe(201);
    const rules = (await admin.get('/api/routing/rules')).body.items;
    expect(rules.find((x: any) => x.id === ruleId).flags).toEqual([]);
    const history = (await admin.get(`/api/catalogue/${leaf.id}`)).body.history.map((h: any) => h.action);
    expect(history).toEqual(['reactivate', 'deactivate', 'move', 'move', 'update', 'create']);
  });

  it('a category whose lead unit was retired is flagged, and can still be renamed', async () => {
    await rt.deps.database.db.updateTable('departments').set({ is_active: false }).where('id', '=', ids.dept('rsj')).execute();
    const list = (await admin.get('/api/catalogue')).body.items;
    const c = list.find((x: any) => x.id === leaf.id);
    expect(c.warnings).toContain('默认牵头单位已停用，请改选');
    const r = await admin.post(`/api/catalogue/${leaf.id}`, { ...c, name: '停电', version: c.version });
    expect(r.status).toBe(200);
    // Choosing a retired unit anew is refused.
    const other = list.find((x: any) => x.code === 'approval.construction_permit');
    const refused = await admin.post(`/api/catalogue/${other.id}`, { ...other, coDepartmentIds: [ids.dept('rsj')], version: other.version });
    expect(refused.body.error.code).toBe('CATEGORY_UNIT_INACTIVE');
    await rt.deps.database.db.updateTable('departments').set({ is_active: true }).where('id', '=', ids.dept('rsj')).execute();
  });
});
