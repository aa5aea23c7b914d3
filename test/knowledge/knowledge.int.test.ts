import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sweepKnowledge } from '../../src/server/modules/knowledge/index.js';
import { loginAs, type Client } from '../kit/http.js';
import { orgIds, sampleCase } from '../kit/org.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';

// 知识库 (docs/knowledge.md): versioned entries approved by their owner unit, the desk's search and 直接答复 (a case
// registered and closed in one step with the entry on its chain), the portal's answers, flags to owners, the import,
// and the bad input: no owner, an expired basis, a query with nothing to search.

let rt: TestRuntime;
let intake: Client;
let supervisor: Client;
let zjjHandler: Client;
let zjjHead: Client;
let scjgHead: Client;
let ids: Awaited<ReturnType<typeof orgIds>>;
let permit: number;

const entry = (extra: Record<string, unknown> = {}) => ({
  question: '建筑工程施工许可证办理需要哪些材料',
  answer: '申请施工许可证需提交：建设工程规划许可证、施工合同、安全施工措施资料等，材料齐全的 3 个工作日内办结。',
  basisTitle: '衡阳市建筑工程施工许可管理办法',
  basisNumber: '衡住建发〔2024〕12号',
  ownerUnitId: ids.dept('zjj'),
  validFrom: '2026-01-01',
  validTo: '2027-12-31',
  visibility: 'public',
  keywords: ['施工许可', '开工'],
  ...extra,
});

beforeAll(async () => {
  rt = await testRuntime('2026-11-02T09:00:00+08:00');
  intake = await loginAs(rt.app, 'intake');
  supervisor = await loginAs(rt.app, 'supervisor');
  zjjHandler = await loginAs(rt.app, 'zjj-handler');
  zjjHead = await loginAs(rt.app, 'zjj-head');
  scjgHead = await loginAs(rt.app, 'scjg-head');
  ids = await orgIds(intake);
  const created = await zjjHandler.post('/api/knowledge/entries', entry());
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  permit = created.body.entry.id;
});
afterAll(() => rt.close());

const search = (c: Client, q: string) => c.get(`/api/knowledge/search?${new URLSearchParams({ q })}`);

