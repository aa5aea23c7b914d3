import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type Client } from '../kit/http.js';
import { orgIds, sampleCase } from '../kit/org.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';
import { files, upload, nextIp } from '../portal/kit.js';
import { docxText } from '../supervision/kit.js';
import { demoPassword } from '../../src/server/demo/seed-org.js';

// The indicators area through the API on a real database: the registry per year (copy, edit without touching the
// year before, a first-level indicator needs a lead unit), figures filed by the lead unit with evidence and reviewed by
// the 营商办 (send back, refile, accept, correct, lights), problems of an indicator seen by its lead unit across units,
// a press request turned into a supervision order, and a closed case told as a story, masked on the public site.

let rt: TestRuntime;
const as = {} as Record<'admin' | 'intake' | 'supervisor' | 'scjg' | 'zjj' | 'xzsp', Client & { headers: Record<string, string> }>;
let ids: Awaited<ReturnType<typeof orgIds>>;
let kbqy: number, steps: number, days: number;

const evidence = async (who: keyof typeof as, body = files.png, name = '营业执照办理记录.png') => {
  const r = await upload(rt.app, name, body, 'image/png', nextIp(), '/api/indicators/uploads', as[who].headers);
  return r;
};
const measure = async (id: number) => (await as.supervisor.get(`/api/indicators/${id}`)).body;

beforeAll(async () => {
  rt = await testRuntime();
  for (const [k, u] of [['admin', 'admin'], ['intake', 'intake'], ['supervisor', 'supervisor'], ['scjg', 'scjg-handler'], ['zjj', 'zjj-handler'], ['xzsp', 'xzsp-handler']] as const) {
    as[k] = await loginAs(rt.app, u);
  }
  ids = await orgIds(as.admin);
});
afterAll(() => rt.close());

