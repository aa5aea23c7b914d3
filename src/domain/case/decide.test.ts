import { describe, expect, it } from 'vitest';
import { actors, CaseBuilder, dept, policy } from '../../../test/kit/case-builder.js';
import { payloadOf } from '../events/catalogue.js';
import { decide } from './decide.js';
import type { Command } from './types.js';

const at = (iso: string) => new Date(iso);
const tryRun = (b: CaseBuilder, cmd: Command, actor: keyof typeof actors) => decide(b.snapshot, cmd, actors[actor], { now: b.now, policy });

describe('decide: effects and payload rules', () => {
  it('dispatch creates one lead and the co-handlers with working-day deadlines', () => {
    const b = new CaseBuilder(at('2026-11-02T09:00:00+08:00'));
    const d = tryRun(b, { type: 'dispatch', leadDepartmentId: dept.lead, coDepartmentIds: [dept.co] }, 'intake');
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    expect(d.patch.status).toBe('dispatched');
    expect(d.events.map((e) => e.type)).toEqual(['case.accepted', 'case.dispatched']);
    const created = d.assignments.map((op) => (op.op === 'create' ? op.assignment : null));
    expect(created.map((a) => [a?.departmentId, a?.role])).toEqual([[dept.lead, 'lead'], [dept.co, 'co']]);
    // Complaint: 15 working days, the start day not counted → Monday 2026-11-23 at 17:30.
    expect(created[0]?.replyDeadline?.toISOString()).toBe(at('2026-11-23T17:30:00+08:00').toISOString());
    expect(created[0]?.signDeadline.toISOString()).toBe(at('2026-11-03T17:30:00+08:00').toISOString());
    expect(created[1]?.opinionDeadline?.toISOString()).toBe(at('2026-11-05T17:30:00+08:00').toISOString());
  });

  it('refuses a lead that is also a co-handler, and duplicate co-handlers', () => {
    const b = new CaseBuilder();
    expect(tryRun(b, { type: 'dispatch', leadDepartmentId: dept.lead, coDepartmentIds: [dept.lead] }, 'intake')).toEqual({ ok: false, code: 'LEAD_IN_CO' });
    expect(tryRun(b, { type: 'dispatch', leadDepartmentId: dept.lead, coDepartmentIds: [dept.co, dept.co] }, 'intake')).toEqual({ ok: false, code: 'DUPLICATE_DEPARTMENT' });
  });

  it('lets the lead reply without an opinion once the co-handler deadline has passed', () => {
    const b = new CaseBuilder().handling();
    expect(tryRun(b, { type: 'reply', text: '答复' }, 'leadHandler')).toEqual({ ok: false, code: 'OPINIONS_PENDING' });
    b.at('2026-11-05T17:31:00+08:00');
    const d = tryRun(b, { type: 'reply', text: '答复' }, 'leadHandler');
    expect(d.ok && d.patch.status).toBe('replied');
    expect(d.ok && payloadOf(d.events[0], 'case.replied').onTime).toBe(true);
  });

  it('puts a command\'s files in the event that carries it; only a reply\'s may reach the submitter', () => {
    const b = new CaseBuilder().handling().at('2026-11-05T17:31:00+08:00');
    const files = [{ id: 7, visibility: 'submitter' as const }, { id: 8, visibility: 'internal' as const }];
    const d = tryRun(b, { type: 'reply', text: '答复', attachments: files }, 'leadHandler');
    expect(d.ok && payloadOf(d.events[0], 'case.replied').attachments).toEqual(files);
    // Without files the payload is as before (no empty list in the hash chain).
    const plain = tryRun(b, { type: 'reply', text: '答复' }, 'leadHandler');
    expect(plain.ok && 'attachments' in plain.events[0].payload).toBe(false);
    const bad: [Command, keyof typeof actors][] = [
      [{ type: 'opinion', text: '意见', attachments: [{ id: 1, visibility: 'submitter' }] }, 'coHandler'],
      [{ type: 'reply', text: '答复', attachments: [{ id: 1, visibility: 'public' }, { id: 1, visibility: 'internal' }] }, 'leadHandler'],
      [{ type: 'reply', text: '答复', attachments: Array.from({ length: 11 }, (_, i) => ({ id: i + 1, visibility: 'internal' as const })) }, 'leadHandler'],
    ];
    for (const [cmd, who] of bad) expect(tryRun(b, cmd, who)).toEqual({ ok: false, code: 'ATTACHMENTS_INVALID' });
  });

  it('marks a reply after the deadline as late', () => {
    const b = new CaseBuilder().handling(false).at('2026-11-24T09:00:00+08:00');
    const d = tryRun(b, { type: 'reply', text: '答复' }, 'leadHandler');
    expect(d.ok && payloadOf(d.events[0], 'case.replied').onTime).toBe(false);
  });

  it('a lead return needs a new lead; a co return just removes the co-handler', () => {
    const b = new CaseBuilder().handling().run({ type: 'request-return', reason: '非本部门职责', basis: '三定方案' }, 'leadHandler');
    const leadAssignment = b.snapshot.assignments.find((a) => a.role === 'lead')!;
    expect(tryRun(b, { type: 'approve-return', assignmentId: leadAssignment.id }, 'supervisor')).toEqual({ ok: false, code: 'NEW_LEAD_REQUIRED' });
    expect(tryRun(b, { type: 'approve-return', assignmentId: leadAssignment.id, newLeadDepartmentId: dept.lead }, 'supervisor')).toEqual({ ok: false, code: 'SAME_DEPARTMENT' });
    b.run({ type: 'approve-return', assignmentId: leadAssignment.id, newLeadDepartmentId: dept.newLead }, 'supervisor');
    expect(b.snapshot.status).toBe('dispatched');
    expect(b.snapshot.leadDepartmentId).toBe(dept.newLead);

    const c = new CaseBuilder().handling().run({ type: 'request-return', reason: '不涉及本部门', basis: '职责清单' }, 'coHandler');
    const co = c.snapshot.assignments.find((a) => a.role === 'co')!;
    c.run({ type: 'approve-return', assignmentId: co.id }, 'intake');
    expect(c.snapshot.status).toBe('handling');
    // With the co-handler gone the lead may reply at once.
    expect(tryRun(c, { type: 'reply', text: '答复' }, 'leadHandler').ok).toBe(true);
  });

  it('requires reason and basis for a return, and a reason for reject, suspend, send-back, redo', () => {
    const b = new CaseBuilder().handling();
    expect(tryRun(b, { type: 'request-return', reason: ' ', basis: 'x' }, 'leadHandler')).toEqual({ ok: false, code: 'REASON_REQUIRED' });
    expect(tryRun(b, { type: 'request-return', reason: 'x', basis: '' }, 'leadHandler')).toEqual({ ok: false, code: 'BASIS_REQUIRED' });
    expect(tryRun(b, { type: 'suspend', reason: '' }, 'supervisor')).toEqual({ ok: false, code: 'REASON_REQUIRED' });
    expect(tryRun(new CaseBuilder(), { type: 'reject', reason: '' }, 'intake')).toEqual({ ok: false, code: 'REASON_REQUIRED' });
    expect(tryRun(new CaseBuilder().replied(), { type: 'send-back', reason: '' }, 'supervisor')).toEqual({ ok: false, code: 'REASON_REQUIRED' });
    expect(tryRun(b, { type: 'request-return', reason: '长'.repeat(5001), basis: 'x' }, 'leadHandler')).toEqual({ ok: false, code: 'TEXT_TOO_LONG' });
  });

  it('extension must move the deadline later and applies on approval', () => {
    const b = new CaseBuilder().opinionsDone();
    const deadline = b.snapshot.replyDeadline!;
    expect(tryRun(b, { type: 'request-extension', until: deadline, reason: '核查' }, 'leadHandler')).toEqual({ ok: false, code: 'EXTENSION_NOT_LATER' });
    const until = at('2026-12-04T17:30:00+08:00');
    b.run({ type: 'request-extension', until, reason: '核查' }, 'leadHandler').run({ type: 'approve-extension' }, 'supervisor');
    expect(b.snapshot.replyDeadline).toEqual(until);
    expect(b.snapshot.assignments.find((a) => a.role === 'lead')!.replyDeadline).toEqual(until);
  });

  it('suspension pauses the clock: resume moves deadlines by the working time paused', () => {
    const b = new CaseBuilder(at('2026-11-02T09:00:00+08:00')).opinionsDone();
    const before = b.snapshot.replyDeadline!;
    b.at('2026-11-03T09:00:00+08:00').run({ type: 'suspend', reason: '等待鉴定' }, 'supervisor');
    b.at('2026-11-04T09:00:00+08:00').run({ type: 'resume' }, 'supervisor');
    // One full working day (6.5 working hours) was paused.
    expect(b.snapshot.replyDeadline).toEqual(at('2026-11-24T17:30:00+08:00'));
    expect(before).toEqual(at('2026-11-23T17:30:00+08:00'));
  });

  it('unsatisfied needs a comment; redo happens once; satisfied closes', () => {
    const b = new CaseBuilder().awaitingRating();
    expect(tryRun(b, { type: 'rate', rating: 'unsatisfied', comment: '' }, 'intake')).toEqual({ ok: false, code: 'RATING_COMMENT_REQUIRED' });
    b.run({ type: 'rate', rating: 'unsatisfied', comment: '没解决', wantsRedo: true }, 'submitter').run({ type: 'redo', reason: '重办' }, 'supervisor');
    expect(b.snapshot).toMatchObject({ status: 'dispatched', round: 2, redoCount: 1, rating: null });
    expect(b.snapshot.assignments.filter((a) => a.round === 2).map((a) => a.departmentId)).toEqual([dept.lead, dept.co]);
    b.run({ type: 'sign' }, 'leadHandler').run({ type: 'sign' }, 'coHandler').run({ type: 'opinion', text: '同意' }, 'coHandler')
      .run({ type: 'reply', text: '再次答复' }, 'leadHandler').run({ type: 'approve-reply' }, 'supervisor')
      .run({ type: 'rate', rating: 'unsatisfied', comment: '还是不满意' }, 'intake');
    expect(tryRun(b, { type: 'redo', reason: '再重办' }, 'supervisor')).toEqual({ ok: false, code: 'REDO_LIMIT_REACHED' });
    b.run({ type: 'close', reason: '已依法答复' }, 'supervisor');
    expect(b.snapshot.status).toBe('closed');
  });

  it('the system closes a case only when the rating window ended without a rating', () => {
    const b = new CaseBuilder().awaitingRating();
    expect(tryRun(b, { type: 'close' }, 'system')).toEqual({ ok: false, code: 'RATING_WINDOW_OPEN' });
    b.at('2026-12-31T09:00:00+08:00');
    const d = tryRun(b, { type: 'close' }, 'system');
    expect(d.ok && payloadOf(d.events[0], 'case.closed').by).toBe('rating_window');
  });
});
