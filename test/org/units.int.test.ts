import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zUnitNode, zUnitTree } from '../../src/contracts/org-units.js';
import { verifyChains } from '../../src/server/modules/audit/verify-chains.js';
import { verifyRows } from '../../src/server/modules/audit/verify-rows.js';
import { caseRollupMismatches } from '../dashboard/kit.js';
import { loginAs, type Client } from '../kit/http.js';
import { orgIds, sampleCase } from '../kit/org.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';
import { postFile, treeWorkbook } from './kit.js';

// The organisation's commands through the API: each one's effect, its dated history and admin audit record, and
// each bad input refused with its stable code and nothing half-written.

let rt: TestRuntime;
let admin: Client;
let intake: Client;
let ids: Awaited<ReturnType<typeof orgIds>>;

beforeAll(async () => {
  rt = await testRuntime('2026-11-20T09:00:00+08:00');
  admin = await loginAs(rt.app, 'admin');
  intake = await loginAs(rt.app, 'intake');
  ids = await orgIds(admin);
});
afterAll(() => rt.close());

const audit = async (action: string) => (await rt.deps.database.db.selectFrom('admin_audit').selectAll().where('action', '=', action).orderBy('seq', 'desc').execute());
const unit = (id: number) => admin.get(`/api/admin/org/units/${id}`).then((r) => r.body);

