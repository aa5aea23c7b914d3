import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshotDigest } from '../../src/server/modules/assessment/snapshot.js';
import { loginAs, type Client } from '../kit/http.js';
import { sampleCase } from '../kit/org.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';
import { ok, register, staff } from '../suggestions/kit.js';

// The suggestions section of the assessment on both engines: a reply on time and a satisfied proposer in March count
// for the lead unit in the snapshot, and each figure drills down to the suggestions behind it (the list as long as
// the figure), within the caller's scope; the scheme's weights for the section move the combined score (and nothing
// else), verify recomputes it, and 直接答复 (ADR 0025) is counted apart per owner unit and city-wide.

let rt: TestRuntime;
let s: Awaited<ReturnType<typeof staff>>;
let suggestionId = 0;
let admin: Client;
let intake: Client;
const answered: number[] = [];

beforeAll(async () => {
  rt = await testRuntime('2026-03-02T09:00:00+08:00');
  s = await staff(rt);
  const sug = await register(s.supervisor, s.deputy1);
  suggestionId = sug.id;
  await ok(s.supervisor.post(`/api/suggestions/${sug.id}/assign`, { mode: 'lead', leadDepartmentIds: [s.ids.dept('zjj')], coDepartmentIds: [] }));
  await ok(s.zjjHandler.post(`/api/suggestions/${sug.id}/sign`, {}));
  await ok(s.zjjHandler.post(`/api/suggestions/${sug.id}/meet`, { metOn: '2026-03-05', form: 'in_person', people: '代表本人、局长', summary: '当面沟通办理思路。' }));
  rt.clock.set('2026-03-16T10:00:00+08:00');
  await ok(s.zjjHandler.post(`/api/suggestions/${sug.id}/reply`, { docNumber: '衡住建函〔2026〕20号', class: 'A', body: '已解决。', promise: null, promiseDue: null }));
  rt.clock.set('2026-03-20T10:00:00+08:00');
  await ok(s.deputy1.post(`/api/suggestions/${sug.id}/rate`, { rating: 'satisfied' }));
  // 直接答复 in March: an entry of 住建局 answers two calls at the desk; a third call is registered and waits.
  admin = await loginAs(rt.app, 'admin');
  intake = await loginAs(rt.app, 'intake');
  const zjjHead = await loginAs(rt.app, 'zjj-head');
  const entry = await ok(s.zjjHandler.post('/api/knowledge/entries', {
    question: '建筑工程施工许可证办理需要哪些材料', answer: '材料齐全的 3 个工作日内办结。', basisTitle: '衡阳市建筑工程施工许可管理办法',
    basisNumber: '衡住建发〔2024〕12号', ownerUnitId: s.ids.dept('zjj'), validFrom: '2026-01-01', validTo: '2027-12-31', visibility: 'public', keywords: ['施工许可'],
  }));
  await ok(zjjHead.post(`/api/knowledge/entries/${entry.entry.id}/versions/1/approve`));
  const call = () => sampleCase(s.ids.category('approval.construction_permit'), { title: '咨询施工许可证材料', caseType: 'consultation' });
  for (let i = 0; i < 2; i++) answered.push((await ok(intake.post('/api/knowledge/answers', { entryId: entry.entry.id, case: call() }))).caseId);
  await ok(intake.post('/api/cases', call()));
  rt.clock.set('2026-04-02T10:00:00+08:00');
  await ok(s.supervisor.post('/api/assessment/periods/run', { period: '2026-03' }));
});
afterAll(() => rt.close());

const drill = (measure: string, part: string, who = s.supervisor, dept = s.ids.dept('zjj')) =>
  who.get(`/api/assessment/suggestions-drill?period=2026-03&department=${dept}&measure=${measure}&part=${part}`);

