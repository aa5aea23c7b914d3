import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drillMeasureNames } from '../../src/contracts/assessment.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';
import { orgIds } from '../kit/org.js';
import { download, docxText } from '../supervision/kit.js';
import { loginAll, playCase, type Staff } from './kit.js';
import { runAssessmentFactJob } from '../../src/server/modules/assessment/job.js';
import { chainEvents } from '../../src/server/modules/cases/repository.js';
import type { Client } from '../kit/http.js';

let rt: TestRuntime;
let as: Record<Staff, Client>;
let zjj: number;
let xzsp: number;
const cases: Record<string, number> = {};

const zjjRow = (period: any) => period.rows.find((r: any) => r.departmentId === zjj);

beforeAll(async () => {
  rt = await testRuntime('2026-10-12T09:00:00+08:00');
  as = await loginAll(rt.app);
  const ids = await orgIds(as.intake);
  zjj = ids.dept('zjj');
  xzsp = ids.dept('xzsp');
  // A scheme that ranks small departments too: the test has a handful of cases.
  const scheme = (await as.admin.get('/api/assessment/scheme')).body.current.scheme;
  const saved = await as.admin.post('/api/assessment/scheme', { scheme: { ...scheme, minimumCases: 2, minimumRated: 1 }, note: '测试：最少 2 件、回访 1 件即排名' });
  expect(saved.status).toBe(201);
  cases.good = await playCase(as, rt.clock, { co: true, rating: 'satisfied', title: '施工许可证办理顺利' });
  cases.lateSign = await playCase(as, rt.clock, { signAfterHours: 60, rating: 'unsatisfied', title: '签收拖延的诉求' });
  cases.ordered = await playCase(as, rt.clock, { reply: false, title: '被黄牌督办的诉求' });
  const order = await as.supervisor.post(`/api/cases/${cases.ordered}/orders`, { departmentId: zjj, level: 'yellow', demands: '请于三个工作日内办结并书面答复。', deadline: { workingDays: 3 } });
  expect(order.status, JSON.stringify(order.body)).toBe(201);
  cases.basic = await playCase(as, rt.clock, { rating: 'basically', title: '基本满意的诉求' });
  rt.clock.set('2026-11-02T09:00:00+08:00');
}, 120_000);
afterAll(() => rt.close());

describe('scheme', () => {
  it('refuses weights that do not add up, with a zh-CN message; only an admin edits; versions are kept', async () => {
    const current = (await as.admin.get('/api/assessment/scheme')).body;
    expect(current.current.version).toBe(2);
    expect(current.versions.map((v: any) => v.version)).toEqual([2, 1]);
    const bad = await as.admin.post('/api/assessment/scheme', { scheme: { ...current.current.scheme, weights: { ...current.current.scheme.weights, response: 0.2 } } });
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatchObject({ code: 'ASSESSMENT_SCHEME_WEIGHTS_SUM', message: '各项指标权重之和必须等于 1（100%）' });
    expect((await as.supervisor.post('/api/assessment/scheme', { scheme: current.current.scheme })).status).toBe(403);
    expect((await as['zjj-head'].post('/api/assessment/scheme', { scheme: current.current.scheme })).status).toBe(403);
    expect((await as.admin.get('/api/assessment/scheme')).body.versions).toHaveLength(2);
  });
});

