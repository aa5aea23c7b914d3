import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type Client } from '../kit/http.js';
import { orgIds, sampleCase } from '../kit/org.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';
import { files, upload, nextIp } from '../portal/kit.js';
import { docxText } from '../supervision/kit.js';
import { demoPassword } from '../../src/server/demo/seed-org.js';

// Issue 14 items 4 and 5 on a real database: an indicator's reform measures are supervised items made through the
// items area (linked both ways), their lights show on the indicator beside the figure light; the leading group's
// dashboard puts red and yellow first; a lead unit's report and the meeting pack are .docx files carrying the
// indicator's names, figures, reforms, masked typical cases and the unit's next steps.

let rt: TestRuntime;
const as = {} as Record<'admin' | 'intake' | 'supervisor' | 'leader' | 'scjg' | 'zjj' | 'xzsp', Client & { headers: Record<string, string> }>;
let ids: Awaited<ReturnType<typeof orgIds>>;
let kbqy: number, steps: number, hqsd: number;
let reformId: number;

async function download(user: string, url: string) {
  const login = await rt.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user, password: demoPassword } });
  const cookie = `yw_session=${login.cookies.find((c) => c.name === 'yw_session')!.value}`;
  return rt.app.inject({ method: 'GET', url, headers: { cookie } });
}

beforeAll(async () => {
  rt = await testRuntime('2026-07-01T09:00:00+08:00');
  for (const [k, u] of [['admin', 'admin'], ['intake', 'intake'], ['supervisor', 'supervisor'], ['leader', 'leader'], ['scjg', 'scjg-handler'], ['zjj', 'zjj-handler'], ['xzsp', 'xzsp-handler']] as const) {
    as[k] = await loginAs(rt.app, u);
  }
  ids = await orgIds(as.admin);
  kbqy = (await as.supervisor.post('/api/indicators', { year: 2026, system: 'national', code: 'kbqy', name: '开办企业', leadDepartmentId: ids.dept('scjg') })).body.id;
  steps = (await as.supervisor.post('/api/indicators', { year: 2026, system: 'national', code: 'kbqy.steps', parentId: kbqy, name: '开办环节', unit: '个', direction: 'lower', targetCommitment: 4, targetBenchmark: 3 })).body.id;
  hqsd = (await as.supervisor.post('/api/indicators', { year: 2026, system: 'national', code: 'hqsd', name: '获得水电气', leadDepartmentId: ids.dept('zjj') })).body.id;
  await as.supervisor.post('/api/indicators', { year: 2026, system: 'national', code: 'hqsd.days', parentId: hqsd, name: '接入时间', unit: '个工作日', direction: 'lower', targetCommitment: 5 });
  const up = await upload(rt.app, '环节清单.png', files.png, 'image/png', nextIp(), '/api/indicators/uploads', as.scjg.headers);
  const f = await as.scjg.post(`/api/indicators/${steps}/figures`, { period: '2026-Q2', value: 3.5, evidenceIds: [up.body.id] });
  expect(f.status).toBe(200);
  expect((await as.supervisor.post(`/api/indicators/figures/${f.body.id}/review`, { action: 'accept', version: 1 })).status).toBe(200);
});
afterAll(() => rt.close());