describe('registry', () => {
  it('refuses a first-level indicator without a lead unit, creates one with sub-measures, audited', async () => {
    const none = await as.supervisor.post('/api/indicators', { year: 2026, system: 'national', code: 'kbqy', name: '开办企业' });
    expect(none.status).toBe(422);
    expect(none.body.error.code).toBe('INDICATOR_LEAD_REQUIRED');
    expect(none.body.error.message).toBe('一级指标必须指定牵头单位');
    const r = await as.supervisor.post('/api/indicators', {
      year: 2026, system: 'national', code: 'kbqy', name: '开办企业', definition: '企业从设立到具备一般性经营条件', weight: 5.5,
      leadDepartmentId: ids.dept('scjg'), responsibleDepartmentIds: [ids.dept('xzsp'), ids.dept('shuiwu')],
    });
    expect(r.status).toBe(200);
    kbqy = r.body.id;
    steps = (await as.supervisor.post('/api/indicators', { year: 2026, system: 'national', code: 'kbqy.steps', parentId: kbqy, name: '环节', unit: '个', direction: 'lower', targetCommitment: 4, targetBenchmark: 3 })).body.id;
    days = (await as.supervisor.post('/api/indicators', { year: 2026, system: 'national', code: 'kbqy.days', parentId: kbqy, name: '时间', unit: '个工作日', direction: 'lower', targetCommitment: 1 })).body.id;
    const taken = await as.supervisor.post('/api/indicators', { year: 2026, system: 'national', code: 'kbqy', name: '重复', leadDepartmentId: ids.dept('scjg') });
    expect(taken.body.error.code).toBe('INDICATOR_CODE_TAKEN');
    // Handlers read but do not keep the registry.
    expect((await as.scjg.post('/api/indicators', { year: 2026, system: 'national', code: 'x', name: 'x', leadDepartmentId: ids.dept('scjg') })).status).toBe(403);
    const audit = await rt.deps.database.db.selectFrom('admin_audit').selectAll().where('action', '=', 'indicator.create').execute();
    expect(audit).toHaveLength(3);
    const list = await as.scjg.get('/api/indicators?year=2026');
    expect(list.body.items.find((i: any) => i.id === kbqy)).toMatchObject({ leadDepartmentName: '市市场监督管理局', isMine: true, weight: 5.5, light: 'none' });
    expect((await as.zjj.get('/api/indicators?year=2026')).body.items.find((i: any) => i.id === kbqy).isMine).toBe(false);
  });

  it('copies a year to the next; editing the copy leaves this year alone; a second copy is refused', async () => {
    const r = await as.supervisor.post('/api/indicators/copy-year', { system: 'national', fromYear: 2026, toYear: 2027 });
    expect(r.body).toEqual({ copied: 3 });
    const next = (await as.supervisor.get('/api/indicators?year=2027')).body.items;
    const nextSteps = next.find((i: any) => i.code === 'kbqy.steps');
    expect(nextSteps.parentId).toBe(next.find((i: any) => i.code === 'kbqy').id);
    const edit = await as.supervisor.post(`/api/indicators/${nextSteps.id}`, { ...nextSteps, targetCommitment: 3, version: nextSteps.version });
    expect(edit.status).toBe(200);
    const thisYear = (await as.supervisor.get('/api/indicators?year=2026')).body.items.find((i: any) => i.id === steps);
    expect(thisYear.targetCommitment).toBe(4);
    expect((await as.supervisor.post('/api/indicators/copy-year', { system: 'national', fromYear: 2026, toYear: 2027 })).body.error.code).toBe('INDICATOR_YEAR_EXISTS');
    expect((await as.supervisor.post('/api/indicators/copy-year', { system: 'province', fromYear: 2026, toYear: 2027 })).body.error.code).toBe('INDICATOR_YEAR_EMPTY');
  });

  it('exports the year as Excel and imports it back (all or nothing)', async () => {
    const login = await rt.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'supervisor', password: demoPassword } });
    const cookie = `yw_session=${login.cookies.find((c) => c.name === 'yw_session')!.value}`;
    const x = await rt.app.inject({ method: 'GET', url: '/api/indicators/export?year=2026&system=national', headers: { cookie } });
    expect(x.statusCode).toBe(200);
    const r = await as.supervisor.post('/api/indicators/import', { year: 2028, system: 'province', fileName: 'i.xlsx', contentBase64: x.rawPayload.toString('base64') });
    expect(r.body).toEqual({ created: 3, updated: 0 });
    const province = (await as.supervisor.get('/api/indicators?year=2028&system=province')).body.items;
    expect(province.map((i: any) => i.code).sort()).toEqual(['kbqy', 'kbqy.days', 'kbqy.steps']);
    expect(province.find((i: any) => i.code === 'kbqy').leadDepartmentId).toBe(ids.dept('scjg'));
    const csv = '指标编码,上级编码,指标名称,牵头单位\nnew1,,新指标,市市场监督管理局\nnew2,,没有牵头,\n';
    const bad = await as.supervisor.post('/api/indicators/import', { year: 2028, system: 'province', fileName: 'i.csv', contentBase64: Buffer.from(csv).toString('base64') });
    expect(bad.body.error).toMatchObject({ code: 'INDICATOR_LEAD_REQUIRED', details: { rowNumber: 3 } });
    expect((await as.supervisor.get('/api/indicators?year=2028&system=province')).body.items).toHaveLength(3);
  });
});