describe('organisation commands', () => {
  let bureau: number;
  let section: number;

  it('adds a unit under a parent, records it dated and in the admin audit trail; refuses a duplicate or malformed code', async () => {
    const r = await admin.post('/api/admin/org/units', { name: '市数据资源局', code: 'sjzyj-t', kind: 'city_department', parentId: null, phone: '0734-8888001', effectiveOn: '2026-11-15' });
    expect(r.status).toBe(201);
    bureau = r.body.id;
    const s = await admin.post('/api/admin/org/units', { name: '数据科', code: 'sjzyj-t-1', kind: 'office', parentId: bureau });
    section = s.body.id;
    const d = await unit(bureau);
    expect(d.unit).toMatchObject({ name: '市数据资源局', phone: '0734-8888001', isActive: true, people: 0, openCases: 0 });
    expect(d.history).toEqual([expect.objectContaining({ change: 'create', effectiveOn: '2026-11-15', recordedByName: '系统管理员' })]);
    expect((await audit('unit.create'))[1]).toMatchObject({ target_id: String(bureau), target_name: '市数据资源局' });

    const dup = await admin.post('/api/admin/org/units', { name: '另一个', code: 'SJZYJ-T', kind: 'office', parentId: null });
    expect([dup.status, dup.body.error.code]).toEqual([409, 'UNIT_CODE_TAKEN']);
    expect((await admin.post('/api/admin/org/units', { name: '坏编码', code: '数据局', kind: 'office', parentId: null })).body.error.code).toBe('UNIT_CODE_INVALID');
    expect((await admin.post('/api/admin/org/units', { name: '未来', code: 'future', kind: 'office', parentId: null, effectiveOn: '2027-01-01' })).body.error.code).toBe('UNIT_EFFECTIVE_DATE_INVALID');
    expect((await admin.post('/api/admin/org/units', { name: '孤儿', code: 'orphan', kind: 'office', parentId: 999999 })).body.error.code).toBe('UNIT_PARENT_NOT_FOUND');
    expect((await rt.deps.database.db.selectFrom('departments').select('id').where('code', 'in', ['数据局', 'future', 'orphan']).execute())).toEqual([]);
    // Only an administrator manages the organisation.
    expect((await intake.post('/api/admin/org/units', { name: 'x', code: 'x1', kind: 'office', parentId: null })).body.error.code).toBe('FORBIDDEN');
    expect((await intake.get('/api/admin/org/tree')).status).toBe(403);
  });

  it('renames and edits, keeping the old name in history; a code already used is refused and nothing changes', async () => {
    const r = await admin.post(`/api/admin/org/units/${bureau}/edit`, { name: '市大数据局', phone: '0734-8888002', effectiveOn: '2026-11-18' });
    expect(r.status).toBe(200);
    const d = await unit(bureau);
    expect(d.unit.name).toBe('市大数据局');
    expect(d.history.map((h: any) => h.change)).toEqual(['update', 'rename', 'create']);
    expect(d.history[1]).toMatchObject({ effectiveOn: '2026-11-18', before: { name: '市数据资源局' }, after: { name: '市大数据局' } });
    expect((await audit('unit.rename'))[0]).toMatchObject({ target_name: '市大数据局' });
    const taken = await admin.post(`/api/admin/org/units/${bureau}/edit`, { name: '不会保存', code: 'zjj' });
    expect(taken.body.error.code).toBe('UNIT_CODE_TAKEN');
    expect((await unit(bureau)).unit.name).toBe('市大数据局');
    // The directory serves the new name at once.
    expect((await admin.get('/api/org')).body.departments.find((x: any) => x.id === bureau).name).toBe('市大数据局');
  });

  it('moves a unit, and refuses moving it under itself or its own descendant (UNIT_CYCLE)', async () => {
    expect((await admin.post(`/api/admin/org/units/${bureau}/move`, { parentId: section })).body.error.code).toBe('UNIT_CYCLE');
    expect((await admin.post(`/api/admin/org/units/${bureau}/move`, { parentId: bureau })).body.error.code).toBe('UNIT_CYCLE');
    const r = await admin.post(`/api/admin/org/units/${section}/move`, { parentId: ids.dept('yshb'), effectiveOn: '2026-11-19' });
    expect(r.status).toBe(200);
    expect((await unit(section)).unit.parentId).toBe(ids.dept('yshb'));
    await admin.post(`/api/admin/org/units/${section}/move`, { parentId: bureau });
    expect((await audit('unit.move')).length).toBe(2);
  });

  it('refuses to deactivate a unit holding open cases or active accounts, and offers the merge', async () => {
    await intake.post('/api/cases', { ...sampleCase(ids.category('approval.construction_permit')), dispatch: { leadDepartmentId: ids.dept('cgj'), coDepartmentIds: [] } });
    const open = await admin.post(`/api/admin/org/units/${ids.dept('cgj')}/deactivate`, {});
    expect([open.status, open.body.error.code]).toEqual([409, 'UNIT_HAS_OPEN_CASES']);
    expect(open.body.error.message).toContain('合并');
    const users = await admin.post(`/api/admin/org/units/${ids.dept('gsl')}/deactivate`, {});
    expect(users.body.error.code).toBe('UNIT_HAS_ACTIVE_USERS');
    const children = await admin.post(`/api/admin/org/units/${bureau}/deactivate`, {});
    expect(children.body.error.code).toBe('UNIT_HAS_ACTIVE_CHILDREN');
    // An empty unit is deactivated and reactivated, both dated.
    expect((await admin.post(`/api/admin/org/units/${section}/deactivate`, { effectiveOn: '2026-11-20' })).status).toBe(200);
    expect((await unit(section)).unit).toMatchObject({ isActive: false, retiredOn: '2026-11-20' });
    expect((await admin.post(`/api/admin/org/units/${section}/deactivate`, {})).body.error.code).toBe('UNIT_INACTIVE');
    expect((await admin.post(`/api/admin/org/units/${section}/reactivate`, {})).status).toBe(200);
    expect((await admin.post(`/api/admin/org/units/${section}/reactivate`, {})).body.error.code).toBe('UNIT_ALREADY_ACTIVE');
    expect((await unit(section)).history.map((h: any) => h.change).slice(0, 2)).toEqual(['reactivate', 'deactivate']);
  });

  it('merges a unit: open assignments move with an event in each chain, accounts, children and category leads follow, audit verify holds', async () => {
    const old = (await admin.post('/api/admin/org/units', { name: '市城市管理和综合执法局（旧）', code: 'cgj-old', kind: 'city_department', parentId: null })).body.id;
    const child = (await admin.post('/api/admin/org/units', { name: '执法支队', code: 'cgj-old-zd', kind: 'office', parentId: old })).body.id;
    const category = ids.category('approval.construction_permit');
    const lead = (await intake.post('/api/cases', { ...sampleCase(category), dispatch: { leadDepartmentId: old, coDepartmentIds: [ids.dept('zjj')] } })).body.id;
    const co = (await intake.post('/api/cases', { ...sampleCase(category), dispatch: { leadDepartmentId: ids.dept('zjj'), coDepartmentIds: [old] } })).body.id;
    const before = await admin.get('/api/admin/org/tree');
    expect(before.body.items.find((x: any) => x.id === old)).toMatchObject({ openCases: 2, people: 0 });
    // The tree is JSON text from the database: it has the contract's shape, and an unchanged tree is a 304.
    expect(zUnitTree.strict().parse(before.body)).toEqual(before.body);
    expect(before.body.items.every((x: any) => Object.keys(zUnitNode.shape).every((k) => k in x))).toBe(true);
    expect(before.headers['content-type']).toMatch(/^application\/json/);
    const etag = String(before.headers.etag);
    expect(await admin.get('/api/admin/org/tree', { 'if-none-match': etag })).toMatchObject({ status: 304, body: null });

    const r = await admin.post(`/api/admin/org/units/${old}/merge`, { targetId: bureau, effectiveOn: '2026-11-20' });
    expect(r.status).toBe(200);
    expect(r.body.moved).toMatchObject({ cases: 2, assignments: 2, children: 1 });
    const after = await admin.get('/api/admin/org/tree', { 'if-none-match': etag });
    expect(after.status).toBe(200);
    expect(after.body.items.find((x: any) => x.id === old)).toMatchObject({ openCases: 0, isActive: false, successorId: bureau, retiredOn: '2026-11-20' });
    expect(after.body.items.find((x: any) => x.id === bureau).openCases).toBe(before.body.items.find((x: any) => x.id === bureau).openCases + 2);
    const leadCase = (await admin.get(`/api/cases/${lead}`)).body;
    expect(leadCase.leadDepartmentId).toBe(bureau);
    expect(leadCase.assignments.map((a: any) => a.departmentId).sort()).toEqual([ids.dept('zjj'), bureau].sort());
    const coCase = (await admin.get(`/api/cases/${co}`)).body;
    expect(coCase.leadDepartmentId).toBe(ids.dept('zjj'));
    expect(coCase.assignments.find((a: any) => a.role === 'co').departmentId).toBe(bureau);
    const events = await rt.deps.database.db.selectFrom('case_events').select(['case_id', 'payload']).where('type', '=', 'case.unit_merged').execute();
    expect(events.map((e) => Number(e.case_id)).sort()).toEqual([lead, co].sort());
    expect(events[0].payload).toMatchObject({ fromDepartmentId: old, toDepartmentId: bureau, effectiveOn: '2026-11-20' });
    expect((await verifyChains(rt.deps.database.db)).firstBroken).toBeNull();
    expect((await verifyRows(rt.deps.database.db)).mismatches).toEqual([]);
    // The dashboard rollup followed the lead that moved (folded once per statement, migration 0032), nothing left over.
    expect(await caseRollupMismatches(rt)).toEqual([]);
    expect(await rt.deps.database.db.selectFrom('dashboard_case_deltas').selectAll().execute()).toEqual([]);

    const d = await unit(old);
    expect(d.unit).toMatchObject({ isActive: false, successorId: bureau, retiredOn: '2026-11-20' });
    expect(d.successorName).toBe('市大数据局');
    expect(d.history[0]).toMatchObject({ change: 'merge', otherName: '市大数据局' });
    expect((await unit(bureau)).history[0]).toMatchObject({ change: 'merged_in', otherId: old });
    expect((await unit(child)).unit.parentId).toBe(bureau);
    // The merged unit keeps its name for history; the assignment and the case are now the bureau's to handle.
    expect((await admin.get('/api/org')).body.departments.find((x: any) => x.id === old)).toMatchObject({ isActive: false, successorId: bureau });
    expect((await audit('unit.merge'))[0]).toMatchObject({ target_id: String(old), after: expect.objectContaining({ successorId: bureau, cases: 2 }) });

    // Merging into itself, a retired unit, or into one of its own children is refused.
    expect((await admin.post(`/api/admin/org/units/${bureau}/merge`, { targetId: bureau })).body.error.code).toBe('UNIT_MERGE_SELF');
    expect((await admin.post(`/api/admin/org/units/${bureau}/merge`, { targetId: old })).body.error.code).toBe('UNIT_TARGET_INACTIVE');
    expect((await admin.post(`/api/admin/org/units/${bureau}/merge`, { targetId: child })).body.error.code).toBe('UNIT_CYCLE');
  });

  it('merges a unit holding supervision orders: its open orders go to the successor, one the successor already has on the case closes the other', async () => {
    const supervisor = await loginAs(rt.app, 'supervisor');
    const a = (await admin.post('/api/admin/org/units', { name: '市物流发展中心', code: 'wlzx-t', kind: 'city_department', parentId: null })).body.id;
    const b = (await admin.post('/api/admin/org/units', { name: '市商务局（新）', code: 'swj-new-t', kind: 'city_department', parentId: null })).body.id;
    const category = ids.category('approval.construction_permit');
    const only = (await intake.post('/api/cases', { ...sampleCase(category), dispatch: { leadDepartmentId: a, coDepartmentIds: [] } })).body.id;
    const both = (await intake.post('/api/cases', { ...sampleCase(category), dispatch: { leadDepartmentId: a, coDepartmentIds: [b] } })).body.id;
    const issue = async (caseId: number, departmentId: number, level: string) => {
      const r = await supervisor.post(`/api/cases/${caseId}/orders`, { departmentId, level, demands: '请加快办理', deadline: { workingDays: 3 } });
      expect(r.status).toBe(201);
      return r.body.id as number;
    };
    const moved = await issue(only, a, 'yellow');
    const clashing = await issue(both, a, 'red');
    const kept = await issue(both, b, 'normal');

    const r = await admin.post(`/api/admin/org/units/${a}/merge`, { targetId: b, effectiveOn: '2026-11-20' });
    expect(r.status).toBe(200);
    expect(r.body.moved).toMatchObject({ cases: 2, orders: 2 });
    const orders = await rt.deps.database.db.selectFrom('supervision_orders').select(['id', 'department_id', 'state', 'close_reason']).where('id', 'in', [moved, clashing, kept]).orderBy('id').execute();
    expect(orders).toEqual([
      { id: moved, department_id: b, state: 'open', close_reason: null },
      { id: clashing, department_id: a, state: 'closed', close_reason: expect.stringContaining('已并入市商务局（新）') },
      { id: kept, department_id: b, state: 'open', close_reason: null },
    ]);
    // The successor's staff now see and answer the moved order; the closed one is on the case's chain.
    expect((await admin.get(`/api/cases/${only}`)).body.supervisionLevel).toBe('yellow');
    const bothCase = (await admin.get(`/api/cases/${both}`)).body;
    expect(bothCase.supervisionLevel).toBe('urged');
    expect(bothCase.events.map((e: any) => e.type).slice(-2)).toEqual(['case.unit_merged', 'case.order_closed']);
    expect((await verifyChains(rt.deps.database.db)).firstBroken).toBeNull();
    expect((await verifyRows(rt.deps.database.db)).mismatches).toEqual([]);
  });

  it('the month’s scorecard shows a unit renamed and merged into during the month as one line with its history', async () => {
    const supervisor = await loginAs(rt.app, 'supervisor');
    expect((await supervisor.post('/api/assessment/periods/run', { period: '2026-11' })).status).toBe(200);
    const rows = (await supervisor.get('/api/assessment/periods/2026-11')).body.rows as { departmentId: number; departmentName: string }[];
    expect(rows.filter((r) => r.departmentId === bureau).map((r) => r.departmentName))
      .toEqual(['市大数据局（原市数据资源局，2026-11-18 更名；含原市城市管理和综合执法局（旧），2026-11-20 并入）']);
    // The merged units have no line of their own: their facts are counted in the successor's.
    expect(rows.filter((r) => r.departmentName.startsWith('市城市管理和综合执法局（旧）') || r.departmentName.startsWith('市物流发展中心'))).toEqual([]);
    expect(rows.find((r) => r.departmentName.startsWith('市商务局（新）'))?.departmentName).toBe('市商务局（新）（含原市物流发展中心，2026-11-20 并入）');
    // A month that ended before the merge keeps its lines as they were.
    expect((await supervisor.post('/api/assessment/periods/run', { period: '2026-10' })).status).toBe(200);
    const october = (await supervisor.get('/api/assessment/periods/2026-10')).body.rows as { departmentName: string }[];
    expect(october.some((r) => r.departmentName.includes('并入'))).toBe(false);
  });

  it('merges a unit with accounts and categories: they move to the successor', async () => {
    const from = ids.dept('gsl');
    const to = ids.dept('gxj');
    const r = await admin.post(`/api/admin/org/units/${from}/merge`, { targetId: to });
    expect(r.body.moved.users).toBe(2);
    const users = await rt.deps.database.db.selectFrom('users').select('department_id').where('username', 'in', ['gsl-handler', 'gsl-head']).execute();
    expect(users.map((u) => u.department_id)).toEqual([to, to]);
    const led = await rt.deps.database.db.selectFrom('categories').select('id').where('default_lead_department_id', '=', from).execute();
    expect(led).toEqual([]);
  });

  it('splits a unit into new ones, handing its open cases to the chosen one', async () => {
    const category = ids.category('approval.construction_permit');
    const c = (await intake.post('/api/cases', { ...sampleCase(category), dispatch: { leadDepartmentId: bureau, coDepartmentIds: [] } })).body.id;
    const bad = await admin.post(`/api/admin/org/units/${bureau}/split`, { units: [{ name: '甲', code: 'split-a' }], openWorkTo: null, retire: true });
    expect(bad.body.error.code).toBe('UNIT_SPLIT_INVALID');
    const dupCode = await admin.post(`/api/admin/org/units/${bureau}/split`, { units: [{ name: '甲', code: 'zjj' }], openWorkTo: 0, retire: true });
    expect(dupCode.body.error.code).toBe('UNIT_CODE_TAKEN');
    expect(await rt.deps.database.db.selectFrom('departments').select('id').where('code', '=', 'split-a').execute()).toEqual([]);
    const r = await admin.post(`/api/admin/org/units/${bureau}/split`, {
      units: [{ name: '市政务数据局', code: 'split-a' }, { name: '市数字产业局', code: 'split-b', kind: 'city_department' }], openWorkTo: 0, retire: true,
    });
    expect(r.status).toBe(200);
    const [a, b] = r.body.createdIds;
    expect((await admin.get(`/api/cases/${c}`)).body.leadDepartmentId).toBe(a);
    const d = await unit(bureau);
    expect(d.unit).toMatchObject({ isActive: false, successorId: a });
    expect(d.history[0]).toMatchObject({ change: 'split', newUnits: [{ id: a, name: '市政务数据局' }, { id: b, name: '市数字产业局' }] });
    expect((await verifyRows(rt.deps.database.db)).mismatches).toEqual([]);
  });
});

