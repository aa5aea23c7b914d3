import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type Client } from '../kit/http.js';
import { orgIds, sampleCase } from '../kit/org.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';

let rt: TestRuntime;
let intake: Client, supervisor: Client, leadHandler: Client, coHandler: Client, otherHandler: Client, leader: Client, newLead: Client;
let ids: Awaited<ReturnType<typeof orgIds>>;

beforeAll(async () => {
  rt = await testRuntime();
  [intake, supervisor, leadHandler, coHandler, otherHandler, leader, newLead] = await Promise.all(
    ['intake', 'supervisor', 'zjj-handler', 'xzsp-handler', 'scjg-handler', 'leader', 'zrj-handler'].map((u) => loginAs(rt.app, u)),
  );
  ids = await orgIds(intake);
});
afterAll(() => rt.close());

async function eventsOf(id: number) {
  return rt.deps.database.db.selectFrom('case_events').select(['seq', 'type']).where('case_id', '=', id).orderBy('seq').execute();
}

describe('a case walks its whole life through the API', () => {
  it('intake → dispatch with a co-handler → return → re-dispatch → opinion → reply → review → unsatisfied → redo → close', async () => {
    const created = await intake.post('/api/cases', sampleCase(ids.category('approval.construction_permit')));
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(created.body.status).toBe('submitted');
    expect(created.body.allowedActions).toEqual(expect.arrayContaining(['accept', 'reject', 'merge', 'dispatch']));

    // A department sees nothing before dispatch.
    expect((await leadHandler.get(`/api/cases/${id}`)).status).toBe(404);

    // Dispatch to 市自然资源和规划局 first (wrong department), with 市行政审批服务局 as co-handler.
    let r = await intake.post(`/api/cases/${id}/dispatch`, { leadDepartmentId: ids.dept('zrj'), coDepartmentIds: [ids.dept('xzsp')] });
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('dispatched');
    expect(r.body.assignments).toHaveLength(2);

    // The wrong department signs and asks to return the case with a reason and a basis.
    r = await newLead.post(`/api/cases/${id}/sign`);
    expect(r.body.status).toBe('handling');
    r = await newLead.post(`/api/cases/${id}/request-return`, { reason: '不属于本部门职责', basis: '《建筑工程施工许可管理办法》第二条' });
    expect(r.status).toBe(200);
    const returning = r.body.assignments.find((a: any) => a.returnRequestedAt);
    expect(returning.departmentName).toBe('市自然资源和规划局');

    // The supervisor approves and re-dispatches to 市住房和城乡建设局.
    r = await supervisor.post(`/api/cases/${id}/approve-return`, { assignmentId: returning.id, newLeadDepartmentId: ids.dept('zjj') });
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('dispatched');
    expect(r.body.leadDepartmentName).toBe('市住房和城乡建设局');

    // The returned department can no longer act.
    expect((await newLead.post(`/api/cases/${id}/sign`)).body.error.code).toBe('NOT_ASSIGNED_TO_DEPARTMENT');

    // Lead signs; reply is refused while the co-handler's opinion is pending and its deadline not passed.
    r = await leadHandler.post(`/api/cases/${id}/sign`);
    expect(r.body.status).toBe('handling');
    r = await leadHandler.post(`/api/cases/${id}/reply`, { text: '已办结' });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('OPINIONS_PENDING');

    // Co-handler signs and gives its opinion.
    expect((await coHandler.post(`/api/cases/${id}/sign`)).status).toBe(200);
    r = await coHandler.post(`/api/cases/${id}/opinion`, { text: '审批材料齐全，同意尽快发证。' });
    expect(r.status).toBe(200);

    // An unrelated department cannot see or act on the case.
    expect((await otherHandler.get(`/api/cases/${id}`)).status).toBe(404);
    expect((await otherHandler.post(`/api/cases/${id}/sign`)).status).toBe(404);

    r = await leadHandler.post(`/api/cases/${id}/reply`, { text: '经核查，已于11月5日核发施工许可证。' });
    expect(r.body.status).toBe('replied');

    // The supervisor sends it back once, then approves.
    r = await supervisor.post(`/api/cases/${id}/send-back`, { reason: '请补充办理时限说明' });
    expect(r.body.status).toBe('handling');
    r = await leadHandler.post(`/api/cases/${id}/reply`, { text: '经核查，已于11月5日核发施工许可证，办理用时8个工作日。' });
    expect(r.body.status).toBe('replied');
    r = await supervisor.post(`/api/cases/${id}/approve-reply`);
    expect(r.body.status).toBe('awaiting_rating');

    // The leader writes an instruction but cannot rate.
    expect((await leader.post(`/api/cases/${id}/instruct`, { text: '请住建局举一反三。' })).status).toBe(200);
    expect((await leader.post(`/api/cases/${id}/rate`, { rating: 'satisfied' })).body.error.code).toBe('ROLE_NOT_ALLOWED');

    // Follow-up call: unsatisfied, with a comment; the supervisor confirms a redo.
    r = await intake.post(`/api/cases/${id}/rate`, { rating: 'unsatisfied', comment: '证是发了，但拖了太久', wantsRedo: true });
    expect(r.body.rating).toBe('unsatisfied');
    r = await supervisor.post(`/api/cases/${id}/redo`, { reason: '诉求人不满意，要求说明超时原因' });
    expect(r.body.status).toBe('dispatched');
    expect(r.body.round).toBe(2);
    expect(r.body.assignments.filter((a: any) => a.round === 2).map((a: any) => a.departmentName).sort()).toEqual(['市住房和城乡建设局', '市行政审批服务局'].sort());

    // Second round: sign, opinion, reply, approve, satisfied → closed.
    await leadHandler.post(`/api/cases/${id}/sign`);
    await coHandler.post(`/api/cases/${id}/sign`);
    await coHandler.post(`/api/cases/${id}/opinion`, { text: '已配合说明。' });
    await leadHandler.post(`/api/cases/${id}/reply`, { text: '已向企业说明超时原因并致歉。' });
    await supervisor.post(`/api/cases/${id}/approve-reply`);
    r = await intake.post(`/api/cases/${id}/rate`, { rating: 'satisfied', comment: '' });
    expect(r.body.status).toBe('closed');
    expect(r.body.allowedActions).toEqual([]);

    const types = (await eventsOf(id)).map((e) => e.type);
    expect(types).toEqual([
      'case.created', 'case.accepted', 'case.dispatched', 'case.signed', 'case.return_requested', 'case.return_approved',
      'case.signed', 'case.signed', 'case.opinion_given', 'case.replied', 'case.sent_back', 'case.replied', 'case.reply_approved',
      'case.instructed', 'case.rated', 'case.redone', 'case.signed', 'case.signed', 'case.opinion_given', 'case.replied',
      'case.reply_approved', 'case.rated', 'case.closed',
    ]);
    const detail = (await supervisor.get(`/api/cases/${id}`)).body;
    expect(detail.events.map((e: any) => e.seq)).toEqual(types.map((_, i) => i + 1));
    expect(detail.events[0].actorDepartmentName).toBe('市12345政务服务便民热线中心');
  });

  it('extension and suspension move the reply deadline', async () => {
    const id = (await intake.post('/api/cases', sampleCase(ids.category('approval.construction_permit')))).body.id;
    await intake.post(`/api/cases/${id}/dispatch`, { leadDepartmentId: ids.dept('zjj'), coDepartmentIds: [] });
    let r = await leadHandler.post(`/api/cases/${id}/sign`);
    const deadline = new Date(r.body.replyDeadline);

    r = await leadHandler.post(`/api/cases/${id}/request-extension`, { until: new Date(deadline.getTime() - 86_400_000).toISOString(), reason: '需现场核查' });
    expect(r.body.error.code).toBe('EXTENSION_NOT_LATER');
    const until = new Date(deadline.getTime() + 7 * 86_400_000).toISOString();
    r = await leadHandler.post(`/api/cases/${id}/request-extension`, { until, reason: '需现场核查' });
    expect(r.body.pendingExtensionUntil).toBe(until);
    expect((await leadHandler.post(`/api/cases/${id}/approve-extension`)).body.error.code).toBe('ROLE_NOT_ALLOWED');
    r = await supervisor.post(`/api/cases/${id}/approve-extension`);
    expect(r.body.replyDeadline).toBe(until);

    r = await supervisor.post(`/api/cases/${id}/suspend`, { reason: '' });
    expect(r.body.error.code).toBe('REASON_REQUIRED');
    r = await supervisor.post(`/api/cases/${id}/suspend`, { reason: '等待司法鉴定结果' });
    expect(r.body.suspended).toBe(true);
    expect((await leadHandler.post(`/api/cases/${id}/reply`, { text: '答复' })).body.error.code).toBe('CASE_SUSPENDED');
    rt.clock.advanceDays(7); // Monday to Monday: five working days pass while suspended.
    r = await supervisor.post(`/api/cases/${id}/resume`);
    expect(r.body.suspended).toBe(false);
    expect(new Date(r.body.replyDeadline).getTime()).toBeGreaterThan(new Date(until).getTime());
  });

  it('rejects and merges only from the intake queue', async () => {
    const a = (await intake.post('/api/cases', sampleCase(ids.category('approval.construction_permit')))).body.id;
    const b = (await intake.post('/api/cases', sampleCase(ids.category('approval.construction_permit')))).body.id;
    expect((await intake.post(`/api/cases/${b}/merge`, { duplicateOf: b })).body.error.code).toBe('MERGE_SELF');
    let r = await intake.post(`/api/cases/${b}/merge`, { duplicateOf: a });
    expect(r.body.status).toBe('merged');
    expect(r.body.duplicateOf).toBe(a);
    r = await intake.post(`/api/cases/${a}/reject`, { reason: '' });
    expect(r.status).toBe(422);
    r = await intake.post(`/api/cases/${a}/reject`, { reason: '属于司法程序处理事项' });
    expect(r.body.status).toBe('rejected');
    r = await intake.post(`/api/cases/${a}/dispatch`, { leadDepartmentId: ids.dept('zjj'), coDepartmentIds: [] });
    expect(r.status).toBe(409);
    expect(r.body.error).toMatchObject({ code: 'CASE_TRANSITION_NOT_ALLOWED', message: '诉求当前状态不允许此操作' });
  });
});