describe('figures', () => {
  let figure: any;
  it('the lead unit files with evidence; bad filings are refused with stable codes', async () => {
    const up = await evidence('scjg');
    expect(up.status).toBe(201);
    const text = await evidence('scjg', files.text, 'a.png');
    expect(text.body.error.code).toBe('ATTACHMENT_TYPE_NOT_ALLOWED');
    expect((await as.scjg.post(`/api/indicators/${steps}/figures`, { period: '2026-Q3', value: 5 })).body.error.code).toBe('FIGURE_EVIDENCE_REQUIRED');
    expect((await as.scjg.post(`/api/indicators/${steps}/figures`, { period: '2027-Q1', value: 5, evidenceIds: [up.body.id] })).body.error.code).toBe('FIGURE_YEAR_MISMATCH');
    expect((await as.scjg.post(`/api/indicators/${steps}/figures`, { period: '2026-13', value: 5, evidenceIds: [up.body.id] })).body.error.code).toBe('FIGURE_PERIOD_INVALID');
    expect((await as.scjg.post(`/api/indicators/${kbqy}/figures`, { period: '2026-Q3', value: 5, evidenceIds: [up.body.id] })).body.error.code).toBe('FIGURE_NOT_SUB_MEASURE');
    const other = await evidence('zjj');
    const notLead = await as.zjj.post(`/api/indicators/${steps}/figures`, { period: '2026-Q3', value: 5, evidenceIds: [other.body.id] });
    expect(notLead.status).toBe(403);
    expect(notLead.body.error.code).toBe('INDICATOR_NOT_LEAD');
    // Someone else's upload cannot be claimed.
    const scjgHead = await loginAs(rt.app, 'scjg-head');
    expect((await scjgHead.post(`/api/indicators/${steps}/figures`, { period: '2026-Q3', value: 5, evidenceIds: [up.body.id] })).body.error.code).toBe('FIGURE_EVIDENCE_INVALID');
    const ok = await as.scjg.post(`/api/indicators/${steps}/figures`, { period: '2026-Q3', value: 5, note: '含刻章', evidenceIds: [up.body.id] });
    expect(ok.status).toBe(200);
    expect(ok.body.warnings).toEqual([]);
    expect(await rt.deps.database.db.selectFrom('indicator_figures').select('id').execute()).toHaveLength(1);
    const twice = await as.scjg.post(`/api/indicators/${steps}/figures`, { period: '2026-Q3', value: 5, evidenceIds: [] });
    expect(twice.body.error.code).toBe('FIGURE_STALE');
    figure = (await measure(kbqy)).measures.find((m: any) => m.id === steps).figures[0];
    expect(figure).toMatchObject({ status: 'filed', value: 5, evidence: [{ fileName: '营业执照办理记录.png', mime: 'image/png' }], allowedActions: ['accept', 'return', 'correct'] });
    // The evidence opens for the 营商办 and the lead unit, not for another unit.
    expect((await rt.app.inject({ method: 'GET', url: `/api/indicators/files/${up.body.id}`, headers: as.supervisor.headers })).statusCode).toBe(200);
    expect((await rt.app.inject({ method: 'GET', url: `/api/indicators/files/${up.body.id}`, headers: as.zjj.headers })).statusCode).toBe(404);
  });

  it('the 营商办 sends back, the lead unit corrects, the 营商办 accepts; a handler cannot review', async () => {
    const byHandler = await as.scjg.post(`/api/indicators/figures/${figure.id}/review`, { action: 'accept', version: figure.version });
    expect(byHandler.status).toBe(403);
    expect(byHandler.body.error).toMatchObject({ code: 'FIGURE_REVIEW_FORBIDDEN', message: '只有营商办（督办人员）可以审核指标数据' });
    expect((await as.supervisor.post(`/api/indicators/figures/${figure.id}/review`, { action: 'return', version: figure.version, reason: ' ' })).body.error.code).toBe('FIGURE_REASON_REQUIRED');
    expect((await as.supervisor.post(`/api/indicators/figures/${figure.id}/review`, { action: 'return', version: figure.version, reason: '刻章环节已并入，应为 4 个' })).status).toBe(200);
    let f = (await measure(kbqy)).measures.find((m: any) => m.id === steps).figures[0];
    expect(f).toMatchObject({ status: 'returned', returnReason: '刻章环节已并入，应为 4 个' });
    expect((await as.scjg.post(`/api/indicators/${steps}/figures`, { period: '2026-Q3', value: 4, version: f.version })).status).toBe(200);
    f = (await measure(kbqy)).measures.find((m: any) => m.id === steps).figures[0];
    expect((await as.supervisor.post(`/api/indicators/figures/${f.id}/review`, { action: 'accept', version: f.version })).status).toBe(200);
    const d = await measure(kbqy);
    f = d.measures.find((m: any) => m.id === steps).figures[0];
    expect(f).toMatchObject({ status: 'accepted', value: 4, light: 'green', allowedActions: [] });
    expect(f.steps.map((s: any) => s.action)).toEqual(['file', 'return', 'refile', 'accept']);
    expect((await as.scjg.post(`/api/indicators/${steps}/figures`, { period: '2026-Q3', value: 3, version: f.version })).body.error.code).toBe('FIGURE_ALREADY_ACCEPTED');
  });

  it('a correction is recorded; worse than last period is red, and the indicator shows its worst light', async () => {
    const e1 = await evidence('scjg');
    await as.scjg.post(`/api/indicators/${days}/figures`, { period: '2026-Q2', value: 1, evidenceIds: [e1.body.id] });
    let m = (await measure(kbqy)).measures.find((x: any) => x.id === days);
    await as.supervisor.post(`/api/indicators/figures/${m.figures[0].id}/review`, { action: 'accept', version: m.figures[0].version });
    const e2 = await evidence('scjg');
    // Ten times the accepted figure of the period before: filed, with a warning to check the unit.
    const odd = await as.scjg.post(`/api/indicators/${days}/figures`, { period: '2026-Q3', value: 20, evidenceIds: [e2.body.id] });
    expect(odd.body.warnings).toEqual(['与上期（1）相差十倍以上，请核对计量单位']);
    m = (await measure(kbqy)).measures.find((x: any) => x.id === days);
    const draft = m.figures.find((f: any) => f.period === '2026-Q3');
    expect((await as.scjg.post(`/api/indicators/${days}/figures`, { period: '2026-Q3', value: 2, version: draft.version })).body.warnings).toEqual([]);
    m = (await measure(kbqy)).measures.find((x: any) => x.id === days);
    const q3 = m.figures.find((f: any) => f.period === '2026-Q3');
    expect((await as.supervisor.post(`/api/indicators/figures/${q3.id}/review`, { action: 'correct', version: q3.version, value: 1.5, reason: '以系统导出数据为准' })).status).toBe(200);
    const d = await measure(kbqy);
    m = d.measures.find((x: any) => x.id === days);
    const fixed = m.figures.find((f: any) => f.period === '2026-Q3');
    expect(fixed).toMatchObject({ status: 'accepted', value: 1.5, previousValue: 1, light: 'red', periodLabel: '2026年第3季度' });
    expect(fixed.steps.map((x: any) => x.action)).toEqual(['file', 'refile', 'correct']);
    expect(fixed.steps.at(-1)).toMatchObject({ action: 'correct', valueBefore: 2, valueAfter: 1.5, reason: '以系统导出数据为准' });
    expect(d.indicator.light).toBe('red');
    expect((await as.scjg.get('/api/indicators?year=2026')).body.items.find((i: any) => i.id === kbqy).light).toBe('red');
  });
});

