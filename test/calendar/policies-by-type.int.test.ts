import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type Client } from '../kit/http.js';
import { orgIds, sampleCase } from '../kit/org.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';

// Time-limit policies by case type × category × urgency: the most specific current policy applies, the built-in
// limit of the case's type where none matches, and open deadlines are recomputed with the case's own type.

let rt: TestRuntime;
let admin: Client, intake: Client;
let ids: Awaited<ReturnType<typeof orgIds>>;
let consult: number, complaint: number, other: number;
let category: number;

const day = (d: string) => `2026-11-${d}T09:30:00.000Z`; // 17:30 Beijing, the close of a working day
const replyDeadline = async (id: number) => {
  const row = await rt.deps.database.db.selectFrom('assignments').select('reply_deadline').where('case_id', '=', id).where('role', '=', 'lead').executeTakeFirstOrThrow();
  return row.reply_deadline?.toISOString();
};
const policy = (categoryId: number | null, caseType: string | null, replyDays: number) => ({
  categoryId, caseType, urgency: 'normal', sign: { value: 1, unit: 'days' }, opinion: { value: 3, unit: 'days' },
  reply: { value: replyDays, unit: 'days' }, rating: { value: 5, unit: 'days' }, warningShare: 0.8,
});

beforeAll(async () => {
  rt = await testRuntime('2026-11-02T09:00:00+08:00'); // a Monday
  [admin, intake] = await Promise.all(['admin', 'intake'].map((u) => loginAs(rt.app, u)));
  ids = await orgIds(intake);
  category = ids.category('approval.construction_permit'); // a complaint-kind category
  const dispatch = { dispatch: { leadDepartmentId: ids.dept('zjj'), coDepartmentIds: [] } };
  const make = async (extra: Record<string, unknown>, categoryId = category) => {
    const r = await intake.post('/api/cases', { ...sampleCase(categoryId, extra), ...dispatch });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.id as number;
  };
  consult = await make({ caseType: 'consultation', title: '施工许可办理流程咨询' });
  complaint = await make({ caseType: 'complaint' });
  other = await make({ caseType: 'consultation', title: '项目审批材料咨询' }, ids.category('approval.project'));
});
afterAll(() => rt.close());

describe('time-limit policies by case type', () => {
  it('without policies a 咨询 at the desk gets its type limit (3 working days), a 投诉 15', async () => {
    expect(await replyDeadline(consult)).toBe(day('05'));
    expect(await replyDeadline(complaint)).toBe(day('23'));
    const r = await admin.get('/api/policies');
    expect(r.body.replyDaysByType).toContainEqual({ caseType: 'consultation', days: 3 });
    expect(r.body.defaults.reply).toContain('咨询 3');
  });

  it('a policy for one type applies to that type in every category and recomputes open deadlines', async () => {
    const r = await admin.post('/api/policies', policy(null, 'consultation', 2));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.recompute.casesChanged).toBe(2);
    expect(await replyDeadline(consult)).toBe(day('04'));
    expect(await replyDeadline(other)).toBe(day('04'));
    expect(await replyDeadline(complaint)).toBe(day('23'));
  });

  it("a category's own policy beats the type's; category and type together beat both", async () => {
    expect((await admin.post('/api/policies', policy(category, null, 10))).status).toBe(200);
    expect(await replyDeadline(consult)).toBe(day('16'));
    expect(await replyDeadline(complaint)).toBe(day('16'));
    expect(await replyDeadline(other)).toBe(day('04')); // another category keeps the type's policy
    expect((await admin.post('/api/policies', policy(category, 'consultation', 4))).status).toBe(200);
    expect(await replyDeadline(consult)).toBe(day('06'));
    expect(await replyDeadline(complaint)).toBe(day('16'));
    const current = (await admin.get('/api/policies')).body.current as { categoryId: number | null; caseType: string | null }[];
    expect(current.map((p) => [p.categoryId, p.caseType])).toEqual(expect.arrayContaining([[null, 'consultation'], [category, null], [category, 'consultation']]));
  });

  it('keeps a version history per (category, type, urgency) and deletes one without touching the others', async () => {
    expect((await admin.post('/api/policies', policy(category, 'consultation', 5))).status).toBe(200);
    const h = await admin.get(`/api/policies/history?categoryId=${category}&caseType=consultation&urgency=normal`);
    expect(h.body.items.map((p: { version: number }) => p.version)).toEqual([2, 1]);
    const own = await admin.get(`/api/policies/history?categoryId=${category}&urgency=normal`);
    expect(own.body.items).toHaveLength(1);
    const d = await admin.post('/api/policies/delete', { categoryId: category, caseType: 'consultation', urgency: 'normal' });
    expect(d.status, JSON.stringify(d.body)).toBe(200);
    expect(await replyDeadline(consult)).toBe(day('16')); // back to the category's policy
    expect((await admin.post('/api/policies/delete', { categoryId: category, caseType: 'consultation', urgency: 'normal' })).body.error.code).toBe('POLICY_NOT_FOUND');
  });

  it('a calendar change recomputes with the case type, not the category kind', async () => {
    expect((await admin.post('/api/policies/delete', { categoryId: category, caseType: null, urgency: 'normal' })).status).toBe(200);
    expect((await admin.post('/api/policies/delete', { categoryId: null, caseType: 'consultation', urgency: 'normal' })).status).toBe(200);
    expect(await replyDeadline(consult)).toBe(day('05'));
    const r = await admin.post('/api/calendar/days', { date: '2026-11-04', kind: 'holiday', name: '测试调整' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(await replyDeadline(consult)).toBe(day('06'));
    expect(await replyDeadline(complaint)).toBe(day('24'));
  });

  it('refuses an unknown type with a stable code and writes nothing', async () => {
    const before = await rt.deps.database.db.selectFrom('time_limit_policies').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const r = await admin.post('/api/policies', policy(null, 'gossip', 3));
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('VALIDATION_FAILED');
    expect((await admin.get('/api/policies/history?caseType=gossip&urgency=normal')).status).toBe(400);
    const after = await rt.deps.database.db.selectFrom('time_limit_policies').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