describe('run, drill-down, publish, freeze', () => {
  let october: any;

  it('computes the month from the facts of the events', async () => {
    expect((await as['zjj-handler'].post('/api/assessment/periods/run', { period: '2026-10' })).status).toBe(403);
    expect((await as.leader.post('/api/assessment/periods/run', { period: '2026-10' })).status).toBe(403);
    const bad = await as.supervisor.post('/api/assessment/periods/run', { period: '2026-13' });
    expect([bad.status, bad.body.error.code]).toEqual([422, 'ASSESSMENT_PERIOD_INVALID']);
    const r = await as.supervisor.post('/api/assessment/periods/run', { period: '2026-10' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    october = r.body.period;
    expect(october).toMatchObject({ key: '2026-10', status: 'computed', schemeVersion: 2, canPublish: true });
    const row = zjjRow(october);
    expect(row).toMatchObject({
      cases: 4, rank: 1, isRanked: true,
      rates: {
        response: { numerator: 2, denominator: 3 }, resolution: { numerator: 2, denominator: 3 }, satisfaction: { numerator: 2, denominator: 3 },
        signing: { numerator: 3, denominator: 4 }, replying: { numerator: 3, denominator: 3 },
      },
      deductions: { overdue: 0, yellow: 1, red: 0, refused_return: 0, redo: 0 },
    });
    expect(row.rates.satisfaction.rate).toBeCloseTo(1.9 / 3, 6);
    expect(row.composite).toBeCloseTo(0.1 * 200 / 3 + 0.5 * 200 / 3 + 0.4 * 190 / 3 - 1, 2);
    expect(october.rows.find((r: any) => r.departmentId === xzsp)).toMatchObject({ cases: 1, rates: { signing: { numerator: 1, denominator: 1 } } });
  });

  it('every figure drills down to exactly its cases', async () => {
    for (const measure of drillMeasureNames) {
      for (const part of ['numerator', 'denominator']) {
        const r = await as.supervisor.get(`/api/assessment/drill?period=2026-10&department=${zjj}&measure=${measure}&part=${part}&limit=500`);
        expect(r.status, `${measure} ${part}`).toBe(200);
        expect([measure, part, r.body.total, r.body.items.length]).toEqual([measure, part, r.body.figure, r.body.figure]);
      }
    }
    const yellow = (await as.supervisor.get(`/api/assessment/drill?period=2026-10&department=${zjj}&measure=yellow&part=numerator`)).body;
    expect(yellow.items.map((i: any) => i.caseId)).toEqual([cases.ordered]);
    const late = (await as.supervisor.get(`/api/assessment/drill?period=2026-10&department=${zjj}&measure=response&part=denominator`)).body;
    expect(late.items.map((i: any) => i.caseId).sort()).toEqual([cases.good, cases.lateSign, cases.basic].sort());
    // Department staff see their own department only.
    expect((await as['zjj-handler'].get(`/api/assessment/drill?period=2026-10&department=${zjj}&measure=cases&part=numerator`)).status).toBe(200);
    expect((await as['xzsp-handler'].get(`/api/assessment/drill?period=2026-10&department=${zjj}&measure=cases&part=numerator`)).status).toBe(403);
    // The export holds exactly the drill-down's rows, with the same scope.
    const list = (await as.supervisor.get(`/api/assessment/drill?period=2026-10&department=${zjj}&measure=cases&part=numerator&limit=500`)).body;
    const file = await download(rt.app, 'zjj-handler', `/api/assessment/drill/export.xlsx?period=2026-10&department=${zjj}&measure=cases&part=numerator`);
    expect(file.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.body as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['诉求编号', '诉求标题', '状态', '计入时间', '是否按时', '评价']);
    expect(ws.rowCount - 1).toBe(list.total);
    expect(ws.getRow(2).getCell(1).value).toBe(list.items[0].code);
    expect(ws.getRow(2).getCell(4).value).toBeInstanceOf(Date);
    expect((await download(rt.app, 'xzsp-handler', `/api/assessment/drill/export.xlsx?period=2026-10&department=${zjj}&measure=cases&part=numerator`)).status).toBe(403);
    expect((await as.intake.get(`/api/assessment/drill?period=2026-10&department=${zjj}&measure=cases&part=numerator`)).status).toBe(403);
    const mine = (await as['xzsp-handler'].get('/api/assessment/periods/2026-10')).body;
    expect(mine.rows.map((r: any) => r.departmentId)).toEqual([xzsp]);
  });

  it('refuses to publish a period that has not ended; publishes a past one once; then it is frozen', async () => {
    await as.supervisor.post('/api/assessment/periods/run', { period: '2026-11' });
    const open = await as.supervisor.post('/api/assessment/periods/2026-11/publish');
    expect([open.status, open.body.error.code, open.body.error.message]).toEqual([409, 'ASSESSMENT_PERIOD_OPEN', '考核期尚未结束，不能发布']);
    expect((await as.leader.post('/api/assessment/periods/2026-10/publish')).status).toBe(403);
    expect((await as['zjj-head'].post('/api/assessment/periods/2026-10/publish')).status).toBe(403);
    const pub = await as.supervisor.post('/api/assessment/periods/2026-10/publish');
    expect(pub.status).toBe(200);
    expect(pub.body).toMatchObject({ status: 'published', publishedByName: expect.any(String) });
    const again = await as.supervisor.post('/api/assessment/periods/2026-10/publish');
    expect([again.status, again.body.error.code]).toEqual([409, 'ASSESSMENT_PERIOD_PUBLISHED']);
    // The database itself refuses to change a published snapshot.
    await expect(sql`UPDATE assessment_periods SET figures = '[]' WHERE key = '2026-10'`.execute(rt.deps.database.db)).rejects.toThrow(/frozen/);
    await expect(sql`DELETE FROM assessment_periods WHERE key = '2026-10'`.execute(rt.deps.database.db)).rejects.toThrow(/frozen/);
    const latest = (await as.leader.get('/api/assessment/rankings/latest')).body;
    expect(latest.period).toMatchObject({ key: '2026-10', kind: 'month', schemeVersion: 2 });
    expect(latest.rows.find((r: any) => r.departmentId === zjj)).toMatchObject({ rank: 1, cases: 4, response: { numerator: 2, denominator: 3 } });
  });

  it('verify agrees with an untouched snapshot', async () => {
    const v = await as.supervisor.get('/api/assessment/periods/2026-10/verify');
    expect(v.body).toMatchObject({ ok: true, differences: [] });
    expect(v.body.casesChecked).toBeGreaterThanOrEqual(4);
  });
});

describe('appeals', () => {
  let appealId: number;

  it('a department head appeals with a reason and evidence; bad input and other roles are refused', async () => {
    const body = { caseId: cases.lateSign, reason: 'illegal_demand', evidence: '诉求人要求违规先行发证，依法不能办理，已书面告知。' };
    const noEvidence = await as['zjj-head'].post('/api/assessment/appeals', { ...body, evidence: '   ' });
    expect([noEvidence.status, noEvidence.body.error.code, noEvidence.body.error.message]).toEqual([422, 'APPEAL_EVIDENCE_REQUIRED', '申诉须提供证明材料（文字说明必填）']);
    expect((await as['zjj-head'].post('/api/assessment/appeals', { ...body, reason: 'bored' })).body.error.code).toBe('APPEAL_REASON_INVALID');
    const badFile = await as['zjj-head'].post('/api/assessment/appeals', { ...body, file: { name: 'x.pdf', base64: Buffer.from('not really a pdf').toString('base64') } });
    expect([badFile.status, badFile.body.error.code]).toEqual([422, 'APPEAL_FILE_INVALID']);
    expect((await as['zjj-handler'].post('/api/assessment/appeals', body)).status).toBe(403);
    expect((await as.supervisor.post('/api/assessment/appeals', body)).status).toBe(403);
    // xzsp never had this case: nothing to appeal.
    expect((await as['xzsp-head'].post('/api/assessment/appeals', body)).body.error.code).toBe('APPEAL_CASE_NOT_COUNTED');
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
    const filed = await as['zjj-head'].post('/api/assessment/appeals', { ...body, file: { name: '告知书.pdf', base64: pdf.toString('base64') } });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    expect(filed.body).toMatchObject({ state: 'pending', reasonLabel: '诉求不合法或不合理', fileType: 'application/pdf', canDecide: false });
    appealId = filed.body.id;
    expect((await as['zjj-head'].post('/api/assessment/appeals', body)).body.error.code).toBe('APPEAL_EXISTS');
    // Department staff list their own department's appeals only; the file is theirs and the office's.
    expect((await as['zjj-handler'].get('/api/assessment/appeals')).body.items.map((a: any) => a.id)).toEqual([appealId]);
    expect((await as['xzsp-head'].get('/api/assessment/appeals')).body.items).toEqual([]);
    expect((await as['xzsp-head'].get(`/api/assessment/appeals/${appealId}`)).status).toBe(404);
    const file = await download(rt.app, 'supervisor', `/api/assessment/appeals/${appealId}/file`);
    expect([file.status, file.body.subarray(0, 5).toString()]).toEqual([200, '%PDF-']);
    expect((await download(rt.app, 'xzsp-head', `/api/assessment/appeals/${appealId}/file`)).status).toBe(403);
  });

  it('the supervisor decides with a reason; others cannot', async () => {
    expect((await as['zjj-head'].post(`/api/assessment/appeals/${appealId}/decide`, { decision: 'approve', reason: '同意' })).status).toBe(403);
    expect((await as.leader.post(`/api/assessment/appeals/${appealId}/decide`, { decision: 'approve', reason: '同意' })).status).toBe(403);
    expect((await as.admin.post(`/api/assessment/appeals/${appealId}/decide`, { decision: 'approve', reason: '同意' })).status).toBe(403);
    const noReason = await as.supervisor.post(`/api/assessment/appeals/${appealId}/decide`, { decision: 'approve', reason: '' });
    expect([noReason.status, noReason.body.error.code]).toEqual([422, 'APPEAL_DECISION_REASON_REQUIRED']);
    const pending = (await as.supervisor.get('/api/assessment/appeals?state=pending')).body.items;
    expect(pending[0]).toMatchObject({ id: appealId, canDecide: true });
    const d = await as.supervisor.post(`/api/assessment/appeals/${appealId}/decide`, { decision: 'approve', reason: '经核实，诉求事项违反审批规定，不纳入考核。' });
    expect(d.status).toBe(200);
    expect(d.body).toMatchObject({ state: 'approved', decidedByName: expect.any(String) });
    expect((await as.supervisor.post(`/api/assessment/appeals/${appealId}/decide`, { decision: 'refuse', reason: '再审' })).body.error.code).toBe('APPEAL_ALREADY_DECIDED');
    const events = await rt.deps.database.db.selectFrom('case_events').select(['type', 'payload']).where('case_id', '=', cases.lateSign).orderBy('seq', 'desc').limit(1).execute();
    expect(events[0]).toMatchObject({ type: 'case.assessment_excluded', payload: { appealId, departmentId: zjj } });
  });

  it('a refused appeal changes nothing and may be filed again', async () => {
    const filed = await as['zjj-head'].post('/api/assessment/appeals', { caseId: cases.basic, reason: 'force_majeure', evidence: '台风期间停工。' });
    const refused = await as.supervisor.post(`/api/assessment/appeals/${filed.body.id}/decide`, { decision: 'refuse', reason: '与台风无关。' });
    expect(refused.body.state).toBe('refused');
    expect((await as['zjj-head'].post('/api/assessment/appeals', { caseId: cases.basic, reason: 'force_majeure', evidence: '补充证明：停工通知。' })).status).toBe(201);
  });

  it('the published month stays as it was and reports how a recomputation differs; later runs exclude the case', async () => {
    const before = (await as.supervisor.get('/api/assessment/periods/2026-10')).body;
    const rerun = (await as.supervisor.post('/api/assessment/periods/run', { period: '2026-10' })).body;
    expect(rerun.frozen).toBe(true);
    expect(rerun.period.digest).toBe(before.digest);
    expect(rerun.differences).toEqual(expect.arrayContaining([
      expect.objectContaining({ departmentId: zjj, field: 'cases', snapshot: 4, recomputed: 3 }),
      expect.objectContaining({ field: 'exclusions' }),
    ]));
    expect((await as.supervisor.get('/api/assessment/periods/2026-10')).body).toEqual(before);
    const q4 = (await as.supervisor.post('/api/assessment/periods/run', { period: '2026-Q4' })).body.period;
    expect(zjjRow(q4)).toMatchObject({ cases: 3, rates: { response: { numerator: 2, denominator: 2 }, satisfaction: { numerator: 2, denominator: 2 } } });
    expect(q4.exclusions).toEqual([expect.objectContaining({ caseId: cases.lateSign, departmentId: zjj, decidedByName: expect.any(String), reason: '诉求不合法或不合理' })]);
    const drill = (await as.supervisor.get(`/api/assessment/drill?period=2026-Q4&department=${zjj}&measure=cases&part=numerator`)).body;
    expect(drill.items.map((i: any) => i.caseId)).not.toContain(cases.lateSign);
    // The published month's drill-down still lists what its snapshot counted.
    const oct = (await as.supervisor.get(`/api/assessment/drill?period=2026-10&department=${zjj}&measure=cases&part=numerator`)).body;
    expect(oct.items.map((i: any) => i.caseId)).toContain(cases.lateSign);
    expect(oct.total).toBe(4);
    expect((await as.supervisor.get('/api/assessment/periods/2026-Q4/verify')).body.ok).toBe(true);
  });
});

describe('bulletin', () => {
  it('downloads as .docx and .xlsx from the snapshot, readable back, with formula text defused', async () => {
    await sql`UPDATE departments SET name = '=HYPERLINK("http://evil")' WHERE code = 'xzsp'`.execute(rt.deps.database.db);
    rt.deps.directory.invalidate();
    await as.supervisor.post('/api/assessment/periods/run', { period: '2026-Q4' });
    const docx = await download(rt.app, 'supervisor', '/api/assessment/periods/2026-10/bulletin.docx');
    expect(docx.status).toBe(200);
    expect(docx.headers['content-disposition']).toContain("filename*=UTF-8''");
    const text = docxText(docx.body);
    expect(text).toContain('衡阳市优化营商环境问题并网督办考核通报（2026年10月）');
    expect(text).toContain('市住房和城乡建设局');
    expect(text).toContain('红黄榜');
    const xlsx = await download(rt.app, 'supervisor', '/api/assessment/periods/2026-Q4/bulletin.xlsx');
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as never);
    const sheet = wb.getWorksheet('考核排名')!;
    const names = sheet.getColumn(3).values.slice(2).map(String);
    expect(names).toContain('市住房和城乡建设局');
    expect(names).toContain(`'=HYPERLINK("http://evil")`);
    const zjjLine = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(3).value === '市住房和城乡建设局')!;
    expect([zjjLine.getCell(4).value, zjjLine.getCell(2).value]).toEqual([3, 1]);
    expect(wb.getWorksheet('不纳入考核')!.rowCount).toBe(2);
    expect((await download(rt.app, 'zjj-head', '/api/assessment/periods/2026-10/bulletin.docx')).status).toBe(403);
  });
});