describe('problems meet indicators', () => {
  let caseId: number;
  it('a category is tagged with the indicator; unknown tags are refused', async () => {
    const cat = (await as.admin.get('/api/catalogue')).body.items.find((c: any) => c.code === 'approval.business_start');
    const bad = await as.admin.post(`/api/catalogue/${cat.id}`, { ...cat, indicatorCodes: ['nope'], version: cat.version });
    expect(bad.body.error.code).toBe('INDICATOR_UNKNOWN_TAG');
    const ok = await as.admin.post(`/api/catalogue/${cat.id}`, { ...cat, indicatorCodes: ['kbqy'], version: cat.version });
    expect(ok.status).toBe(200);
    expect(ok.body.category.indicatorCodes).toEqual(['kbqy']);
  });

  it('the lead unit sees the problems of its indicator held by another unit, and asks to press that unit', async () => {
    rt.clock.set('2026-11-03T10:00:00+08:00');
    const created = await as.intake.post('/api/cases', {
      ...sampleCase(ids.category('approval.business_start'), { title: '新办企业银行开户卡顿' }), dispatch: { leadDepartmentId: ids.dept('xzsp'), coDepartmentIds: [] },
    });
    caseId = created.body.id;
    const seen = await as.scjg.get(`/api/indicators/${kbqy}/problems`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ total: 1, open: 1, hotSpots: [{ categoryName: '开办企业', cases: 1 }], byDepartment: [{ departmentName: '市行政审批服务局', open: 1 }] });
    expect(seen.body.items[0]).toMatchObject({ id: caseId, holdingDepartments: [{ name: '市行政审批服务局' }], openPress: false });
    // Not the lead unit: not granted.
    expect((await as.zjj.get(`/api/indicators/${kbqy}/problems`)).body.error.code).toBe('INDICATOR_NOT_LEAD');
    // The case itself stays out of scjg's own case list (the grant is the indicator's read, not the case).
    expect((await as.scjg.get(`/api/cases/${caseId}`)).status).toBe(404);
    const platform = (await measure(kbqy)).platform.find((p: any) => p.period === '2026-Q4');
    expect(platform).toMatchObject({ cases: 1, closed: 0, satisfactionRate: null });
    expect((await as.scjg.post(`/api/indicators/${kbqy}/presses`, { caseId, departmentId: ids.dept('zjj'), reason: '请督促' })).body.error.code).toBe('PRESS_DEPARTMENT_NOT_HOLDING');
    expect((await as.scjg.post(`/api/indicators/${kbqy}/presses`, { caseId, departmentId: ids.dept('xzsp'), reason: '企业反映开户卡顿，请督促尽快办理' })).status).toBe(200);
    expect((await as.scjg.post(`/api/indicators/${kbqy}/presses`, { caseId, departmentId: ids.dept('xzsp'), reason: '再次' })).body.error.code).toBe('PRESS_ALREADY_OPEN');
    expect((await as.zjj.post(`/api/indicators/${kbqy}/presses`, { caseId, departmentId: ids.dept('xzsp'), reason: 'x' })).body.error.code).toBe('INDICATOR_NOT_LEAD');
  });

  it('the supervisor turns the request into a supervision order on the case', async () => {
    const open = await as.supervisor.get('/api/indicators/presses');
    expect(open.body.items).toHaveLength(1);
    expect(open.body.items[0]).toMatchObject({ indicatorName: '开办企业', departmentName: '市行政审批服务局', requestingDepartmentName: '市市场监督管理局' });
    expect((await as.scjg.post(`/api/indicators/presses/${open.body.items[0].id}`, { action: 'decline', reason: 'x' })).status).toBe(403);
    const r = await as.supervisor.post(`/api/indicators/presses/${open.body.items[0].id}`, { action: 'order', demands: '请3个工作日内办结开户并回复企业' });
    expect(r.status).toBe(200);
    const orders = await rt.deps.database.db.selectFrom('supervision_orders').selectAll().where('case_id', '=', caseId).execute();
    expect(orders).toHaveLength(1);
    expect(orders[0].department_id).toBe(ids.dept('xzsp'));
    const mine = (await as.scjg.get('/api/indicators/presses?status=all')).body.items[0];
    expect(mine).toMatchObject({ status: 'ordered', orderId: orders[0].id });
    expect((await as.supervisor.post(`/api/indicators/presses/${mine.id}`, { action: 'decline', reason: 'x' })).body.error.code).toBe('PRESS_NOT_OPEN');
  });

  it('a story: an open case is refused; a closed one is nominated, sent back, published masked, exported', async () => {
    const open = await as.xzsp.post('/api/stories', { caseId, title: '开户一次办', body: '企业反映开户慢。' });
    expect(open.body.error).toMatchObject({ code: 'STORY_CASE_NOT_CLOSED', message: '只有已办结的诉求可以推荐为优化营商环境故事' });
    for (const [who, cmd, body] of [['xzsp', 'sign', {}], ['xzsp', 'reply', { text: '已协调银行当日开户。' }], ['supervisor', 'approve-reply', {}], ['intake', 'rate', { rating: 'satisfied', comment: '' }]] as const) {
      const r = await as[who].post(`/api/cases/${caseId}/${cmd}`, body);
      expect(r.status, `${cmd} ${JSON.stringify(r.body)}`).toBe(200);
    }
    expect((await as.zjj.post('/api/stories', { caseId, title: 't', body: 'b' })).body.error.code).toBe('CASE_NOT_FOUND');
    const photo = await evidence('xzsp');
    const story = {
      caseId, indicatorCode: 'kbqy', title: '衡阳恒达机械制造有限公司开户一次办', body: '张伟反映新办企业开户慢，联系电话13800138000。审批局协调银行当日开户。',
      beforeText: '开户 5 个工作日', afterText: '开户当日办结', departmentIds: [ids.dept('xzsp')], photoIds: [photo.body.id],
    };
    const n = await as.xzsp.post('/api/stories', story);
    expect(n.status).toBe(200);
    expect((await as.xzsp.post('/api/stories', story)).body.error.code).toBe('STORY_ALREADY_EXISTS');
    let s = (await as.supervisor.get('/api/stories')).body.items[0];
    expect(s.maskedBody).not.toContain('13800138000');
    expect(s.maskedBody).not.toContain('张伟');
    expect(s.body).toContain('张伟');
    expect((await as.xzsp.post(`/api/stories/${s.id}/review`, { action: 'publish', version: s.version })).status).toBe(403);
    await as.supervisor.post(`/api/stories/${s.id}/review`, { action: 'return', version: s.version, reason: '请补充改革前后对比' });
    expect((await as.xzsp.get('/api/stories')).body.items[0]).toMatchObject({ status: 'returned', reviewNote: '请补充改革前后对比' });
    expect((await as.xzsp.post('/api/stories', { ...story, photoIds: [], beforeText: '开户 5 个工作日，跑 3 次' })).status).toBe(200);
    s = (await as.supervisor.get('/api/stories')).body.items[0];
    expect((await as.supervisor.post(`/api/stories/${s.id}/review`, { action: 'publish', version: s.version })).status).toBe(200);
    const pub = await rt.app.inject({ method: 'GET', url: '/api/public/stories?q=开户', remoteAddress: nextIp() });
    const item = pub.json().items[0];
    expect(item).toMatchObject({ beforeText: '开户 5 个工作日，跑 3 次', indicatorName: '开办企业', departmentNames: ['市行政审批服务局'] });
    expect(JSON.stringify(pub.json())).not.toMatch(/13800138000|张伟|恒达/);
    expect(item.photoIds).toEqual([photo.body.id]);
    const img = await rt.app.inject({ method: 'GET', url: `/api/public/stories/${s.id}/photos/${photo.body.id}`, remoteAddress: nextIp() });
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
    const login = await rt.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'supervisor', password: demoPassword } });
    const cookie = `yw_session=${login.cookies.find((c) => c.name === 'yw_session')!.value}`;
    const doc = await rt.app.inject({ method: 'GET', url: '/api/stories/export', headers: { cookie } });
    const text = docxText(doc.rawPayload);
    expect(text).toContain('开户当日办结');
    expect(text).not.toContain('13800138000');
    // Platform figures now count the closed, rated case with the dashboard's 满意率.
    const platform = (await measure(kbqy)).platform.find((p: any) => p.period === '2026-Q4');
    expect(platform).toMatchObject({ cases: 1, closed: 1, satisfactionRate: 100 });
    expect(platform.medianHandlingHours).toBeGreaterThanOrEqual(0);
  });
});