describe('entries, versions and approval', () => {
  it('a draft is not offered; another unit cannot approve it; the owner unit approves and it is found', async () => {
    expect((await search(intake, '施工许可证要什么材料')).body.items).toEqual([]);
    const wrong = await scjgHead.post(`/api/knowledge/entries/${permit}/versions/1/approve`);
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe('KNOWLEDGE_NOT_OWNER');
    const ok = await zjjHead.post(`/api/knowledge/entries/${permit}/versions/1/approve`);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.entry).toMatchObject({ state: 'approved', publishedVersion: 1, inForce: true });
    const hits = (await search(intake, '请问施工许可证要什么材料')).body;
    expect(hits.notice).toBeNull();
    expect(hits.items[0]).toMatchObject({ id: permit, version: 1, basisNumber: '衡住建发〔2024〕12号' });
  });

  it('every edit is a new version: the approved text stays offered until the new draft is approved, history shows all', async () => {
    const v2 = await zjjHandler.post(`/api/knowledge/entries/${permit}/versions`, entry({ answer: '新版答复：材料齐全的当场办结。', note: '流程优化' }));
    expect(v2.status, JSON.stringify(v2.body)).toBe(201);
    expect(v2.body.entry).toMatchObject({ state: 'approved_with_draft', latestVersion: 2, publishedVersion: 1 });
    expect((await search(intake, '施工许可证')).body.items[0].answer).toContain('3 个工作日');
    await zjjHead.post(`/api/knowledge/entries/${permit}/versions/2/approve`);
    const detail = (await intake.get(`/api/knowledge/entries/${permit}`)).body;
    expect(detail.versions.map((v: any) => [v.version, v.status])).toEqual([[2, 'approved'], [1, 'superseded']]);
    expect(detail.versions[0]).toMatchObject({ note: '流程优化', approvedBy: expect.any(String), editedBy: expect.any(String) });
    expect((await search(intake, '施工许可证')).body.items[0]).toMatchObject({ version: 2, answer: '新版答复：材料齐全的当场办结。' });
  });

  it('bad input: no owner, an expired basis, a reversed validity, another unit\'s entry; a query with nothing to search', async () => {
    const cases: [Record<string, unknown>, number, string][] = [
      [{ ownerUnitId: null }, 422, 'KNOWLEDGE_OWNER_REQUIRED'],
      [{ ownerUnitId: undefined }, 422, 'KNOWLEDGE_OWNER_REQUIRED'],
      [{ validTo: '2026-10-31' }, 422, 'KNOWLEDGE_BASIS_EXPIRED'],
      [{ validFrom: '2027-01-01', validTo: '2026-12-31' }, 422, 'KNOWLEDGE_VALIDITY_INVALID'],
      [{ ownerUnitId: ids.dept('scjg') }, 403, 'KNOWLEDGE_NOT_OWNER'],
    ];
    for (const [extra, status, code] of cases) {
      const r = await zjjHandler.post('/api/knowledge/entries', entry(extra));
      expect([r.status, r.body.error?.code], JSON.stringify(extra)).toEqual([status, code]);
      expect(r.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    for (const q of ['', '证', '  ', '请问怎么办理']) {
      expect((await search(intake, q)).body, q).toEqual({ items: [], notice: 'KNOWLEDGE_QUERY_TOO_SHORT' });
    }
  });
});

describe('直接答复 at the desk', () => {
  it('registers and closes a call in one step with the entry cited on its chain, counted', async () => {
    const call = sampleCase(ids.category('approval.construction_permit'), { title: '咨询施工许可证材料', caseType: 'consultation' });
    const r = await intake.post('/api/knowledge/answers', { entryId: permit, case: call });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const c = (await intake.get(`/api/cases/${r.body.caseId}`)).body;
    expect(c.status).toBe('closed');
    expect(c.replyText).toBe('新版答复：材料齐全的当场办结。');
    expect(c.allowedActions).toEqual([]);
    expect(c.events.map((e: any) => e.type)).toEqual(['case.created', 'case.answered_directly']);
    expect(c.events[1].payload).toMatchObject({ entryId: permit, version: 2, basisNumber: '衡住建发〔2024〕12号' });
    const detail = (await intake.get(`/api/knowledge/entries/${permit}`)).body.entry;
    expect(detail.answeredCount).toBe(1);
    const stats = (await supervisor.get('/api/knowledge/stats?from=2026-11-01&to=2026-11-30')).body;
    expect(stats).toMatchObject({ directAnswers: 1, casesRegistered: 1, directAnswerRate: 1 });
  });

  it('the dashboard overview counts the direct answer apart (直接答复率) and drills down to its case; not on a unit page', async () => {
    const other = await intake.post('/api/cases', sampleCase(ids.category('approval.construction_permit'), { title: '普通登记的诉求' }));
    expect(other.status).toBe(201);
    const o = (await supervisor.get('/api/dashboard/overview')).body;
    expect(o.kpis.received.value).toBe(2);
    expect(o.kpis.directAnswers).toMatchObject({ from: '2026-11-01', until: '2026-11-03', value: 1, rate: 50 });
    const page = (await supervisor.get('/api/dashboard/cases?measure=direct_answer&from=2026-11-01&until=2026-11-03')).body;
    expect(page.total).toBe(1);
    expect(page.items.map((c: any) => c.title)).toEqual(['咨询施工许可证材料']);
    const earlier = (await supervisor.get('/api/dashboard/cases?measure=direct_answer&from=2026-10-01&until=2026-11-01')).body;
    expect([earlier.total, earlier.items]).toEqual([0, []]);
    const unit = (await supervisor.get(`/api/dashboard/overview?departmentId=${ids.dept('zjj')}`)).body;
    expect(unit.kpis.directAnswers).toBeNull();
  });

  it('answers a case waiting at the desk; refuses a draft entry, both targets, and a case no longer waiting', async () => {
    const waiting = await intake.post('/api/cases', sampleCase(ids.category('approval.construction_permit')));
    const r = await intake.post('/api/knowledge/answers', { entryId: permit, caseId: waiting.body.id });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const again = await intake.post('/api/knowledge/answers', { entryId: permit, caseId: waiting.body.id });
    expect(again.body.error.code).toBe('CASE_TRANSITION_NOT_ALLOWED');
    const draft = await zjjHandler.post('/api/knowledge/entries', entry({ question: '草稿条目' }));
    const refused = await intake.post('/api/knowledge/answers', { entryId: draft.body.entry.id, caseId: waiting.body.id });
    expect(refused.body.error.code).toBe('KNOWLEDGE_NOT_PUBLISHED');
    const both = await intake.post('/api/knowledge/answers', { entryId: permit });
    expect([both.status, both.body.error.code]).toEqual([422, 'KNOWLEDGE_ANSWER_TARGET']);
    const generic = await intake.post(`/api/cases/${waiting.body.id}/answer-directly`, {});
    expect(generic.body.error.code).toBe('UNKNOWN_COMMAND');
  });
});

describe('the portal', () => {
  it('offers public answers only, counts "这解答了我的问题", and an internal entry is not named to the public', async () => {
    const internal = await zjjHandler.post('/api/knowledge/entries', entry({ question: '施工许可证内部审批口径', visibility: 'internal', keywords: [] }));
    await zjjHead.post(`/api/knowledge/entries/${internal.body.entry.id}/versions/1/approve`);
    const staff = (await search(intake, '施工许可证')).body.items.map((i: any) => i.id);
    expect(staff).toContain(internal.body.entry.id);
    const pub = await rt.app.inject({ method: 'GET', url: `/api/public/knowledge?q=${encodeURIComponent('施工许可证需要什么材料')}` });
    const items = pub.json().items;
    expect(items.map((i: any) => i.id)).toEqual([permit]);
    expect(Object.keys(items[0]).sort()).toEqual(['answer', 'basisNumber', 'basisTitle', 'id', 'ownerUnitName', 'question', 'version']);
    const helpful = await rt.app.inject({ method: 'POST', url: '/api/public/knowledge/helpful', payload: { entryId: permit, version: 2 } });
    expect(helpful.statusCode).toBe(204);
    const hidden = await rt.app.inject({ method: 'POST', url: '/api/public/knowledge/helpful', payload: { entryId: internal.body.entry.id, version: 1 } });
    expect(hidden.statusCode).toBe(404);
    expect((await intake.get(`/api/knowledge/entries/${permit}`)).body.entry.helpfulCount).toBe(1);
    expect((await supervisor.get('/api/knowledge/stats?from=2026-11-01&to=2026-11-30')).body.portalAnswered).toBe(1);
  });
});

describe('flags, replies turned into entries, import', () => {
  it('flags an entry whose basis another policy replaced, and one past validity, to the owner unit once', async () => {
    const newer = await zjjHandler.post('/api/knowledge/entries', entry({
      question: '施工许可告知承诺制', basisNumber: '衡住建发〔2026〕1号', replacesBasisNumber: '衡住建发[2024] 12号', keywords: [],
    }));
    await zjjHead.post(`/api/knowledge/entries/${newer.body.entry.id}/versions/1/approve`);
    // The public entry and the internal one both cite the replaced number.
    const first = await sweepKnowledge(rt.deps);
    expect(first.flagged).toBe(2);
    expect((await sweepKnowledge(rt.deps)).flagged).toBe(0);
    const e = (await intake.get(`/api/knowledge/entries/${permit}`)).body.entry;
    expect(e).toMatchObject({ flag: 'replaced', basisReplacedBy: '衡住建发〔2026〕1号' });
    const inbox = (await zjjHead.get('/api/notifications')).body.items;
    expect(inbox.some((n: any) => n.title === '知识条目的政策依据已被替代' && n.link === `/knowledge/${permit}`)).toBe(true);
    // Past validity: no longer offered, flagged as expired, refused at the desk.
    const brief = await zjjHandler.post('/api/knowledge/entries', entry({ question: '冬季施工临时许可', validTo: '2026-11-05', basisNumber: null, keywords: [] }));
    const briefId = brief.body.entry.id;
    await zjjHead.post(`/api/knowledge/entries/${briefId}/versions/1/approve`);
    // Any word of the box matches; the entry with more of them (冬季 and 施工) ranks first.
    expect((await search(intake, '冬季施工')).body.items[0].id).toBe(briefId);
    rt.clock.set('2026-11-06T09:00:00+08:00');
    expect((await search(intake, '冬季施工')).body.items.map((i: any) => i.id)).not.toContain(briefId);
    expect((await sweepKnowledge(rt.deps)).flagged).toBe(1);
    expect((await intake.get(`/api/knowledge/entries/${briefId}`)).body.entry).toMatchObject({ flag: 'expired', inForce: false });
    const answer = await intake.post('/api/knowledge/answers', { entryId: briefId, case: sampleCase(ids.category('approval.construction_permit')) });
    expect(answer.body.error.code).toBe('KNOWLEDGE_NOT_IN_FORCE');
  });

  it('a supervisor turns an approved reply into a draft owned by the lead unit', async () => {
    const c = await intake.post('/api/cases', { ...sampleCase(ids.category('approval.construction_permit')), dispatch: { leadDepartmentId: ids.dept('zjj'), coDepartmentIds: [] } });
    const id = c.body.id;
    const early = await supervisor.post('/api/knowledge/from-case', { caseId: id });
    expect(early.body.error.code).toBe('KNOWLEDGE_CASE_NO_REPLY');
    await zjjHandler.post(`/api/cases/${id}/sign`, {});
    await zjjHandler.post(`/api/cases/${id}/reply`, { text: '经核实，材料已齐全，施工许可证已于今日核发。' });
    await supervisor.post(`/api/cases/${id}/approve-reply`, {});
    const r = await supervisor.post('/api/knowledge/from-case', { caseId: id });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.entry).toMatchObject({ state: 'draft', ownerUnitId: ids.dept('zjj'), source: 'case', sourceCaseId: id, answer: '经核实，材料已齐全，施工许可证已于今日核发。' });
    expect((await intake.post('/api/knowledge/from-case', { caseId: id })).status).toBe(403);
  });

  it('imports an existing knowledge base: good rows become drafts, bad rows are refused in Chinese', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('知识库');
    for (const row of [
      ['编号', '问题', '答复', '责任单位', '有效期起', '有效期止', '政策依据', '依据文号', '可见范围', '关键词'],
      ['K1', '个体工商户怎样办理营业执照', '携带身份证到政务服务中心市场监管窗口办理，当场出照。', '市市场监督管理局', '2026-01-01', '', '个体工商户条例', '国令第755号', '公开', '营业执照、个体户'],
      ['K2', '没有责任单位的条目', '答复', '', '2026-01-01', '', '', '', '公开', ''],
      ['K3', '依据已过期的条目', '答复', '市市场监督管理局', '2020-01-01', '2021-12-31', '', '', '公开', ''],
      ['K4', '未知单位', '答复', '火星局', '2026-01-01', '', '', '', '内部', ''],
    ]) ws.addRow(row);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await supervisor.post('/api/knowledge/import', { fileName: 'kb.xlsx', contentBase64: bytes.toString('base64') });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.created).toBe(1);
    expect(r.body.refused.map((x: any) => [x.rowNumber, x.code])).toEqual([[3, 'KNOWLEDGE_OWNER_REQUIRED'], [4, 'KNOWLEDGE_BASIS_EXPIRED'], [5, 'KNOWLEDGE_OWNER_NOT_FOUND']]);
    const list = (await supervisor.get(`/api/knowledge/entries?${new URLSearchParams({ q: '营业执照', state: 'draft' })}`)).body;
    expect(list.items.map((i: any) => [i.question, i.source, i.ownerUnitId, i.keywords])).toEqual([['个体工商户怎样办理营业执照', 'import', ids.dept('scjg'), ['营业执照', '个体户']]]);
    const again = await supervisor.post('/api/knowledge/import', { fileName: 'kb.xlsx', contentBase64: bytes.toString('base64') });
    expect([again.body.created, again.body.updated]).toEqual([0, 1]);
  });
});