describe('the suggestions section', () => {
  it('counts the reply on time and the satisfied proposer for the lead unit', async () => {
    const detail = (await s.supervisor.get('/api/assessment/periods/2026-03')).body;
    const row = detail.suggestionSection.rows.find((r: any) => r.departmentId === s.ids.dept('zjj'));
    expect(row).toMatchObject({ suggestions: 1, replies: { numerator: 1, denominator: 1 }, ratings: { numerator: 1, denominator: 1 } });
  });

  it('drills down from each figure to the suggestions, the list as long as the figure', async () => {
    for (const measure of ['suggestion_reply', 'suggestion_rating']) {
      for (const part of ['numerator', 'denominator']) {
        const page = (await drill(measure, part)).body;
        expect(page).toMatchObject({ figure: 1, total: 1, departmentName: '市住房和城乡建设局' });
        expect(page.items).toEqual([expect.objectContaining({ suggestionId, hit: true, label: expect.stringMatching(/^人大代表建议 第 17 届第 5 次会议第 \d+ 号$/) })]);
      }
    }
    // Another unit's figures are not a clerk's to read; an unknown measure is refused by the schema.
    expect((await drill('suggestion_reply', 'numerator', s.fgwHandler)).status).toBe(403);
    expect((await drill('suggestion_bogus', 'numerator')).status).toBe(400);
  });
});

describe('weights of the suggestions section', () => {
  let before: any;

  it('a snapshot made before the section had weights (rows without combined, no direct answers) keeps its digest and verifies', async () => {
    before = (await s.supervisor.get('/api/assessment/periods/2026-03')).body;
    const zjj = before.suggestionSection.rows.find((r: any) => r.departmentId === s.ids.dept('zjj'));
    expect(zjj.combined).toBeNull();
    const db = rt.deps.database.db;
    const row = await db.selectFrom('assessment_periods').selectAll().where('key', '=', '2026-03').executeTakeFirstOrThrow();
    const old = structuredClone(row.sections) as any;
    for (const r of old.suggestions.rows) delete r.combined;
    delete old.directAnswers;
    const digest = snapshotDigest(row.key, row.scheme_version, Number(row.event_cursor), row.figures, row.exclusions, old);
    await sql`UPDATE assessment_periods SET sections = ${JSON.stringify(old)}, digest = ${digest} WHERE key = '2026-03'`.execute(db);
    expect((await s.supervisor.get('/api/assessment/periods/2026-03/verify')).body).toMatchObject({ ok: true, differences: [] });
    await sql`UPDATE assessment_periods SET sections = ${JSON.stringify(row.sections)}, digest = ${row.digest} WHERE key = '2026-03'`.execute(db);
  });

  it('the combined score follows the weights; case scores stay; verify recomputes it and names a changed one', async () => {
    const current = (await admin.get('/api/assessment/scheme')).body.current.scheme;
    const tooMuch = await admin.post('/api/assessment/scheme', { scheme: { ...current, sections: { items: { reports: 0.5, milestones: 0.3 }, suggestions: { replies: 0.2, ratings: 0.1 } } } });
    expect([tooMuch.status, tooMuch.body.error?.code]).toEqual([422, 'ASSESSMENT_SCHEME_INVALID']);
    expect((await admin.post('/api/assessment/scheme', { scheme: { ...current, sections: { suggestions: { replies: 0.2, ratings: 0.1 } } }, note: '建议提案占 30%' })).status).toBe(201);
    expect((await admin.get('/api/assessment/scheme')).body.current.scheme.sections).toEqual({ suggestions: { replies: 0.2, ratings: 0.1 } });
    const again = (await s.supervisor.post('/api/assessment/periods/run', { period: '2026-03' })).body.period;
    expect(again.rows).toEqual(before.rows);
    const zjj = again.suggestionSection.rows.find((r: any) => r.departmentId === s.ids.dept('zjj'));
    // No case composite for 住建局 this March: the section's own score, both rates met → 100 (null if the weight were ignored).
    expect(zjj.combined).toBe(100);
    expect((await s.supervisor.get('/api/assessment/periods/2026-03/verify')).body).toMatchObject({ ok: true, differences: [] });
    const db = rt.deps.database.db;
    const row = await db.selectFrom('assessment_periods').select(['sections']).where('key', '=', '2026-03').executeTakeFirstOrThrow();
    const changed = structuredClone(row.sections) as any;
    changed.suggestions.rows.find((r: any) => r.departmentId === s.ids.dept('zjj')).combined = 90;
    await db.updateTable('assessment_periods').set({ sections: JSON.stringify(changed) }).where('key', '=', '2026-03').execute();
    const v = (await s.supervisor.get('/api/assessment/periods/2026-03/verify')).body;
    expect(v.differences.map((d: any) => d.field)).toEqual(expect.arrayContaining(['digest', 'suggestions.combined']));
    await db.updateTable('assessment_periods').set({ sections: JSON.stringify(row.sections) }).where('key', '=', '2026-03').execute();
  });
});

