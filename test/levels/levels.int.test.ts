import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type Client } from '../kit/http.js';
import { orgIds, sampleCase } from '../kit/org.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';

// 二级派单 and 吹哨报到 through the API with the real Hengyang tree: the city dispatches to 珠晖区, which dispatches
// on to its streets; a street returns to the district; the district calls in 市场监管局; one reply ends it.
let rt: TestRuntime;
let intake: Client, supervisor: Client, district: Client, street: Client, street2: Client, otherDistrictStreet: Client, scjg: Client;
let ids: Awaited<ReturnType<typeof orgIds>>;

beforeAll(async () => {
  rt = await testRuntime();
  [intake, supervisor, district, street, street2, otherDistrictStreet, scjg] = await Promise.all(
    ['intake', 'supervisor', 'zhq-handler', 'zhq-gdl-handler', 'zhq-dfl-handler', 'yfq-xf-handler', 'scjg-handler'].map((u) => loginAs(rt.app, u)),
  );
  ids = await orgIds(intake);
});
afterAll(() => rt.close());

async function newDistrictCase(): Promise<number> {
  const created = await intake.post('/api/cases', { ...sampleCase(ids.category('approval.construction_permit')), dispatch: { leadDepartmentId: ids.dept('zhq'), coDepartmentIds: [] } });
  expect(created.status).toBe(201);
  const id = created.body.id as number;
  expect((await district.post(`/api/cases/${id}/sign`)).status).toBe(200);
  return id;
}

describe('levels (二级派单)', () => {
  it('a district dispatches on to its street, the street returns, the district re-dispatches, the street reports, the district replies', async () => {
    const id = await newDistrictCase();
    // Only the district's own streets.
    const wrong = await district.post(`/api/cases/${id}/sub-dispatch`, { leadDepartmentId: ids.dept('yfq-xf') });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.code).toBe('SUB_DISPATCH_NOT_SUBORDINATE');
    expect((await district.post(`/api/cases/${id}/sub-dispatch`, { leadDepartmentId: ids.dept('scjg') })).body.error.code).toBe('SUB_DISPATCH_NOT_SUBORDINATE');

    let r = await district.post(`/api/cases/${id}/sub-dispatch`, { leadDepartmentId: ids.dept('zhq-gdl') });
    expect(r.status).toBe(200);
    const districtPart = r.body.assignments.find((a: any) => a.departmentId === ids.dept('zhq'));
    const streetPart = r.body.assignments.find((a: any) => a.departmentId === ids.dept('zhq-gdl'));
    expect(streetPart.parentAssignmentId).toBe(districtPart.id);
    expect(new Date(streetPart.replyDeadline).getTime()).toBeLessThanOrEqual(new Date(districtPart.replyDeadline).getTime());
    expect(r.body.allowedActions).not.toContain('reply');

    // The street sees the case and its own buttons; a street of another district does not see it.
    expect((await otherDistrictStreet.get(`/api/cases/${id}`)).status).toBe(404);
    r = await street.get(`/api/cases/${id}`);
    expect(r.body.allowedActions).toEqual(['sign', 'request-return']);
    await street.post(`/api/cases/${id}/sign`);
    r = await street.post(`/api/cases/${id}/request-return`, { reason: '该地块属东风路街道管辖', basis: '珠晖区街道管辖范围划分' });
    expect(r.status).toBe(200);

    // The desk cannot decide a street's return; the district can, and re-dispatches to the right street.
    expect((await supervisor.post(`/api/cases/${id}/approve-return`, { assignmentId: streetPart.id })).body.error.code).toBe('NO_PENDING_RETURN');
    r = await district.post(`/api/cases/${id}/approve-return`, { assignmentId: streetPart.id, newLeadDepartmentId: ids.dept('zhq-dfl') });
    expect(r.status).toBe(200);
    const second = r.body.assignments.find((a: any) => a.departmentId === ids.dept('zhq-dfl'));
    expect(second).toMatchObject({ role: 'lead', parentAssignmentId: districtPart.id, status: 'pending' });

    await street2.post(`/api/cases/${id}/sign`);
    r = await street2.post(`/api/cases/${id}/sub-reply`, { text: '已会同社区现场核查，施工许可材料已补齐' });
    expect(r.status).toBe(200);
    expect(r.body.assignments.find((a: any) => a.id === second.id)).toMatchObject({ status: 'done', opinion: '已会同社区现场核查，施工许可材料已补齐' });

    r = await district.post(`/api/cases/${id}/reply`, { text: '经东风路街道现场核查，已协助企业补齐材料并办理施工许可。' });
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('replied');

    // The timeline shows the whole chain.
    const types = r.body.events.map((e: any) => e.type);
    expect(types).toEqual(expect.arrayContaining(['case.sub_dispatched', 'case.return_requested', 'case.return_approved', 'case.sub_replied', 'case.replied']));
    const chain = await rt.deps.database.db.selectFrom('case_events').select('type').where('case_id', '=', id).orderBy('seq').execute();
    expect(chain.map((e) => e.type).filter((t) => t !== 'case.signed')).toEqual([
      'case.created', 'case.accepted', 'case.dispatched', 'case.sub_dispatched', 'case.return_requested', 'case.return_approved', 'case.sub_replied', 'case.replied',
    ]);
  });

  it('refuses a street deadline after the district\'s own', async () => {
    const id = await newDistrictCase();
    const r = await district.post(`/api/cases/${id}/sub-dispatch`, { leadDepartmentId: ids.dept('zhq-gdl'), replyBy: '2099-01-01T17:30:00+08:00' });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('SUB_DEADLINE_INVALID');
  });
});

describe('joint handling (吹哨报到)', () => {
  it('the lead calls in a department, which must sign and give its opinion before the one reply', async () => {
    const id = await newDistrictCase();
    let r = await district.post(`/api/cases/${id}/call-in`, { departmentId: ids.dept('scjg'), reason: '' });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('REASON_REQUIRED');
    r = await district.post(`/api/cases/${id}/call-in`, { departmentId: ids.dept('scjg'), reason: '涉及无证经营，需市场监管部门联合执法' });
    expect(r.status).toBe(200);
    expect(r.body.assignments.find((a: any) => a.departmentId === ids.dept('scjg'))).toMatchObject({ role: 'co', status: 'pending' });
    expect((await district.post(`/api/cases/${id}/reply`, { text: '已办结' })).body.error.code).toBe('OPINIONS_PENDING');
    expect((await scjg.get(`/api/cases/${id}`)).body.allowedActions).toEqual(['sign', 'request-return']);
    await scjg.post(`/api/cases/${id}/sign`);
    await scjg.post(`/api/cases/${id}/opinion`, { text: '已联合检查，责令整改' });
    r = await district.post(`/api/cases/${id}/reply`, { text: '区住建局会同市场监管局联合执法，问题已整改。' });
    expect(r.body.status).toBe('replied');
    // The called department's sign clock runs in the SLA sweep like any other assignment.
    const row = await rt.deps.database.db.selectFrom('assignments').select(['sign_deadline', 'signed_at']).where('case_id', '=', id).where('department_id', '=', ids.dept('scjg')).executeTakeFirstOrThrow();
    expect(row.signed_at!.getTime()).toBeLessThanOrEqual(row.sign_deadline.getTime());
  });
});
