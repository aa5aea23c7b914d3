import { describe, expect, it } from 'vitest';
import { actors, CaseBuilder, dept, policy } from '../../../test/kit/case-builder.js';
import { payloadOf } from '../events/catalogue.js';
import { decide } from './decide.js';
import type { Command } from './types.js';

// 二级派单 (city → district → town) and 吹哨报到 (the lead calls in another department).
const at = (iso: string) => new Date(iso);
const tryRun = (b: CaseBuilder, cmd: Command, actor: keyof typeof actors) => decide(b.snapshot, cmd, actors[actor], { now: b.now, policy });
const created = (d: ReturnType<typeof tryRun>) => (d.ok ? d.assignments.flatMap((op) => (op.op === 'create' ? [op.assignment] : [])) : []);

describe('sub-dispatch (二级派单)', () => {
  it('gives the towns their own deadlines inside the district\'s reply deadline', () => {
    const b = new CaseBuilder(at('2026-11-02T09:00:00+08:00')).handling(false).hours(1);
    const districtDeadline = b.snapshot.assignments[0].replyDeadline!;
    const d = tryRun(b, { type: 'sub-dispatch', leadDepartmentId: dept.town, coDepartmentIds: [dept.town2] }, 'leadHandler');
    expect(d.ok).toBe(true);
    const [lead, co] = created(d);
    expect(lead.parentId).toBe(b.snapshot.assignments[0].id);
    expect(lead.role).toBe('lead');
    expect(co.role).toBe('co');
    // The policy's complaint time limit (15 working days from now) would end after the district's own: capped.
    expect(lead.replyDeadline!.getTime()).toBeLessThanOrEqual(districtDeadline.getTime());
    expect(co.opinionDeadline!.getTime()).toBeLessThanOrEqual(lead.replyDeadline!.getTime());
    expect(d.ok && d.events[0]).toMatchObject({ type: 'case.sub_dispatched', payload: { parentDepartmentId: dept.lead, leadDepartmentId: dept.town } });
    // The case itself does not move: the district still holds it.
    expect(d.ok && d.patch).toEqual({});
  });

  it('takes a chosen deadline when it lies inside the parent deadline, refuses one outside', () => {
    const b = new CaseBuilder(at('2026-11-02T09:00:00+08:00')).handling(false).hours(1);
    const ok = tryRun(b, { type: 'sub-dispatch', leadDepartmentId: dept.town, coDepartmentIds: [], replyBy: at('2026-11-10T17:30:00+08:00') }, 'leadHandler');
    expect(created(ok)[0].replyDeadline?.toISOString()).toBe(at('2026-11-10T17:30:00+08:00').toISOString());
    const late = tryRun(b, { type: 'sub-dispatch', leadDepartmentId: dept.town, coDepartmentIds: [], replyBy: at('2027-03-01T17:30:00+08:00') }, 'leadHandler');
    expect(late).toEqual({ ok: false, code: 'SUB_DEADLINE_INVALID' });
    const past = tryRun(b, { type: 'sub-dispatch', leadDepartmentId: dept.town, coDepartmentIds: [], replyBy: at('2026-11-01T17:30:00+08:00') }, 'leadHandler');
    expect(past).toEqual({ ok: false, code: 'SUB_DEADLINE_INVALID' });
  });

  it('refuses units already on the case', () => {
    const b = new CaseBuilder().handling(true).hours(1);
    expect(tryRun(b, { type: 'sub-dispatch', leadDepartmentId: dept.co, coDepartmentIds: [] }, 'leadHandler')).toEqual({ ok: false, code: 'ALREADY_ON_CASE' });
  });

  it('the district replies only after its town has reported', () => {
    const b = new CaseBuilder().subDispatched();
    expect(tryRun(b, { type: 'reply', text: '已办结' }, 'leadHandler')).toEqual({ ok: false, code: 'CHILDREN_ACTIVE' });
    b.run({ type: 'sign' }, 'townHandler');
    expect(b.snapshot.status).toBe('handling');
    const report = tryRun(b, { type: 'sub-reply', text: '已现场处理完毕' }, 'townHandler');
    expect(report.ok && report.events[0]).toMatchObject({ type: 'case.sub_replied', payload: { text: '已现场处理完毕', onTime: true } });
    b.run({ type: 'sub-reply', text: '已现场处理完毕' }, 'townHandler');
    expect(b.snapshot.assignments.filter((a) => a.parentId != null).map((a) => a.status)).toEqual(['done', 'done']);
    const reply = tryRun(b, { type: 'reply', text: '经镇政府现场处理，问题已解决' }, 'leadHandler');
    expect(reply.ok && reply.patch.status).toBe('replied');
  });

  it('a town signing does not change the case status, and cannot reply for the city', () => {
    const b = new CaseBuilder().subDispatched().run({ type: 'sign' }, 'townHandler');
    expect(tryRun(b, { type: 'reply', text: 'x' }, 'townHandler')).toEqual({ ok: false, code: 'NOT_LEAD_DEPARTMENT' });
    expect(tryRun(b, { type: 'request-extension', until: at('2027-01-01T00:00:00+08:00'), reason: 'x' }, 'townHandler')).toEqual({ ok: false, code: 'NOT_LEAD_DEPARTMENT' });
  });

  it('a town returns to its district, which re-dispatches to another town inside the same deadline', () => {
    const b = new CaseBuilder().subDispatched().run({ type: 'sign' }, 'townHandler')
      .run({ type: 'request-return', reason: '不在本镇辖区', basis: '行政区划' }, 'townHandler');
    const town = b.snapshot.assignments.find((a) => a.departmentId === dept.town)!;
    // The desk does not decide a town's return; the district does.
    expect(tryRun(b, { type: 'approve-return', assignmentId: town.id }, 'intake')).toEqual({ ok: false, code: 'NO_PENDING_RETURN' });
    const d = tryRun(b, { type: 'approve-return', assignmentId: town.id, newLeadDepartmentId: 52 }, 'leadHandler');
    expect(d.ok).toBe(true);
    const [next] = created(d);
    expect(next).toMatchObject({ departmentId: 52, role: 'lead', parentId: town.parentId });
    expect(next.replyDeadline?.toISOString()).toBe(town.replyDeadline?.toISOString());
  });

  it('a district that returns to the city takes its towns\' parts with it', () => {
    const b = new CaseBuilder().subDispatched().run({ type: 'request-return', reason: '非本区职责', basis: '三定方案' }, 'leadHandler');
    const district = b.snapshot.assignments.find((a) => a.departmentId === dept.lead)!;
    const d = tryRun(b, { type: 'approve-return', assignmentId: district.id, newLeadDepartmentId: dept.newLead }, 'supervisor');
    expect(d.ok).toBe(true);
    const updates = d.ok ? d.assignments.flatMap((op) => (op.op === 'update' ? [[op.id, op.patch.status]] : [])) : [];
    const towns = b.snapshot.assignments.filter((a) => a.parentId === district.id).map((a) => a.id);
    expect(updates).toEqual([[district.id, 'returned'], ...towns.map((id) => [id, 'cancelled'])]);
  });
});

