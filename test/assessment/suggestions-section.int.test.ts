import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';
import { ok, register, staff } from '../suggestions/kit.js';

// The suggestions section of the assessment on both engines: a reply on time and a satisfied proposer in March count
// for the lead unit in the snapshot, and each figure drills down to the suggestions behind it (the list as long as
// the figure), within the caller's scope.

let rt: TestRuntime;
let s: Awaited<ReturnType<typeof staff>>;
let suggestionId = 0;

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
