import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySuggestionChains } from '../../src/server/modules/suggestions/index.js';
import { proposerSatisfaction, replyTimeliness } from '../../src/server/modules/suggestions/index.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';
import { ok, register, staff } from './kit.js';

// 建议提案 from registration to the proposer's final rating, with the bad input the issue names: a rating by anyone
// but the proposer, a reply past the limit (accepted, marked late), a reply without 见面沟通, a number used twice.

let rt: TestRuntime;
let s: Awaited<ReturnType<typeof staff>>;

beforeAll(async () => {
  rt = await testRuntime('2026-03-02T09:00:00+08:00');
  s = await staff(rt);
});
afterAll(() => rt.close());

const meeting = { metOn: '2026-03-05', form: 'in_person', people: '代表本人、局长', summary: '当面沟通办理思路，代表表示认可。' };

describe('a suggestion from registration to rating', () => {
  it('runs lead + co: sign, meet, reply (class C with a promise), countersign, rate; events chained; figures for assessment', async () => {
    const sug = await register(s.supervisor, s.deputy1);
    expect(sug).toMatchObject({ status: 'registered', label: '第十七届人大第五次会议第 100 号', allowedActions: ['assign'] });
    const assigned = await ok(s.supervisor.post(`/api/suggestions/${sug.id}/assign`, { mode: 'lead', leadDepartmentIds: [s.ids.dept('zjj')], coDepartmentIds: [s.ids.dept('fgw')] }));
    expect(assigned.status).toBe('assigned');
    // Three months from assignment, to the end of that day (Beijing).
    expect(new Date(assigned.replyDeadline).toISOString()).toBe('2026-06-02T15:59:59.999Z');
    // The deputy sees it in their own list; another deputy does not.
    expect((await s.deputy1.get('/api/suggestions')).body.items.map((i: any) => i.id)).toContain(sug.id);
    expect((await s.deputy2.get(`/api/suggestions/${sug.id}`)).status).toBe(404);
    // A unit not assigned does not see it.
    expect((await s.zrjHandler.get(`/api/suggestions/${sug.id}`)).status).toBe(404);

    await ok(s.zjjHandler.post(`/api/suggestions/${sug.id}/sign`, {}));
    const both = await ok(s.fgwHandler.post(`/api/suggestions/${sug.id}/sign`, {}));
    expect(both.status).toBe('handling');

    // No reply before 见面沟通.
    const reply = { docNumber: '衡住建函〔2026〕12号', class: 'C', body: '已列入明年计划。', promise: '2027 年完成 50 个小区加装电梯', promiseDue: '2027-12-31' };
    const early = await s.zjjHandler.post(`/api/suggestions/${sug.id}/reply`, reply);
    expect([early.status, early.body.error.code]).toEqual([409, 'SUGGESTION_MEETING_REQUIRED']);
    expect(early.body.error.message).toContain('见面沟通');
    await ok(s.zjjHandler.post(`/api/suggestions/${sug.id}/meet`, meeting));
    // C without a promise is refused and writes nothing.
    const noPromise = await s.zjjHandler.post(`/api/suggestions/${sug.id}/reply`, { ...reply, promise: null });
    expect(noPromise.body.error.code).toBe('SUGGESTION_PROMISE_REQUIRED');
    expect((await s.zjjHandler.post(`/api/suggestions/${sug.id}/reply`, { ...reply, promiseDue: '2026-03-01' })).body.error.code).toBe('SUGGESTION_PROMISE_DUE_PAST');
    expect(await rt.deps.database.db.selectFrom('suggestion_letters').select('id').where('suggestion_id', '=', sug.id).execute()).toHaveLength(0);

    const replied = await ok(s.zjjHandler.post(`/api/suggestions/${sug.id}/reply`, reply));
    expect(replied).toMatchObject({ status: 'countersigning', class: 'C', isLate: false });
    expect(replied.letters[0]).toMatchObject({ docNumber: '衡住建函〔2026〕12号', class: 'C', sentAt: null });
    // Not yet the proposer's turn.
    expect((await s.deputy1.post(`/api/suggestions/${sug.id}/rate`, { rating: 'satisfied' })).body.error.code).toBe('SUGGESTION_STATE');
    const signed = await ok(s.fgwHandler.post(`/api/suggestions/${sug.id}/countersign`, { opinion: '同意' }));
    expect(signed.status).toBe('awaiting_rating');
    expect(signed.letters[0].countersigns).toEqual([expect.objectContaining({ departmentName: '市发展和改革委员会', opinion: '同意' })]);
    // The C promise is now a supervised item (督办事项), linked both ways.
    expect(signed.promiseItemId).toEqual(expect.any(Number));
    expect(signed.events.find((e: any) => e.type === 'suggestion.promise_tracked').payload).toMatchObject({ itemId: signed.promiseItemId, promiseDue: '2027-12-31' });
    const item = await rt.deps.database.db.selectFrom('items').selectAll().where('id', '=', signed.promiseItemId).executeTakeFirstOrThrow();
    expect(item).toMatchObject({ origin_type: 'suggestion', origin_id: sug.id, source_kind: 'suggestion', source_ref: '第十七届人大第五次会议第 100 号', lead_department_id: s.ids.dept('zjj'), end_date: '2027-12-31' });
    expect((await s.supervisor.get(`/api/items/${signed.promiseItemId}`)).status).toBe(200);

    // The .docx letter.
    const docx = await rt.app.inject({ method: 'GET', url: `/api/suggestions/${sug.id}/letters/${signed.letters[0].id}/docx`, headers: { cookie: s.zjjHandler.headers.cookie } });
    expect(docx.statusCode).toBe(200);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');

    // Only the proposer rates.
    const byUnit = await s.zjjHandler.post(`/api/suggestions/${sug.id}/rate`, { rating: 'satisfied' });
    expect([byUnit.status, byUnit.body.error.code]).toEqual([403, 'SUGGESTION_NOT_PROPOSER']);
    const bySupervisor = await s.supervisor.post(`/api/suggestions/${sug.id}/rate`, { rating: 'satisfied' });
    expect(bySupervisor.body.error.code).toBe('SUGGESTION_NOT_PROPOSER');
    const rated = await ok(s.deputy1.post(`/api/suggestions/${sug.id}/rate`, { rating: 'basically', comment: '希望抓紧落实' }));
    expect(rated).toMatchObject({ status: 'closed', rating: 'basically' });

    // Public page: masked proposer, the letter.
    const pub = (await rt.app.inject({ method: 'GET', url: `/api/public/suggestions/${sug.id}` })).json();
    expect(pub.proposers[0]).toMatch(/^.\*+代表$/);
    expect(pub.letters[0].docNumber).toBe('衡住建函〔2026〕12号');

    const range = { from: new Date('2026-01-01T00:00:00+08:00'), to: new Date('2027-01-01T00:00:00+08:00') };
    expect(await replyTimeliness(rt.deps.database.db, range)).toContainEqual({ departmentId: s.ids.dept('zjj'), month: '2026-03', replied: 1, onTime: 1, late: 0 });
    expect(await proposerSatisfaction(rt.deps.database.db, range)).toContainEqual({ departmentId: s.ids.dept('zjj'), month: '2026-03', satisfied: 0, basically: 1, unsatisfied: 0 });
    expect((await verifySuggestionChains(rt.deps.database.db)).firstBroken).toBeNull();
  });

  it('accepts a reply past the limit and marks it late; an extension once; 不满意 gives one re-handling round, then final', async () => {
    const sug = await register(s.supervisor, s.deputy2);
    await ok(s.supervisor.post(`/api/suggestions/${sug.id}/assign`, { mode: 'split', leadDepartmentIds: [s.ids.dept('zjj'), s.ids.dept('zrj')], coDepartmentIds: [] }));
    await ok(s.zjjHandler.post(`/api/suggestions/${sug.id}/sign`, {}));
    await ok(s.zrjHandler.post(`/api/suggestions/${sug.id}/sign`, {}));
    await ok(s.zjjHandler.post(`/api/suggestions/${sug.id}/request-extension`, { reason: '涉及多部门协调' }));
    expect((await s.zrjHandler.post(`/api/suggestions/${sug.id}/request-extension`, { reason: 'x' })).body.error.code).toBe('SUGGESTION_EXTENSION_USED');
    const approved = await ok(s.supervisor.post(`/api/suggestions/${sug.id}/decide-extension`, { approved: true, reason: '同意' }));
    expect(new Date(approved.replyDeadline).toISOString()).toBe('2026-09-02T15:59:59.999Z');
    await ok(s.zjjHandler.post(`/api/suggestions/${sug.id}/meet`, meeting));
    const first = await ok(s.zjjHandler.post(`/api/suggestions/${sug.id}/reply`, { docNumber: '衡住建函〔2026〕20号', class: 'A', body: '已解决。' }));
    expect(first.status).toBe('handling');
    rt.clock.advanceDays(200);
    await ok(s.zrjHandler.post(`/api/suggestions/${sug.id}/meet`, { ...meeting, metOn: '2026-09-10' }));
    const late = await ok(s.zrjHandler.post(`/api/suggestions/${sug.id}/reply`, { docNumber: '衡自然资函〔2026〕3号', class: 'D', body: '留作参考。' }));
    expect(late).toMatchObject({ status: 'awaiting_rating', isLate: true });
    expect(late.letters.map((l: any) => l.isLate)).toEqual([false, true]);

    expect((await s.deputy2.post(`/api/suggestions/${sug.id}/rate`, { rating: 'unsatisfied', comment: '' })).body.error.code).toBe('SUGGESTION_RATING_COMMENT_REQUIRED');
    const redo = await ok(s.deputy2.post(`/api/suggestions/${sug.id}/rate`, { rating: 'unsatisfied', comment: '未实质解决' }));
    expect(redo).toMatchObject({ status: 'handling', round: 2 });
    // Round 2 needs a new 见面沟通.
    expect((await s.zjjHandler.post(`/api/suggestions/${sug.id}/reply`, { docNumber: 'x2', class: 'A', body: '再次答复' })).body.error.code).toBe('SUGGESTION_MEETING_REQUIRED');
    for (const [c, doc] of [[s.zjjHandler, '衡住建函〔2026〕40号'], [s.zrjHandler, '衡自然资函〔2026〕9号']] as const) {
      await ok(c.post(`/api/suggestions/${sug.id}/meet`, { ...meeting, metOn: '2026-09-20' }));
      await ok(c.post(`/api/suggestions/${sug.id}/reply`, { docNumber: doc, class: 'A', body: '再次答复：已解决。' }));
    }
    const final = await ok(s.deputy2.post(`/api/suggestions/${sug.id}/rate`, { rating: 'unsatisfied', comment: '仍不满意' }));
    expect(final).toMatchObject({ status: 'closed', round: 2, rating: 'unsatisfied' });
    expect((await verifySuggestionChains(rt.deps.database.db)).firstBroken).toBeNull();
  });

  it('refuses a number used twice in one session, and the wrong people, writing nothing', async () => {
    const a = await register(s.supervisor, s.deputy1, { number: 900 });
    const again = await s.supervisor.post('/api/suggestions', {
      kind: 'deputy', term: 17, sessionNo: 5, number: 900, title: 't', body: 'b', category: 'c', proposers: [{ name: 'x', userId: s.deputy1.user.id }],
    });
    expect([again.status, again.body.error.code]).toEqual([409, 'SUGGESTION_NUMBER_TAKEN']);
    // The same number in another body (政协) or session is a different suggestion.
    await register(s.supervisor, s.deputy1, { number: 900, kind: 'cppcc' });
    const valid = { kind: 'deputy', term: 17, sessionNo: 5, number: 950, title: 't', body: 'b', category: 'c', proposers: [{ name: 'x' }] };
    expect((await s.zjjHandler.post('/api/suggestions', valid)).status).toBe(403);
    expect((await s.deputy1.post(`/api/suggestions/${a.id}/assign`, { mode: 'lead', leadDepartmentIds: [1] })).status).toBe(403);
    const proposerNotDeputy = await s.supervisor.post('/api/suggestions', {
      kind: 'deputy', term: 17, sessionNo: 5, number: 901, title: 't', body: 'b', category: 'c', proposers: [{ name: 'x', userId: s.zjjHandler.user.id }],
    });
    expect(proposerNotDeputy.body.error.code).toBe('SUGGESTION_PROPOSER_INVALID');
    const count = await rt.deps.database.db.selectFrom('suggestions').select('id').where('number', '=', 901).execute();
    expect(count).toHaveLength(0);
    // Summary: units see their own row; a deputy may not.
    expect((await s.deputy1.get('/api/suggestions/summary?year=2026')).status).toBe(403);
    const mine = (await s.zjjHandler.get('/api/suggestions/summary?year=2026')).body.units;
    expect(mine.every((u: any) => u.departmentId === s.ids.dept('zjj'))).toBe(true);
    const xlsx = await rt.app.inject({ method: 'GET', url: '/api/suggestions/summary.xlsx?year=2026', headers: { cookie: s.supervisor.headers.cookie } });
    expect(xlsx.statusCode).toBe(200);
  });
});
