import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type Client } from '../kit/http.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';
import { caseIdOfCode, goodSubmission, publicGet, publicIds, publicPost, submit, toAwaitingRating, type PublicCategoryIds } from './kit.js';

let rt: TestRuntime;
let ids: PublicCategoryIds;
let intake: Client;
let handler: Client;
let supervisor: Client;
let staffNames: string[];

beforeAll(async () => {
  rt = await testRuntime();
  ids = await publicIds(rt.app);
  intake = await loginAs(rt.app, 'intake');
  handler = await loginAs(rt.app, 'zjj-handler');
  supervisor = await loginAs(rt.app, 'supervisor');
  staffNames = (await supervisor.get('/api/users')).body.items.map((u: any) => u.displayName).filter((n: string) => n.length > 1);
});
afterAll(async () => rt?.close());

async function submitted(description: string) {
  const r = await submit(rt.app, goodSubmission(ids.construction, { description }), `trk-${description.slice(0, 12)}-${Math.random()}`);
  expect(r.status).toBe(201);
  return { ...r.body, caseId: await caseIdOfCode(rt.app, intake, r.body.code) };
}

describe('tracking link', () => {
  it('opens the submitter\'s case, masked, with the public timeline; only the hash of the token is stored', async () => {
    const s = await submitted('跟踪测试：施工许可证办理超时，材料已齐全两个月。');
    expect(s.trackingUrl).toBe(`/p/track/${s.trackingToken}`);
    const stored = await rt.deps.database.db.selectFrom('case_tracking_tokens').selectAll().where('case_id', '=', s.caseId).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0].token_hash).toBe(createHash('sha256').update(s.trackingToken).digest('hex'));
    expect(JSON.stringify(stored)).not.toContain(s.trackingToken);

    const t = await publicGet(rt.app, `/api/public/track/${s.trackingToken}`);
    expect(t.status).toBe(200);
    expect(t.body).toMatchObject({ code: s.code, status: 'submitted', statusLabel: '待受理', canRate: false, submitterName: '李**', submitterPhone: '139****1234', elapsedWorkingDays: 0 });
    expect(t.body.timeline.map((e: any) => e.label)).toEqual(['提交诉求']);
    const raw = JSON.stringify(t.body);
    expect(raw).not.toContain('13907341234');
    expect(raw).not.toContain('李明华');
    const used = await rt.deps.database.db.selectFrom('case_tracking_tokens').select('last_used_at').where('case_id', '=', s.caseId).executeTakeFirstOrThrow();
    expect(new Date(used.last_used_at!).getTime()).toBe(rt.clock.now().getTime());
  });

  it('unknown, malformed and other tokens answer the same 404', async () => {
    for (const token of ['x'.repeat(32), 'short', 'a'.repeat(99)]) {
      const r = await publicGet(rt.app, `/api/public/track/${token}`);
      expect(r.status).toBe(404);
      expect(r.body.error.code).toBe('TRACKING_NOT_FOUND');
    }
  });

  it('lookup by code + the last four phone digits gives a new link; wrong digits fail, and ten failures from several addresses close the code for an hour', async () => {
    const s = await submitted('找回测试：施工许可证办理超时，请协调处理。');
    const wrong = await publicPost(rt.app, '/api/public/track/lookup', { code: s.code, phoneLast4: '0000' });
    expect(wrong.status).toBe(404);
    expect(wrong.body.error.code).toBe('TRACKING_LOOKUP_FAILED');
    const unknown = await publicPost(rt.app, '/api/public/track/lookup', { code: 'YW20260101-ABCDEFGH', phoneLast4: '1234' });
    expect(unknown.body.error.code).toBe('TRACKING_LOOKUP_FAILED');

    const ok = await publicPost(rt.app, '/api/public/track/lookup', { code: s.code.toLowerCase(), phoneLast4: '1234' });
    expect(ok.status).toBe(200);
    expect(ok.body.trackingToken).not.toBe(s.trackingToken);
    expect((await publicGet(rt.app, ok.body.trackingUrl.replace('/p/track/', '/api/public/track/'))).body.code).toBe(s.code);

    // Issue 16: the code's own cap is ten failures an hour (one address alone cannot reach it), from any addresses.
    for (let i = 0; i < 9; i++) await publicPost(rt.app, '/api/public/track/lookup', { code: s.code, phoneLast4: String(1000 + i) });
    const locked = await publicPost(rt.app, '/api/public/track/lookup', { code: s.code, phoneLast4: '1234' });
    expect(locked.status).toBe(404);
    rt.clock.advanceHours(1.1);
    expect((await publicPost(rt.app, '/api/public/track/lookup', { code: s.code, phoneLast4: '1234' })).status).toBe(200);
  });

  it('one address cannot close a code for everyone: it is held back itself (429), the submitter still gets in', async () => {
    const s = await submitted('找回滥用测试：施工许可证办理超时，请协调处理。');
    const attacker = '10.201.0.1';
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      statuses.push((await publicPost(rt.app, '/api/public/track/lookup', { code: s.code, phoneLast4: String(2000 + i) }, attacker)).status);
      rt.clock.advanceHours(0.02);
    }
    expect(statuses.slice(0, 5)).toEqual(Array(5).fill(404));
    expect(statuses.slice(5)).toContain(429);
    const held = await publicPost(rt.app, '/api/public/track/lookup', { code: s.code, phoneLast4: '1234' }, attacker);
    expect(held.status).toBe(429);
    expect(held.body.error.details.retryAfterSeconds).toBeGreaterThan(0);
    expect((await publicPost(rt.app, '/api/public/track/lookup', { code: s.code, phoneLast4: '1234' }, '10.201.0.2')).status).toBe(200);
    const rows = await rt.deps.database.db.selectFrom('failure_throttle' as any).selectAll().where('key', '=', `lookup:code:${s.code}`).execute();
    expect(rows).toHaveLength(1);
  });

  it('more than ten lookups from one address in ten minutes are refused (429)', async () => {
    const statuses: number[] = [];
    // A different code each time: the same code from one address is held back after five failures (previous test).
    for (let i = 0; i < 11; i++) statuses.push((await publicPost(rt.app, '/api/public/track/lookup', { code: `YW20260101-ABCDEF${String.fromCharCode(65 + i)}H`, phoneLast4: '1234' }, '10.200.0.1')).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(404));
    expect(statuses[10]).toBe(429);
  });
});

