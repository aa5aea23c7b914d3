import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChains } from '../../src/server/modules/audit/verify-chains.js';
import { loginAs } from '../kit/http.js';
import { orgIds, sampleCase } from '../kit/org.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';

// 回访: the queue of phone cases awaiting rating, unanswered attempts, a reached call that rates the case through
// the lifecycle's rate command (linked to its case.rated event), the valid-follow-up rule, and who may do it.

let rt: TestRuntime;
let intake: Awaited<ReturnType<typeof loginAs>>;
let supervisor: Awaited<ReturnType<typeof loginAs>>;

beforeAll(async () => {
  rt = await testRuntime();
  intake = await loginAs(rt.app, 'intake');
  supervisor = await loginAs(rt.app, 'supervisor');
});
afterAll(() => rt.close());

/** A case registered by the desk (channel hotline unless told), dispatched to zjj, replied and approved. */
async function awaitingRating(extra: Record<string, unknown> = {}): Promise<number> {
  const ids = await orgIds(intake);
  const c = await intake.post('/api/cases', { ...sampleCase(ids.category('approval.construction_permit'), extra), dispatch: { leadDepartmentId: ids.dept('zjj'), coDepartmentIds: [] } });
  if (c.status !== 201) throw new Error(JSON.stringify(c.body));
  const handler = await loginAs(rt.app, 'zjj-handler');
  for (const [client, cmd, body] of [[handler, 'sign', {}], [handler, 'reply', { text: '已协调办结。' }], [supervisor, 'approve-reply', {}]] as const) {
    const r = await client.post(`/api/cases/${c.body.id}/${cmd}`, body);
    if (r.status !== 200) throw new Error(`${cmd}: ${JSON.stringify(r.body)}`);
  }
  return c.body.id;
}

const queue = async (state = 'open') => (await intake.get(`/api/followups/queue?state=${state}`)).body.items as any[];