describe('organisation tree in Excel', () => {
  it('a dry run names each row’s problem in Chinese; a real run with errors imports nothing; the corrected file imports', async () => {
    const bad = await treeWorkbook([
      ['示范区管委会', '', '园区', 'sfq', '0734-1234567'],
      ['示范区社会事务局', '示范区管委会', '市直部门', 'sfq-sw', ''],
      ['重复编码', '', '市直部门', 'sfq', ''],
      ['没有上级', '不存在的单位', '乡镇街道', 'sfq-x', ''],
      ['类型不明', '', '委办局', 'sfq-y', ''],
      ['', '', '市直部门', 'sfq-z', ''],
      ['已有编码', '', '市直部门', 'zjj', ''],
    ]);
    const dry = await postFile(rt.app, 'admin', '/api/admin/org/import?dryRun=1', bad, 'tree.xlsx');
    expect(dry.status).toBe(200);
    expect(dry.body.errors).toBe(5);
    const problems = Object.fromEntries(dry.body.rows.map((r: any) => [r.row, r.problems]));
    expect(problems[3]).toEqual([]);
    expect(problems[4]).toEqual([]);
    expect(problems[5]).toEqual(['单位编码与第 3 行重复']);
    expect(problems[6][0]).toContain('上级单位「不存在的单位」不存在');
    expect(problems[7][0]).toContain('单位类型「委办局」无法识别');
    expect(problems[8]).toEqual(['缺少单位名称']);
    expect(problems[9][0]).toContain('已被「市住房和城乡建设局」使用');

    const real = await postFile(rt.app, 'admin', '/api/admin/org/import?dryRun=0', bad, 'tree.xlsx');
    // The body in the message: once in CI this answered IMPORT_XLSX_INVALID for the file the dry run had just read.
    expect([real.status, real.body.error.code], JSON.stringify(real.body)).toEqual([422, 'UNIT_IMPORT_INVALID']);
    expect(await rt.deps.database.db.selectFrom('departments').select('id').where('code', 'like', 'sfq%').execute()).toEqual([]);

    const good = await treeWorkbook([
      ['示范区管委会', '', '园区', 'sfq', '0734-1234567'],
      ['示范区社会事务局', '示范区管委会', '市直部门', 'sfq-sw', ''],
      ['示范街道', 'sfq', '乡镇街道', 'sfq-jd', ''],
      ['示范社区', '示范街道', '村社区网格', 'sfq-sq', ''],
      ['红湘社区', '红湘街道', '社区', 'sfq-hx', ''],
    ]);
    const ok = await postFile(rt.app, 'admin', '/api/admin/org/import?dryRun=0&effectiveOn=2026-11-01', good, 'tree.xlsx');
    expect(ok.body).toMatchObject({ dryRun: false, errors: 0, imported: 5 });
    const rows = await rt.deps.database.db.selectFrom('departments as d').leftJoin('departments as p', 'p.id', 'd.parent_id')
      .select(['d.code', 'd.kind', 'd.dept_group', 'p.code as parent']).where('d.code', 'like', 'sfq%').orderBy('d.id').execute();
    expect(rows).toEqual([
      { code: 'sfq', kind: 'park', dept_group: 'park', parent: null },
      { code: 'sfq-sw', kind: 'city_department', dept_group: 'city', parent: 'sfq' },
      { code: 'sfq-jd', kind: 'town', dept_group: 'district', parent: 'sfq' },
      { code: 'sfq-sq', kind: 'community', dept_group: 'district', parent: 'sfq-jd' },
      { code: 'sfq-hx', kind: 'community', dept_group: 'district', parent: 'zxq-hx' },
    ]);
    expect((await audit('unit.import'))[0]).toMatchObject({ target_name: '导入 5 个单位' });
    // Importing the same file again skips the rows already there.
    const again = await postFile(rt.app, 'admin', '/api/admin/org/import?dryRun=0', good, 'tree.xlsx');
    expect(again.body).toMatchObject({ errors: 0, imported: 0 });
  });

  it('exports the active tree in the same columns, and the export imports back as a dry run without problems', async () => {
    const r = await rt.app.inject({ method: 'GET', url: '/api/admin/org/export', headers: { cookie: await cookieOf('admin') } });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const dry = await postFile(rt.app, 'admin', '/api/admin/org/import?dryRun=1', r.rawPayload, 'export.xlsx');
    expect(dry.body.rows.filter((x: any) => x.problems.length)).toEqual([]);
    expect(dry.body.rows.length).toBeGreaterThan(100);
  });
});

async function cookieOf(username: string) {
  const login = await rt.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'Demo@2021' } });
  return `yw_session=${login.cookies.find((c) => c.name === 'yw_session')!.value}`;
}