describe('the private page and official numbers', () => {
  it('keeps the unit service number in the reply, masks the submitter phone in the reply and in their own words', async () => {
    const s = await submitted('我的电话13912341234，施工许可证办理超时，材料已齐全。');
    await toAwaitingRating({ intake, handler, supervisor }, s.caseId, '已办结。如有疑问请拨打我局服务电话0734-8888888，或拨打12345。已电话联系您（13907341234）。');
    const t = (await publicGet(rt.app, `/api/public/track/${s.trackingToken}`)).body;
    expect(t.replyText).toContain('0734-8888888');
    expect(t.replyText).toContain('12345');
    expect(t.replyText).not.toContain('13907341234');
    // A forwarded link shows little: the submitter's own text is masked too (public-output-scan holds every public GET).
    expect(t.description).not.toContain('13912341234');
    expect(t.description).toContain('施工许可证办理超时');
    expect(t.submitterPhone).toBe('139****1234');
  });
});

describe('rating from the tracking link', () => {
  it('shows the reply (masked) and the departments, no staff names; 满意 closes the case; a second rating is refused', async () => {
    const s = await submitted('评价测试：施工许可证办理超时，材料已齐全。');
    await toAwaitingRating({ intake, handler, supervisor }, s.caseId);
    const url = `/api/public/track/${s.trackingToken}`;
    const t = (await publicGet(rt.app, url)).body;
    expect(t).toMatchObject({ status: 'awaiting_rating', statusLabel: '待评价', canRate: true, canRequestRedo: true, departments: ['市住房和城乡建设局'] });
    expect(t.replyText).toContain('139****1234');
    expect(t.replyText).toContain('李**');
    expect(t.timeline.map((e: any) => e.label)).toEqual(['提交诉求', '已受理', '已派单', '承办单位已签收', '承办单位已答复，等待审核', '答复已审核，请您评价']);
    expect(t.timeline.find((e: any) => e.label === '已派单').department).toBe('市住房和城乡建设局');
    const raw = JSON.stringify(t);
    for (const name of staffNames) expect(raw).not.toContain(name);

    const noComment = await publicPost(rt.app, `${url}/rate`, { rating: 'unsatisfied', comment: ' ' });
    expect(noComment.status).toBe(422);
    expect(noComment.body.error.code).toBe('RATING_COMMENT_REQUIRED');

    const rated = await publicPost(rt.app, `${url}/rate`, { rating: 'satisfied', comment: '办得很快，谢谢' });
    expect(rated.status).toBe(200);
    expect(rated.body).toMatchObject({ status: 'closed', statusLabel: '已办结', rating: 'satisfied', ratingLabel: '满意', canRate: false });
    const events = await rt.deps.database.db.selectFrom('case_events').select(['type', 'actor_role', 'actor_user_id']).where('case_id', '=', s.caseId).orderBy('seq').execute();
    expect(events.slice(-2)).toEqual([
      { type: 'case.rated', actor_role: 'submitter', actor_user_id: null },
      { type: 'case.closed', actor_role: 'submitter', actor_user_id: null },
    ]);
    const again = await publicPost(rt.app, `${url}/rate`, { rating: 'basically' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('PORTAL_RATING_NOT_OPEN');
  });

  it('rating before the reply is approved is refused', async () => {
    const s = await submitted('过早评价测试：施工许可证办理超时。');
    const r = await publicPost(rt.app, `/api/public/track/${s.trackingToken}/rate`, { rating: 'satisfied' });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('PORTAL_RATING_NOT_OPEN');
  });

  it('不满意 with a redo request waits for the supervisor; after one redo a second request is refused', async () => {
    const s = await submitted('重办测试：施工许可证办理超时，答复敷衍。');
    await toAwaitingRating({ intake, handler, supervisor }, s.caseId);
    const url = `/api/public/track/${s.trackingToken}`;
    const r1 = await publicPost(rt.app, `${url}/rate`, { rating: 'unsatisfied', comment: '问题没有解决，许可证仍未拿到', wantsRedo: true });
    expect(r1.status).toBe(200);
    expect(r1.body).toMatchObject({ status: 'awaiting_rating', rating: 'unsatisfied', redoRequested: true, canRate: false });
    const staffView = (await supervisor.get(`/api/cases/${s.caseId}`)).body;
    expect(staffView.redoRequested).toBe(true);
    expect(staffView.allowedActions).toContain('redo');

    // The supervisor decides: redo. The department handles it again.
    expect((await supervisor.post(`/api/cases/${s.caseId}/redo`, { reason: '诉求人不满意，要求重办' })).status).toBe(200);
    const mid = (await publicGet(rt.app, url)).body;
    expect(mid).toMatchObject({ status: 'dispatched', rating: null, canRate: false });
    expect(mid.timeline.map((e: any) => e.label)).toContain('重新办理');
    for (const [client, cmd, body] of [[handler, 'sign', {}], [handler, 'reply', { text: '已重新核查并办结许可证。' }], [supervisor, 'approve-reply', {}]] as const) {
      expect((await client.post(`/api/cases/${s.caseId}/${cmd}`, body)).status).toBe(200);
    }
    const second = (await publicGet(rt.app, url)).body;
    expect(second).toMatchObject({ status: 'awaiting_rating', canRate: true, canRequestRedo: false });
    const refused = await publicPost(rt.app, `${url}/rate`, { rating: 'unsatisfied', comment: '还是不满意', wantsRedo: true });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('PORTAL_REDO_NOT_AVAILABLE');
    const plain = await publicPost(rt.app, `${url}/rate`, { rating: 'unsatisfied', comment: '还是不满意' });
    expect(plain.body).toMatchObject({ status: 'awaiting_rating', rating: 'unsatisfied', redoRequested: false });
    // Now the supervisor closes it (no second redo is possible).
    expect((await supervisor.get(`/api/cases/${s.caseId}`)).body.allowedActions).not.toContain('redo');
    expect((await supervisor.post(`/api/cases/${s.caseId}/close`, { reason: '已重办一次' })).status).toBe(200);
    expect((await publicGet(rt.app, url)).body.status).toBe('closed');
  });

  it('counts elapsed working days on the calendar', async () => {
    const s = await submitted('工作日测试：施工许可证办理超时，请协调。');
    rt.clock.advanceDays(7);
    const t = (await publicGet(rt.app, `/api/public/track/${s.trackingToken}`)).body;
    expect(t.elapsedWorkingDays).toBe(rt.deps.calendar.calendar.workingDaysBetween(new Date(t.createdAt), rt.clock.now()));
    expect(t.elapsedWorkingDays).toBeGreaterThanOrEqual(4);
    expect(t.elapsedWorkingDays).toBeLessThanOrEqual(5);
  });
});