describe('reform measures', () => {
  it('only the 营商办 creates one; it is a supervised item led by the indicator lead unit, linked both ways', async () => {
    const plan = {
      title: '企业开办“一网通办”全程网办', leaderName: '分管副市长', startDate: '2026-07-01', endDate: '2026-12-31', schedule: { frequency: 'none' },
      milestones: [{ title: '上线全程网办系统', due: { date: '2026-08-31' } }, { title: '全市推广', due: { date: '2026-11-30' } }],
      targets: [{ name: '全程网办率', measure: '%', value: 90 }],
    };
    const byHandler = await as.scjg.post(`/api/indicators/${kbqy}/reforms`, plan);
    expect(byHandler.status).toBe(403);
    expect((await as.supervisor.post(`/api/indicators/${kbqy}/reforms`, { ...plan, milestones: [{ title: '晚了', due: { date: '2027-02-01' } }] })).body.error.code).toBe('MILESTONE_AFTER_END');
    expect(await rt.deps.database.db.selectFrom('items').select('id').execute()).toHaveLength(0);
    const r = await as.supervisor.post(`/api/indicators/${steps}/reforms`, plan);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    reformId = r.body.id;
    const item = (await as.supervisor.get(`/api/items/${reformId}`)).body;
    expect(item).toMatchObject({ sourceKind: 'work_report', leadDepartmentName: '市市场监督管理局', origin: { type: 'indicator', id: kbqy }, light: 'green' });
    expect(item.sourceRef).toContain('开办企业');
    const seen = (await as.scjg.get(`/api/indicators/${kbqy}/reforms`)).body;
    expect(seen).toMatchObject({ indicatorId: kbqy, reformLight: 'green', canAdd: false, addBlockedReason: '只有督查室（营商办）可以新建改革举措' });
    expect(seen.reforms).toHaveLength(1);
    expect(seen.reforms[0]).toMatchObject({ id: reformId, nextMilestone: { title: '上线全程网办系统', dueDate: '2026-08-31' } });
    expect((await as.supervisor.get(`/api/indicators/${hqsd}/reforms`)).body).toMatchObject({ reformLight: 'none', reforms: [], canAdd: true });
  });

  it('an overdue milestone turns the measure red; the indicator shows it beside its figure light', async () => {
    rt.clock.set('2026-09-02T09:00:00+08:00');
    expect((await as.supervisor.post('/api/items/sweep', {})).status).toBe(200);
    const r = (await as.scjg.get(`/api/indicators/${kbqy}/reforms`)).body;
    expect(r.reformLight).toBe('red');
    expect(r.reforms[0].lightReasons[0].text).toContain('上线全程网办系统');
    // The figure light is untouched: 3.5 meets the commitment 4 (lower is better).
    expect((await as.scjg.get(`/api/indicators/${kbqy}`)).body.indicator.light).toBe('green');
  });
});

