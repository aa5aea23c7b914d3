import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainAndMaybeDeploy } from '../../src/server/modules/routing/models.js';
import type { Client } from '../kit/http.js';
import { orgIds } from '../kit/org.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';
import { loginRoles, seedHandledHistory, submitPublic } from './kit.js';
import { consoleActor } from '../../src/server/modules/admin-audit/index.js';

let rt: TestRuntime;
let as: Awaited<ReturnType<typeof loginRoles>>;
let ids: Awaited<ReturnType<typeof orgIds>>;

beforeAll(async () => {
  rt = await testRuntime();
  as = await loginRoles(rt.app);
  ids = await orgIds(as.admin);
  await seedHandledHistory(rt.deps, 2500, 'A');
}, 240_000);
afterAll(() => rt.close());

const caseOf = (c: Client, id: number) => c.get(`/api/cases/${id}`);

describe('trained router', () => {
  it('trains from handled history, deploys the first model and shows it', async () => {
    const r = await as.admin.post('/api/routing/model/train');
    expect(r.status).toBe(200);
    expect(r.body.deployed).toBe(true);
    expect(r.body.model).toMatchObject({ version: 1, status: 'active', trainingSize: expect.any(Number) });
    expect(r.body.model.trainingSize).toBeGreaterThan(1800);
    const status = (await as.admin.get('/api/routing/model')).body;
    expect(status.active.version).toBe(1);
    expect(status.active.accuracy).toBeGreaterThan(0.8);
    expect(status.active.perDepartment.length).toBeGreaterThan(10);
    expect(status.availableCases).toBe(2500);
  });

  it('keeps the model in use when a new one scores worse on held-out cases', async () => {
    const worse = await trainAndMaybeDeploy(rt.deps, { trigger: 'manual', options: { epochs: 0 } });
    expect(worse.deployed).toBe(false);
    expect(worse.baseline?.version).toBe(1);
    expect(worse.macroF1).toBeLessThan(worse.baseline!.macroF1);
    const status = (await as.admin.get('/api/routing/model')).body;
    expect(status.active.version).toBe(1);
    expect(status.history.find((m: any) => m.version === worse.version)).toMatchObject({ status: 'rejected' });
  });

  it('the try-it box shows the top three departments with confidences and words', async () => {
    const r = await as.admin.post('/api/routing/try', { title: '增值税发票开不出来', text: '电子税务局开具增值税发票一直报错，出口退税也卡着，客户拿不到票不付款。' });
    expect(r.status).toBe(200);
    expect(r.body.source).toBe('model');
    expect(r.body.suggestions).toHaveLength(3);
    expect(r.body.suggestions[0].departmentId).toBe(ids.dept('shuiwu'));
    expect(r.body.suggestions[0].confidence).toBeGreaterThan(r.body.suggestions[1].confidence);
    expect(r.body.suggestions[0].words.length).toBeGreaterThan(0);
  });
});