describe('follow-up calls', () => {
  it('rates a reached call through the rate command and links the call to the case.rated event', async () => {
    const id = await awaitingRating();
    expect((await queue()).find((i) => i.caseId === id)).toMatchObject({ state: 'due', attempts: 0, channel: 'hotline', submitterPhone: '13800138000', replyText: '已协调办结。' });
    const r = await intake.post(`/api/cases/${id}/followups`, { outcome: 'reached', rating: 'satisfied', callerWords: '问题解决了，谢谢' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ caseId: id, outcome: 'reached', rating: 'satisfied', callerWords: '问题解决了，谢谢', isValid: true, failureReason: null });
    const { db } = rt.deps.database;
    const ev = await db.selectFrom('case_events').selectAll().where('id', '=', r.body.ratingEventId).executeTakeFirstOrThrow();
    expect(ev).toMatchObject({ case_id: id, type: 'case.rated', actor_role: 'intake', actor_user_id: intake.user.id });
    expect(ev.payload).toMatchObject({ rating: 'satisfied', comment: '问题解决了，谢谢' });
    const c = (await intake.get(`/api/cases/${id}`)).body;
    expect(c).toMatchObject({ status: 'closed', rating: 'satisfied', ratingComment: '问题解决了，谢谢' });
    expect((await queue('all')).some((i) => i.caseId === id)).toBe(false);
    const again = await intake.post(`/api/cases/${id}/followups`, { outcome: 'reached', rating: 'satisfied' });
    expect(again.body.error.code).toBe('FOLLOWUP_NOT_AWAITING_RATING');
    expect((await verifyChains(db)).firstBroken).toBeNull();
  });

  it('logs unanswered calls, waits before retrying, and stops after three in the round', async () => {
    const id = await awaitingRating();
    const miss = (reason: string) => intake.post(`/api/cases/${id}/followups`, { outcome: 'not_reached', failureReason: reason });
    const first = await miss('no_answer');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ outcome: 'not_reached', failureReason: 'no_answer', rating: null, ratingEventId: null, isValid: false });
    let item = (await queue()).find((i) => i.caseId === id);
    expect(item).toMatchObject({ attempts: 1, state: 'retry_later', lastFailureReason: 'no_answer' });
    rt.clock.advanceHours(2);
    expect((await queue()).find((i) => i.caseId === id).state).toBe('due');
    expect((await miss('busy')).status).toBe(201);
    expect((await miss('powered_off')).status).toBe(201);
    expect((await queue()).some((i) => i.caseId === id)).toBe(false);
    item = (await queue('exhausted')).find((i) => i.caseId === id);
    expect(item).toMatchObject({ attempts: 3, state: 'exhausted', lastFailureReason: 'powered_off' });
    const fourth = await miss('no_answer');
    expect(fourth.status).toBe(409);
    expect(fourth.body.error.code).toBe('FOLLOWUP_ATTEMPTS_EXHAUSTED');
    // The caller rings back: a reached call is still recorded.
    const reached = await intake.post(`/api/cases/${id}/followups`, { outcome: 'reached', rating: 'basically', callerWords: '基本解决' });
    expect(reached.status).toBe(201);
    const calls = (await intake.get(`/api/cases/${id}/followups`)).body.items;
    expect(calls.map((c: any) => [c.outcome, c.isValid])).toEqual([['not_reached', false], ['not_reached', false], ['not_reached', false], ['reached', true]]);
  });

  it('records an unsatisfied rating only with the caller\'s words, and passes on a redo request', async () => {
    const id = await awaitingRating();
    const bare = await intake.post(`/api/cases/${id}/followups`, { outcome: 'reached', rating: 'unsatisfied' });
    expect(bare.status).toBe(422);
    expect(bare.body.error.code).toBe('RATING_COMMENT_REQUIRED');
    const r = await supervisor.post(`/api/cases/${id}/followups`, { outcome: 'reached', rating: 'unsatisfied', callerWords: '许可证还没拿到', wantsRedo: true });
    expect(r.status).toBe(201);
    const c = (await intake.get(`/api/cases/${id}`)).body;
    expect(c).toMatchObject({ status: 'awaiting_rating', rating: 'unsatisfied', redoRequested: true });
    expect((await queue('all')).some((i) => i.caseId === id)).toBe(false);
    expect((await intake.post(`/api/cases/${id}/followups`, { outcome: 'not_reached', failureReason: 'busy' })).body.error.code).toBe('FOLLOWUP_ALREADY_RATED');
  });

  it('refuses incomplete records, online cases and calls after the rating window', async () => {
    const id = await awaitingRating();
    expect((await intake.post(`/api/cases/${id}/followups`, { outcome: 'reached' })).body.error.code).toBe('FOLLOWUP_RATING_REQUIRED');
    expect((await intake.post(`/api/cases/${id}/followups`, { outcome: 'not_reached' })).body.error.code).toBe('FOLLOWUP_FAILURE_REASON_REQUIRED');
    expect((await intake.post(`/api/cases/${id}/followups`, { outcome: 'maybe' })).status).toBe(400);
    expect((await intake.post('/api/cases/999999/followups', { outcome: 'not_reached', failureReason: 'busy' })).status).toBe(404);
    const row = await rt.deps.database.db.selectFrom('cases').select('rating_deadline').where('id', '=', id).executeTakeFirstOrThrow();
    rt.clock.set(new Date(row.rating_deadline!.getTime() + 60_000));
    expect((await queue('all')).some((i) => i.caseId === id)).toBe(false);
    const late = await intake.post(`/api/cases/${id}/followups`, { outcome: 'reached', rating: 'satisfied' });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('FOLLOWUP_WINDOW_CLOSED');
    // A case filed online is rated online, not by phone.
    await rt.deps.database.db.updateTable('cases').set({ channel: 'web' }).where('id', '=', id).execute();
    rt.clock.set(new Date(row.rating_deadline!.getTime() - 3_600_000));
    expect((await intake.post(`/api/cases/${id}/followups`, { outcome: 'reached', rating: 'satisfied' })).body.error.code).toBe('FOLLOWUP_ONLINE_CHANNEL');
  });

  it('counts valid follow-ups for a period', async () => {
    const s = (await supervisor.get('/api/followups/stats?from=2026-01-01T00:00:00Z&to=2027-12-31T00:00:00Z')).body;
    expect(s).toMatchObject({ calls: 6, reached: 3, notReached: 3, valid: 3, byRating: { satisfied: 1, basically: 1, unsatisfied: 1 } });
    const { db } = rt.deps.database;
    const view = await db.selectFrom('valid_follow_ups').select(['id', 'rating_event_id']).execute();
    expect(view).toHaveLength(3);
    expect(view.every((v) => v.rating_event_id !== null)).toBe(true);
    const none = (await supervisor.get('/api/followups/stats?from=2025-01-01T00:00:00Z&to=2025-12-31T00:00:00Z')).body;
    expect(none).toMatchObject({ calls: 0, valid: 0 });
  });

  it.each(['admin', 'zjj-handler', 'zjj-head', 'leader'])('refuses %s (403)', async (username) => {
    const c = await loginAs(rt.app, username);
    expect((await c.get('/api/followups/queue')).status).toBe(403);
    expect((await c.post('/api/cases/1/followups', { outcome: 'not_reached', failureReason: 'busy' })).status).toBe(403);
    expect((await c.get('/api/cases/1/followups')).status).toBe(403);
    expect((await c.get('/api/followups/stats?from=2026-01-01&to=2027-01-01')).status).toBe(403);
  });

  it('refuses anonymous callers (401)', async () => {
    expect((await rt.app.inject({ method: 'GET', url: '/api/followups/queue' })).statusCode).toBe(401);
    expect((await rt.app.inject({ method: 'POST', url: '/api/cases/1/followups', payload: { outcome: 'not_reached', failureReason: 'busy' } })).statusCode).toBe(401);
  });
});
