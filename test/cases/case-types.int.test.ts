import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type Client } from '../kit/http.js';
import { orgIds, sampleCase } from '../kit/org.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';
import { verifyRows } from '../../src/server/modules/audit/verify-rows.js';

// 诉求类型 drives the reply time limit: a 咨询 registered at the desk under a complaint-kind category gets 3 working
// days, not the category's 15; the type is on every list, filterable, and the row is reproduced from its events.

let rt: TestRuntime;
let intake: Client;
let ids: Awaited<ReturnType<typeof orgIds>>;

beforeAll(async () => {
  rt = await testRuntime('2026-11-02T09:00:00+08:00'); // a Monday
  intake = await loginAs(rt.app, 'intake');
  ids = await orgIds(intake);
});
afterAll(() => rt.close());

const dispatchTo = () => ({ dispatch: { leadDepartmentId: ids.dept('zjj'), coDepartmentIds: [] } });

describe('case types', () => {
  it('a 咨询 typed at the desk gets 3 working days; left out, the category kind (15) applies', async () => {
    const category = ids.category('approval.construction_permit');
    const kind = (await rt.deps.database.db.selectFrom('categories').select('kind').where('id', '=', category).executeTakeFirstOrThrow()).kind;
    expect(kind).not.toBe('consultation');
    const typed = await intake.post('/api/cases', { ...sampleCase(category), caseType: 'consultation', ...dispatchTo() });
    expect(typed.status).toBe(201);
    expect(typed.body.caseType).toBe('consultation');
    // Monday 2 Nov + 3 working days → Thursday 5 Nov, close of working hours (17:30 Beijing).
    expect(typed.body.replyDeadline).toBe('2026-11-05T09:30:00.000Z');
    const created = typed.body.events.find((e: any) => e.type === 'case.created');
    expect(created.payload.caseType).toBe('consultation');

    const untyped = await intake.post('/api/cases', { ...sampleCase(category, { title: '另一件施工许可超时' }), ...dispatchTo() });
    expect(untyped.body.caseType).toBe(kind);
    expect(new Date(untyped.body.replyDeadline).getTime()).toBeGreaterThan(new Date(typed.body.replyDeadline).getTime());
  });

  it('refuses an unknown type with a stable code and writes nothing', async () => {
    const before = await rt.deps.database.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const r = await intake.post('/api/cases', { ...sampleCase(ids.category('approval.construction_permit')), caseType: 'gossip' });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('VALIDATION_FAILED');
    const after = await rt.deps.database.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('lists the type and filters by it', async () => {
    const all = (await intake.get('/api/cases?view=all&limit=100')).body.items as any[];
    expect(all.every((c) => typeof c.caseType === 'string')).toBe(true);
    const consultations = (await intake.get('/api/cases?view=all&caseType=consultation')).body.items as any[];
    expect(consultations.length).toBe(1);
    expect(consultations[0].caseType).toBe('consultation');
    expect((await intake.get('/api/cases?view=all&caseType=nonsense')).status).toBe(400);
  });

  it('audit verify reproduces the case_type column from the events', async () => {
    expect((await verifyRows(rt.deps.database.db)).casesMismatched).toBe(0);
    await rt.deps.database.db.updateTable('cases').set({ case_type: 'praise' }).where('case_type', '=', 'consultation').execute();
    const report = await verifyRows(rt.deps.database.db);
    expect(report.casesMismatched).toBe(1);
    expect(report.mismatches.some((m) => m.field === 'case_type')).toBe(true);
  });
});