describe('the leading group', () => {
  it('the dashboard puts the red reform first, for leaders and the 营商办 only', async () => {
    expect((await as.scjg.get('/api/indicators/dashboard?year=2026')).status).toBe(403);
    const d = (await as.leader.get('/api/indicators/dashboard?year=2026')).body;
    expect(d.rows.map((r: any) => r.code)).toEqual(['kbqy', 'hqsd']);
    expect(d.rows[0]).toMatchObject({ light: 'green', reformLight: 'red', reforms: { red: 1, yellow: 0, green: 0, closed: 0 }, leadDepartmentName: '市市场监督管理局' });
    expect(d.rows[0].measures[0]).toMatchObject({ name: '开办环节', value: 3.5, periodLabel: expect.stringContaining('2026'), commitment: 4, benchmark: 3, light: 'green' });
    expect(d.rows[1]).toMatchObject({ light: 'none', reformLight: 'none' });
    expect((await as.supervisor.get('/api/indicators/dashboard?year=2026')).status).toBe(200);
  });

  it('the lead unit writes its next steps and downloads its report; another unit cannot', async () => {
    // A closed, rated problem of the indicator becomes a typical case, masked.
    const cat = (await as.admin.get('/api/catalogue')).body.items.find((c: any) => c.code === 'approval.business_start');
    expect((await as.admin.post(`/api/catalogue/${cat.id}`, { ...cat, indicatorCodes: ['kbqy'], version: cat.version })).status).toBe(200);
    const created = await as.intake.post('/api/cases', {
      ...sampleCase(ids.category('approval.business_start'), { title: '张伟反映新办企业开户慢，电话13800138000' }), dispatch: { leadDepartmentId: ids.dept('xzsp'), coDepartmentIds: [] },
    });
    const caseId = created.body.id;
    for (const [who, cmd, body] of [['xzsp', 'sign', {}], ['xzsp', 'reply', { text: '已协调银行当日开户。' }], ['supervisor', 'approve-reply', {}], ['intake', 'rate', { rating: 'satisfied', comment: '' }]] as const) {
      const r = await as[who].post(`/api/cases/${caseId}/${cmd}`, body);
      expect(r.status, `${cmd} ${JSON.stringify(r.body)}`).toBe(200);
    }
    expect((await as.zjj.post('/api/indicators/reports/notes', { year: 2026, departmentId: ids.dept('scjg'), nextSteps: 'x' })).body.error.code).toBe('INDICATOR_NOT_LEAD');
    expect((await as.scjg.post('/api/indicators/reports/notes', { year: 2026, nextSteps: '推行电子营业执照全程应用。\n压缩开办时间至 0.5 个工作日。' })).status).toBe(200);
    expect((await as.scjg.post('/api/indicators/reports/notes', { year: 2026, nextSteps: '推行电子营业执照全程应用。' })).status).toBe(200);

    expect((await download('zjj-handler', `/api/indicators/reports/${ids.dept('scjg')}?year=2026`)).statusCode).toBe(403);
    const doc = await download('scjg-head', `/api/indicators/reports/${ids.dept('scjg')}?year=2026`);
    expect(doc.statusCode).toBe(200);
    expect(doc.headers['content-type']).toContain('officedocument.wordprocessingml');
    const text = docxText(doc.rawPayload);
    expect(text).toContain('市市场监督管理局2026年营商环境评价指标牵头工作情况汇报');
    expect(text).toContain('开办企业（kbqy）');
    expect(text).toContain('开办环节');
    expect(text).toContain('3.5');
    expect(text).toContain('企业开办“一网通办”全程网办');
    expect(text).toContain('红灯');
    expect(text).toContain('已协调银行当日开户');
    // The quarter's problems: one received and closed, satisfied (the platform's rates are percentages).
    expect(text).toContain('2026年第3季度110——100%');
    expect(text).toContain('推行电子营业执照全程应用。');
    expect(text).not.toContain('压缩开办时间');
    expect(text).not.toMatch(/13800138000|张伟/);
    expect(text).not.toContain('获得水电气');
  });

  it('the meeting pack holds every lead unit in one document', async () => {
    expect((await download('scjg-handler', '/api/indicators/reports/pack?year=2026')).statusCode).toBe(403);
    const pack = await download('leader', '/api/indicators/reports/pack?year=2026');
    expect(pack.statusCode).toBe(200);
    const text = docxText(pack.rawPayload);
    expect(text).toContain('领导小组会议材料');
    expect(text).toContain('市市场监督管理局2026年营商环境评价指标牵头工作情况汇报');
    expect(text).toContain('获得水电气');
    expect(text).toContain('（牵头单位尚未填写）');
    expect(text.indexOf('开办企业')).toBeLessThan(text.indexOf('获得水电气'));
  });
});