describe('verify catches tampering', () => {
  it('a changed figure in a published snapshot, and a changed fact behind a drill-down', async () => {
    const { db } = rt.deps.database;
    await sql`ALTER TABLE assessment_periods DISABLE TRIGGER assessment_periods_frozen`.execute(db);
    await sql`UPDATE assessment_periods SET figures = jsonb_set(figures, '{0,cases}', '999') WHERE key = '2026-10'`.execute(db);
    await sql`ALTER TABLE assessment_periods ENABLE TRIGGER assessment_periods_frozen`.execute(db);
    const v = (await as.supervisor.get('/api/assessment/periods/2026-10/verify')).body;
    expect(v.ok).toBe(false);
    expect(v.differences.map((d: any) => d.field)).toEqual(expect.arrayContaining(['digest', 'cases']));
    await sql`UPDATE assessment_facts SET hit = NOT hit WHERE case_id = ${cases.good} AND measure = 'signing' AND department_id = ${zjj}`.execute(db);
    const q4 = (await as.supervisor.get('/api/assessment/periods/2026-Q4/verify')).body;
    expect(q4.ok).toBe(false);
    expect(q4.differences.some((d: any) => d.field === 'facts.signing' && d.departmentId === zjj)).toBe(true);
  });

  it('everyone signed in may read the rankings; the public may not; intake has no assessment access', async () => {
    expect((await rt.app.inject({ method: 'GET', url: '/api/assessment/rankings/latest' })).statusCode).toBe(401);
    expect((await as.intake.get('/api/assessment/periods')).status).toBe(403);
    for (const u of ['admin', 'zjj-handler', 'zjj-head', 'supervisor', 'leader'] as const) expect((await as[u].get('/api/assessment/periods')).status).toBe(200);
  });
});

