import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type Client } from '../kit/http.js';
import { orgIds, sampleCase } from '../kit/org.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';

// Across the 2024 National Day holiday (10-01…10-07 off, 09-29 Sun and 10-12 Sat worked), with the calendar from the database.
let rt: TestRuntime;
let admin: Client, intake: Client, handler: Client;
let ids: Awaited<ReturnType<typeof orgIds>>;
let caseId: number;

const beijing = (d: Date | null) => (d ? new Date(d.getTime() + 8 * 3_600_000).toISOString().replace('.000Z', '+08:00') : null);
const assignments = () => rt.deps.database.db.selectFrom('assignments').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
const recomputedEvents = () => rt.deps.database.db.selectFrom('case_events').selectAll().where('case_id', '=', caseId).where('type', '=', 'case.deadlines_recomputed').orderBy('seq').execute();

beforeAll(async () => {
  rt = await testRuntime('2024-09-30T10:00:00+08:00');
  [admin, intake, handler] = await Promise.all(['admin', 'intake', 'zjj-handler'].map((u) => loginAs(rt.app, u)));
  ids = await orgIds(intake);
  const created = await intake.post('/api/cases', sampleCase(ids.category('approval.construction_permit')));
  caseId = created.body.id;
  const r = await intake.post(`/api/cases/${caseId}/dispatch`, { leadDepartmentId: ids.dept('zjj'), coDepartmentIds: [ids.dept('xzsp')] });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
});
afterAll(() => rt.close());

describe('deadlines across the 2024 National Day holiday', () => {
  it('were computed on the database calendar at dispatch', async () => {
    const [lead, co] = await assignments();
    expect(beijing(lead.sign_deadline)).toBe('2024-10-08T17:30:00+08:00');
    expect(beijing(co.opinion_deadline)).toBe('2024-10-10T17:30:00+08:00');
    // 15 working days from 09-30: 10-08…10-12 (5, with the make-up Saturday), 10-14…10-18, 10-21…10-25.
    expect(beijing(lead.reply_deadline)).toBe('2024-10-25T17:30:00+08:00');
  });

  it('move when an admin adds a day off, with a deadlines_recomputed event by the system', async () => {
    const r = await admin.post('/api/calendar/days', { date: '2024-10-08', kind: 'holiday', name: '测试调整' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.recompute).toEqual({ casesChanged: 1, assignmentsChanged: 2 });
    const [lead, co] = await assignments();
    expect(beijing(lead.sign_deadline)).toBe('2024-10-09T17:30:00+08:00');
    expect(beijing(co.opinion_deadline)).toBe('2024-10-11T17:30:00+08:00');
    expect(beijing(lead.reply_deadline)).toBe('2024-10-28T17:30:00+08:00');
    const row = await rt.deps.database.db.selectFrom('cases').select('reply_deadline').where('id', '=', caseId).executeTakeFirstOrThrow();
    expect(beijing(row.reply_deadline)).toBe('2024-10-28T17:30:00+08:00');
    const [event] = await recomputedEvents();
    expect(event.actor_role).toBe('system');
    expect(event.actor_user_id).toBeNull();
    expect(event.payload).toMatchObject({
      reason: '修改工作日历 2024-10-08',
      changes: expect.arrayContaining([{ assignmentId: lead.id, field: 'signDeadline', from: '2024-10-08T09:30:00.000Z', to: '2024-10-09T09:30:00.000Z' }]),
    });
    // The chain still verifies.
    expect((await handler.get(`/api/cases/${caseId}`)).status).toBe(200);
  });

  it('follow a new time-limit policy, versioned, and leave an extended reply deadline alone', async () => {
    const category = ids.category('approval.construction_permit');
    const policy = (replyDays: number) => ({
      categoryId: category, urgency: 'normal', sign: { value: 4, unit: 'hours' }, opinion: { value: 2, unit: 'days' },
      reply: { value: replyDays, unit: 'days' }, rating: { value: 3, unit: 'days' }, warningShare: 0.75,
    });
    let r = await admin.post('/api/policies', policy(10));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    let [lead, co] = await assignments();
    // 4 working hours from 09-30 10:00: 10:00–12:00, 14:30–16:30.
    expect(beijing(lead.sign_deadline)).toBe('2024-09-30T16:30:00+08:00');
    expect(beijing(co.opinion_deadline)).toBe('2024-10-10T17:30:00+08:00');
    expect(beijing(lead.reply_deadline)).toBe('2024-10-21T17:30:00+08:00');
    expect(rt.deps.calendar.policy.warningShare(category, 'normal')).toBe(0.75);
    expect(rt.deps.calendar.policy.warningShare(category, 'urgent')).toBe(0.8);

    r = await admin.post('/api/policies', { ...policy(12), warningShare: 'x' });
    expect(r.status).toBe(400);
    r = await admin.post('/api/policies', policy(1.5));
    expect(r.body.error.code).toBe('POLICY_INVALID');

    // The lead signs, asks for an extension and gets it: a later policy change keeps the extended date.
    await handler.post(`/api/cases/${caseId}/sign`);
    const until = '2024-11-20T17:30:00+08:00';
    expect((await handler.post(`/api/cases/${caseId}/request-extension`, { until, reason: '需现场核查' })).status).toBe(200);
    const sup = await loginAs(rt.app, 'supervisor');
    expect((await sup.post(`/api/cases/${caseId}/approve-extension`)).status).toBe(200);

    r = await admin.post('/api/policies', policy(12));
    expect(r.status).toBe(200);
    [lead, co] = await assignments();
    expect(beijing(lead.reply_deadline)).toBe('2024-11-20T17:30:00+08:00');
    expect(beijing(co.opinion_deadline)).toBe('2024-10-10T17:30:00+08:00'); // the opinion limit did not change
    const history = await admin.get(`/api/policies/history?categoryId=${category}&urgency=normal`);
    expect(history.body.items.map((p: any) => [p.version, p.reply.value, p.supersededAt === null])).toEqual([[2, 12, true], [1, 10, false]]);
    expect((await handler.get(`/api/policies/history?categoryId=${category}&urgency=normal`)).status).toBe(403);

    r = await admin.post('/api/policies/delete', { categoryId: category, urgency: 'normal' });
    expect(r.status).toBe(200);
    expect((await admin.get('/api/policies')).body.current).toEqual([]);
    expect((await admin.post('/api/policies/delete', { categoryId: category, urgency: 'normal' })).body.error.code).toBe('POLICY_NOT_FOUND');
    expect((await recomputedEvents()).length).toBeGreaterThanOrEqual(3);
  });

  it('fall back to weekends only when the year is missing, and say so', async () => {
    const r = await admin.post('/api/calendar/years/2024/delete');
    expect(r.status).toBe(200);
    const [, co] = await assignments();
    // Without the 2024 notice, 10-01 … 10-04 are working days: 3 working days from 09-30 end on 10-03.
    expect(beijing(co.opinion_deadline)).toBe('2024-10-03T17:30:00+08:00');
    const cal = await handler.get('/api/calendar');
    expect(cal.body.missingYears).toContain(2024);
  });
});