describe('call-in (吹哨报到)', () => {
  it('adds the called department as a co-handler with sign and opinion deadlines; the lead waits for its opinion', () => {
    const b = new CaseBuilder(at('2026-11-02T09:00:00+08:00')).handling(false);
    expect(tryRun(b, { type: 'call-in', departmentId: dept.other, reason: '' }, 'leadHandler')).toEqual({ ok: false, code: 'REASON_REQUIRED' });
    const d = tryRun(b, { type: 'call-in', departmentId: dept.other, reason: '需要市场监管联合检查' }, 'leadHandler');
    const [co] = created(d);
    expect(co).toMatchObject({ departmentId: dept.other, role: 'co' });
    expect(co.signDeadline.toISOString()).toBe(policy.signBy(b.now, 'normal').toISOString());
    expect(d.ok && d.events[0]).toMatchObject({ type: 'case.called_in', payload: { departmentId: dept.other, byDepartmentId: dept.lead } });
    b.run({ type: 'call-in', departmentId: dept.other, reason: '需要市场监管联合检查' }, 'leadHandler');
    expect(tryRun(b, { type: 'reply', text: '答复' }, 'leadHandler')).toEqual({ ok: false, code: 'OPINIONS_PENDING' });
    expect(tryRun(b, { type: 'call-in', departmentId: dept.other, reason: '再次' }, 'leadHandler')).toEqual({ ok: false, code: 'ALREADY_ON_CASE' });
    b.run({ type: 'sign' }, 'otherHandler').run({ type: 'opinion', text: '已联合检查' }, 'otherHandler');
    expect(tryRun(b, { type: 'reply', text: '答复' }, 'leadHandler').ok).toBe(true);
  });

  it('only the lead calls in', () => {
    const b = new CaseBuilder().handling(true).run({ type: 'sign' }, 'coHandler');
    expect(tryRun(b, { type: 'call-in', departmentId: dept.other, reason: 'x' }, 'coHandler')).toEqual({ ok: false, code: 'NOT_LEAD_DEPARTMENT' });
  });
});

describe('dispatch records who chose the departments', () => {
  it('the system dispatches with the rule or model that placed it; staff dispatch manually by default', () => {
    const b = new CaseBuilder();
    const bySystem = tryRun(b, { type: 'dispatch', leadDepartmentId: dept.lead, coDepartmentIds: [], routing: { source: 'model', modelVersion: 3, confidence: 0.93 } }, 'system');
    expect(bySystem.ok && payloadOf(bySystem.events[1], 'case.dispatched').routing).toEqual({ source: 'model', modelVersion: 3, confidence: 0.93 });
    const byDesk = tryRun(b, { type: 'dispatch', leadDepartmentId: dept.lead, coDepartmentIds: [] }, 'intake');
    expect(byDesk.ok && payloadOf(byDesk.events[1], 'case.dispatched').routing).toEqual({ source: 'manual' });
  });
});