describe('facts job and imported history', () => {
  it('is incremental: a second catch-up writes nothing', async () => {
    const first = await runAssessmentFactJob(rt.deps);
    const second = await runAssessmentFactJob(rt.deps);
    expect(second).toEqual({ cursor: first.cursor, casesChanged: 0 });
  });

  it('takes an evidence file of a few megabytes, stored in the database; refuses one over 5 MB', async () => {
    const pdf = (size: number) => Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(size, 0x20), Buffer.from('\n%%EOF\n')]).toString('base64');
    const body = { caseId: cases.good, reason: 'already_concluded', evidence: '法院已有生效判决，附判决书。' };
    const big = await as['zjj-head'].post('/api/assessment/appeals', { ...body, file: { name: '判决书.pdf', base64: pdf(5.2 * 1024 * 1024) } });
    expect([big.status, big.body.error?.code]).toEqual([422, 'APPEAL_FILE_INVALID']);
    const ok = await as['zjj-head'].post('/api/assessment/appeals', { ...body, file: { name: '判决书.pdf', base64: pdf(3 * 1024 * 1024) } });
    expect(ok.status, JSON.stringify(ok.body).slice(0, 300)).toBe(201);
    const file = await download(rt.app, 'zjj-head', `/api/assessment/appeals/${ok.body.id}/file`);
    expect([file.status, file.body.length]).toEqual([200, 3 * 1024 * 1024 + 16]);
  });

  it('an imported case counts from its history payload, in the period of its own timestamps', async () => {
    const { db } = rt.deps.database;
    const ids = await orgIds(as.intake);
    const now = rt.clock.now();
    const row = await db.insertInto('cases').values({
      code: 'IMP-2026-0001', title: '历史工单：水电报装', description: '从旧系统导入的历史工单。', category_id: ids.category('approval.construction_permit'),
      channel: 'import', status: 'closed', submitter_name: '李四', submitter_phone: '13900139000', created_at: new Date('2026-09-02T09:00:00+08:00'), updated_at: now,
    }).returning(['id', 'event_count', 'last_event_hash']).executeTakeFirstOrThrow();
    const chain = chainEvents({ ...row, id: Number(row.id) }, [{ type: 'case.imported', payload: {
      source: '12345旧系统', externalId: 'H-1', createdAt: '2026-09-02T09:00:00+08:00', dispatchedAt: '2026-09-02T10:00:00+08:00',
      signedAt: '2026-09-02T11:00:00+08:00', repliedAt: '2026-09-29T10:00:00+08:00', closedAt: '2026-09-30T10:00:00+08:00', departmentId: zjj, rating: 'basically',
    } }], { userId: null, role: 'system', departmentId: null }, now);
    await db.insertInto('case_events').values(chain.values).execute();
    await db.updateTable('cases').set({ event_count: chain.eventCount, last_event_hash: chain.lastHash }).where('id', '=', Number(row.id)).execute();
    const sept = (await as.supervisor.post('/api/assessment/periods/run', { period: '2026-09' })).body.period;
    expect(zjjRow(sept)).toMatchObject({
      cases: 1,
      rates: { signing: { numerator: 1, denominator: 1 }, replying: { numerator: 0, denominator: 1 }, satisfaction: { numerator: 1, denominator: 1 } },
      deductions: { overdue: 1 },
    });
    expect(zjjRow(sept).rates.satisfaction.rate).toBeCloseTo(0.9, 6);
    expect((await as.supervisor.get('/api/assessment/periods/2026-09/verify')).body).toMatchObject({ ok: true });
  });
});