describe('a story of a finished reform measure (ADR 0026)', () => {
  const story = {
    title: '企业开办从 3 天到半天', body: '市市场监管局推行全程网办，企业开办压缩到半个工作日。',
    figures: [{ label: '开办时间', unit: '个工作日', before: 3, after: 0.5 }, { label: '开办环节', unit: '个', before: 5, after: 3 }],
  };

  it('an open measure is refused; a case and a measure together are refused; another unit does not see it', async () => {
    expect((await as.scjg.post('/api/stories', { ...story, itemId: reformId })).body.error.code).toBe('STORY_REFORM_NOT_FINISHED');
    expect((await as.scjg.post('/api/stories', { ...story, itemId: reformId, caseCode: 'X' })).body.error.code).toBe('STORY_SOURCE_INVALID');
    expect((await as.scjg.post('/api/stories', story)).body.error.code).toBe('STORY_SOURCE_INVALID');
    expect((await as.zjj.post('/api/stories', { ...story, itemId: reformId })).body.error.code).toBe('ITEM_NOT_FOUND');
    expect((await as.scjg.get('/api/stories/reforms')).body.items).toEqual([]);
    expect(await rt.deps.database.db.selectFrom('indicator_stories').select('id').where('item_id', 'is not', null).execute()).toHaveLength(0);
  });

  it('a supervised item not made from an indicator is not a reform measure', async () => {
    const other = await as.supervisor.post('/api/items', {
      title: '希望小屋建设', sourceKind: 'meeting', leaderName: '分管副市长', leadDepartmentId: ids.dept('scjg'), startDate: '2026-09-01', endDate: '2026-12-31',
      schedule: { frequency: 'none' }, milestones: [], targets: [],
    });
    expect(other.status, JSON.stringify(other.body)).toBe(201);
    expect((await as.supervisor.post(`/api/items/${other.body.id}/close`, { evidence: '已建成。' })).status).toBe(200);
    expect((await as.scjg.post('/api/stories', { ...story, itemId: other.body.id })).body.error.code).toBe('STORY_NOT_A_REFORM');
  });

  it('销号 makes it nominable with its figures and units; reviewed, it is published with them', async () => {
    const closed = await as.supervisor.post(`/api/items/${reformId}/close`, { evidence: '全程网办系统已上线，全市推广完成。' });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    const options = (await as.scjg.get('/api/stories/reforms')).body.items;
    expect(options).toHaveLength(1);
    expect(options[0]).toMatchObject({ id: reformId, title: '企业开办“一网通办”全程网办', indicatorCode: 'kbqy', indicatorName: '开办企业', departmentIds: [ids.dept('scjg')] });
    expect(options[0].targets[0]).toMatchObject({ name: '全程网办率', measure: '%', value: 90 });
    expect((await as.zjj.get('/api/stories/reforms')).body.items).toEqual([]);
    expect((await as.scjg.post('/api/stories', { ...story, itemId: reformId, figures: [{ label: '开办时间', unit: '', before: 3, after: 1 }] })).status).toBe(400);

    const n = await as.scjg.post('/api/stories', { ...story, itemId: reformId, indicatorCode: 'kbqy' });
    expect(n.status, JSON.stringify(n.body)).toBe(200);
    expect((await as.scjg.post('/api/stories', { ...story, itemId: reformId })).body.error.code).toBe('STORY_ALREADY_EXISTS');
    expect((await as.scjg.get('/api/stories/reforms')).body.items).toEqual([]);
    const s = (await as.supervisor.get('/api/stories')).body.items.find((x: any) => x.id === n.body.id);
    expect(s).toMatchObject({ caseId: null, caseCode: null, itemId: reformId, itemCode: expect.any(String), status: 'nominated', figures: story.figures, departmentNames: ['市市场监督管理局'] });
    await as.supervisor.post(`/api/stories/${s.id}/review`, { action: 'return', version: s.version, reason: '请补充企业感受' });
    expect((await as.scjg.get('/api/stories/reforms')).body.items).toHaveLength(1);
    expect((await as.scjg.post('/api/stories', { ...story, itemId: reformId, indicatorCode: 'kbqy', body: `${story.body}企业说：“跑一次就办完了。”` })).status).toBe(200);
    const again = (await as.supervisor.get('/api/stories')).body.items.find((x: any) => x.id === n.body.id);
    expect((await as.supervisor.post(`/api/stories/${s.id}/review`, { action: 'publish', version: again.version })).status).toBe(200);

    const pub = await rt.app.inject({ method: 'GET', url: '/api/public/stories?q=开办', remoteAddress: nextIp() });
    const item = pub.json().items.find((x: any) => x.id === s.id);
    expect(item).toMatchObject({ fromReform: true, indicatorName: '开办企业', figures: story.figures, departmentNames: ['市市场监督管理局'] });
    expect(item.body).toContain('跑一次就办完了');
    const doc = docxText((await download('supervisor', '/api/stories/export')).rawPayload);
    expect(doc).toContain('开办时间：3 个工作日 → 0.5 个工作日');
  });
});