describe('直接答复 in the assessment', () => {
  it('counts direct answers apart: per owner unit and city-wide, no unit handling fact', async () => {
    const detail = (await s.supervisor.get('/api/assessment/periods/2026-03')).body;
    expect(detail.directAnswerSection.city).toEqual({ numerator: 2, denominator: 3 });
    expect(detail.directAnswerSection.rows).toEqual([{ departmentId: s.ids.dept('zjj'), departmentName: '市住房和城乡建设局', answers: { numerator: 2, denominator: 2 } }]);
    // Closed at intake by the desk: no unit signed or replied, so no 按时答复 (or any) case figure counts them.
    const zjjCases = detail.rows.find((r: any) => r.departmentId === s.ids.dept('zjj'));
    expect(zjjCases).toMatchObject({ cases: 0, rates: { replying: { denominator: 0 }, signing: { denominator: 0 } } });
    expect((await s.supervisor.get('/api/assessment/periods/2026-03/verify')).body.ok).toBe(true);
  });

  it('drills down to the cases, per unit and city-wide, the list as long as the figure', async () => {
    const unit = (await s.supervisor.get(`/api/assessment/direct-answers-drill?period=2026-03&department=${s.ids.dept('zjj')}`)).body;
    expect(unit).toMatchObject({ figure: 2, total: 2, departmentName: '市住房和城乡建设局' });
    expect(unit.items.map((i: any) => i.caseId).sort()).toEqual([...answered].sort());
    expect(unit.items[0]).toMatchObject({ question: '建筑工程施工许可证办理需要哪些材料', title: '咨询施工许可证材料' });
    expect((await s.supervisor.get('/api/assessment/direct-answers-drill?period=2026-03&department=0')).body).toMatchObject({ figure: 2, total: 2, departmentName: '全市' });
    expect((await s.zjjHandler.get(`/api/assessment/direct-answers-drill?period=2026-03&department=${s.ids.dept('zjj')}`)).status).toBe(200);
    expect((await s.zjjHandler.get('/api/assessment/direct-answers-drill?period=2026-03&department=0')).status).toBe(403);
    expect((await s.fgwHandler.get(`/api/assessment/direct-answers-drill?period=2026-03&department=${s.ids.dept('zjj')}`)).status).toBe(403);
  });

  it('verify names a changed direct-answer figure', async () => {
    const db = rt.deps.database.db;
    const row = await db.selectFrom('assessment_periods').select(['sections']).where('key', '=', '2026-03').executeTakeFirstOrThrow();
    const changed = structuredClone(row.sections) as any;
    changed.directAnswers.city.numerator = 5;
    await db.updateTable('assessment_periods').set({ sections: JSON.stringify(changed) }).where('key', '=', '2026-03').execute();
    const v = (await s.supervisor.get('/api/assessment/periods/2026-03/verify')).body;
    expect(v.differences.map((d: any) => d.field)).toEqual(expect.arrayContaining(['digest', 'directAnswers.city.numerator']));
    await db.updateTable('assessment_periods').set({ sections: JSON.stringify(row.sections) }).where('key', '=', '2026-03').execute();
  });
});