describe('auto-dispatch of public submissions', () => {
  it('dispatches a clear text at once with no human, naming the model in the dispatch event', async () => {
    const r = await submitPublic(rt.app, {
      categoryId: ids.category('approval.project'), title: '工地拖欠农民工工资',
      description: '我们十几名工人在工地干了半年，农民工工资一分钱都没拿到，包工头联系不上，劳动监察大队说让我们自己去起诉。',
    });
    expect(r.status).toBe(201);
    const row = await rt.deps.database.db.selectFrom('cases').select(['id', 'status', 'lead_department_id']).where('code', '=', r.body.code).executeTakeFirstOrThrow();
    expect(row.status).toBe('dispatched');
    expect(row.lead_department_id).toBe(ids.dept('rsj'));
    const events = await rt.deps.database.db.selectFrom('case_events').select(['type', 'actor_role', 'payload']).where('case_id', '=', row.id).orderBy('seq').execute();
    expect(events.map((e) => e.type)).toEqual(['case.created', 'case.accepted', 'case.dispatched']);
    expect(events[2].actor_role).toBe('system');
    expect(events[2].payload).toMatchObject({ routing: { source: 'model', modelVersion: 1 } });
    const routing = (await as.intake.get(`/api/routing/cases/${row.id}`)).body;
    expect(routing.decision).toMatchObject({ source: 'model', dispatched: true, modelVersion: 1 });
    expect((await caseOf(as.intake, row.id)).body.status).toBe('dispatched');
  });

  it('leaves an unclear text waiting in the intake queue with three suggestions', async () => {
    const r = await submitPublic(rt.app, { categoryId: ids.category('approval.project'), title: '反映问题', description: '办事太难了，希望有人管一管，谢谢。' });
    expect(r.status).toBe(201);
    const row = await rt.deps.database.db.selectFrom('cases').select(['id', 'status', 'lead_department_id']).where('code', '=', r.body.code).executeTakeFirstOrThrow();
    expect(row.status).toBe('submitted');
    expect(row.lead_department_id).toBeNull();
    const routing = (await as.intake.get(`/api/routing/cases/${row.id}`)).body;
    expect(routing.decision).toMatchObject({ source: 'model', dispatched: false });
    expect(routing.result.suggestions).toHaveLength(3);
    expect(routing.result.suggestions[0].confidence).toBeLessThan(routing.result.threshold);
    // One click from the intake desk dispatches it to a suggestion.
    const d = await as.intake.post(`/api/cases/${row.id}/dispatch`, { leadDepartmentId: routing.result.suggestions[0].departmentId, coDepartmentIds: [] });
    expect(d.status).toBe(200);
  });

  it('a rule fires before the model and the dispatch names the rule and its version', async () => {
    const rule = await as.admin.post('/api/routing/rules', {
      name: '燃气报装到华润燃气', keywords: ['燃气报装', '天然气开户'], leadDepartmentId: ids.dept('rqgs'), coDepartmentIds: [ids.dept('zjj')],
    });
    expect(rule.status).toBe(201);
    const r = await submitPublic(rt.app, { categoryId: ids.category('approval.project'), title: '餐馆燃气报装', description: '餐馆的燃气报装申请了二十天，一直没人来装。' });
    const row = await rt.deps.database.db.selectFrom('cases').select(['id', 'status', 'lead_department_id']).where('code', '=', r.body.code).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'dispatched', lead_department_id: ids.dept('rqgs') });
    const assignments = await rt.deps.database.db.selectFrom('assignments').select(['department_id', 'role']).where('case_id', '=', row.id).orderBy('id').execute();
    expect(assignments).toEqual([{ department_id: ids.dept('rqgs'), role: 'lead' }, { department_id: ids.dept('zjj'), role: 'co' }]);
    const ev = await rt.deps.database.db.selectFrom('case_events').select(['payload']).where('case_id', '=', row.id).where('type', '=', 'case.dispatched').executeTakeFirstOrThrow();
    expect(ev.payload).toMatchObject({ routing: { source: 'rule', ruleId: rule.body.id, ruleVersion: 1 } });
  });

  it('an Open311 request with a clear text is dispatched at once too', async () => {
    const { createApiKey } = await import('../../src/server/modules/open311/keys.js');
    const { secret } = await createApiKey(rt.deps.database.db, consoleActor, 'routing test', rt.deps.now());
    const r = await rt.app.inject({
      method: 'POST', url: '/open311/v2/requests.json',
      payload: { api_key: secret, service_code: 'approval.project', address_string: '衡阳市蒸湘区红湘路1号', phone: '13900002222',
        description: '公司申请留抵退税已经一个多月，电子税务局里状态一直是审核中，资金周转困难，请税务部门尽快办理。' },
    });
    expect(r.statusCode, r.body).toBeLessThan(300);
    const body = r.json();
    const code = (Array.isArray(body) ? body[0] : body).service_request_id;
    const row = await rt.deps.database.db.selectFrom('cases').select(['status', 'lead_department_id', 'channel']).where('code', '=', code).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'dispatched', lead_department_id: ids.dept('shuiwu'), channel: 'open311' });
  });

  it('nothing is dispatched automatically when the admin turns auto-dispatch off', async () => {
    expect((await as.admin.post('/api/routing/settings', { autoDispatch: false, threshold: 0.85 })).status).toBe(200);
    const r = await submitPublic(rt.app, { categoryId: ids.category('approval.project'), title: '餐馆燃气报装', description: '餐馆的燃气报装申请了二十天，一直没人来装。' });
    const row = await rt.deps.database.db.selectFrom('cases').select(['status']).where('code', '=', r.body.code).executeTakeFirstOrThrow();
    expect(row.status).toBe('submitted');
    expect((await as.admin.post('/api/routing/settings', { autoDispatch: true, threshold: 0.4 })).body.error.code).toBe('ROUTING_THRESHOLD_INVALID');
    await as.admin.post('/api/routing/settings', { autoDispatch: true, threshold: 0.85 });
  });

  it('the event chains stay intact', async () => {
    const { verifyChains } = await import('../../src/server/modules/audit/verify-chains.js');
    const v = await verifyChains(rt.deps.database.db);
    expect(v.firstBroken).toBeNull();
  });
});
