import { describe, expect, it } from 'vitest';
import { defaultCalendar } from '../calendar/index.js';
import { deadlinePolicy } from '../sla/policy.js';
import type { CaseEventType } from '../events/catalogue.js';
import { deriveFacts, type FactEvent } from './facts.js';

const policy = deadlinePolicy(defaultCalendar);
const c = { id: 7, kind: 'complaint' as const, urgency: 'normal' as const, categoryId: null };
let nextId = 1;
const ev = (type: CaseEventType, at: string, payload: Record<string, unknown> = {}, actorDepartmentId: number | null = null): FactEvent =>
  ({ id: nextId++, type, at: new Date(at), actorDepartmentId, payload }) as FactEvent;
const byMeasure = (facts: ReturnType<typeof deriveFacts>) => Object.fromEntries(facts.map((f) => [`${f.departmentId}:${f.measure}`, f]));

describe('facts from events', () => {
  it('a case handled on time and rated 基本满意', () => {
    const facts = byMeasure(deriveFacts(c, [
      ev('case.created', '2026-10-12T09:00:00+08:00'),
      ev('case.dispatched', '2026-10-12T09:10:00+08:00', { round: 1, leadDepartmentId: 10, coDepartmentIds: [20] }),
      ev('case.signed', '2026-10-12T10:00:00+08:00', { assignmentId: 1, role: 'lead' }, 10),
      ev('case.signed', '2026-10-14T10:00:00+08:00', { assignmentId: 2, role: 'co' }, 20),
      ev('case.replied', '2026-10-16T10:00:00+08:00', { text: '已办结', onTime: true }, 10),
      ev('case.reply_approved', '2026-10-16T11:00:00+08:00'),
      ev('case.rated', '2026-10-17T09:00:00+08:00', { rating: 'basically', comment: '' }),
    ], policy));
    expect(Object.keys(facts).sort()).toEqual(['10:followup', '10:replying', '10:signing', '20:signing']);
    expect(facts['10:signing']).toMatchObject({ hit: true, at: new Date('2026-10-12T09:10:00+08:00') });
    // The co-handler signed two working days after dispatch: late (one working day allowed).
    expect(facts['20:signing'].hit).toBe(false);
    expect(facts['10:followup']).toMatchObject({ rating: 'basically', responded: true, resolved: true, at: new Date('2026-10-17T09:00:00+08:00') });
  });

  it('a late reply, a denied return, orders, a redo and the rating after the redo', () => {
    const facts = byMeasure(deriveFacts(c, [
      ev('case.dispatched', '2026-10-12T09:10:00+08:00', { round: 1, leadDepartmentId: 10, coDepartmentIds: [] }),
      ev('case.signed', '2026-10-14T09:00:00+08:00', { assignmentId: 1, role: 'lead' }, 10),
      ev('case.return_requested', '2026-10-14T10:00:00+08:00', { assignmentId: 1, role: 'lead', reason: 'x', basis: 'y' }, 10),
      ev('case.return_denied', '2026-10-14T11:00:00+08:00', { assignmentId: 1, reason: 'z' }),
      ev('case.order_issued', '2026-10-20T11:00:00+08:00', { orderId: 1, departmentId: 10, level: 'yellow' }),
      ev('case.order_raised', '2026-10-25T11:00:00+08:00', { orderId: 1, departmentId: 10, from: 'yellow', to: 'red' }),
      ev('case.replied', '2026-11-05T10:00:00+08:00', { text: '迟复', onTime: false }, 10),
      ev('case.rated', '2026-11-06T09:00:00+08:00', { rating: 'unsatisfied', comment: '太慢' }),
      ev('case.redone', '2026-11-06T10:00:00+08:00', { round: 2, leadDepartmentId: 10, coDepartmentIds: [] }),
      ev('case.signed', '2026-11-06T11:00:00+08:00', { assignmentId: 2, role: 'lead' }, 10),
      ev('case.replied', '2026-11-09T10:00:00+08:00', { text: '已解决', onTime: true }, 10),
      ev('case.rated', '2026-11-10T09:00:00+08:00', { rating: 'satisfied', comment: '' }),
    ], policy));
    expect(facts['10:refused_return'].at).toEqual(new Date('2026-10-14T11:00:00+08:00'));
    expect(facts['10:yellow'].at).toEqual(new Date('2026-10-20T11:00:00+08:00'));
    expect(facts['10:red'].at).toEqual(new Date('2026-10-25T11:00:00+08:00'));
    expect(facts['10:overdue'].at).toEqual(new Date('2026-11-05T10:00:00+08:00'));
    // Replies: the first dates the fact; one late reply makes it late.
    expect(facts['10:replying']).toMatchObject({ hit: false, at: new Date('2026-11-05T10:00:00+08:00') });
    expect(facts['10:signing'].hit).toBe(false);
    expect(facts['10:redo'].at).toEqual(new Date('2026-11-06T10:00:00+08:00'));
    // The latest rating counts; the second round was signed in time, so it was responded to.
    expect(facts['10:followup']).toMatchObject({ rating: 'satisfied', resolved: true, responded: true, at: new Date('2026-11-10T09:00:00+08:00') });
  });

  it('a return approved moves the case to the new lead, who is rated', () => {
    const facts = byMeasure(deriveFacts(c, [
      ev('case.dispatched', '2026-10-12T09:10:00+08:00', { round: 1, leadDepartmentId: 10, coDepartmentIds: [] }),
      ev('case.signed', '2026-10-12T10:00:00+08:00', { assignmentId: 1, role: 'lead' }, 10),
      ev('case.return_requested', '2026-10-12T11:00:00+08:00', { assignmentId: 1, role: 'lead', reason: 'x', basis: 'y' }, 10),
      ev('case.return_approved', '2026-10-12T15:00:00+08:00', { assignmentId: 1, role: 'lead', newLeadDepartmentId: 40 }),
      ev('case.signed', '2026-10-13T09:00:00+08:00', { assignmentId: 2, role: 'lead' }, 40),
      ev('case.replied', '2026-10-15T10:00:00+08:00', { text: '已办', onTime: true }, 40),
      ev('case.rated', '2026-10-16T09:00:00+08:00', { rating: 'satisfied', comment: '' }),
    ], policy));
    expect(facts['40:followup'].rating).toBe('satisfied');
    expect(facts['10:followup']).toBeUndefined();
    expect(facts['40:signing']).toMatchObject({ hit: true, at: new Date('2026-10-12T15:00:00+08:00') });
  });

  it('an imported case: facts from its history payload; an approved exclusion becomes a fact', () => {
    const facts = byMeasure(deriveFacts(c, [
      ev('case.imported', '2026-11-20T09:00:00+08:00', {
        source: '12345旧系统', externalId: 'A-1', createdAt: '2026-10-09T09:00:00+08:00', dispatchedAt: '2026-10-09T10:00:00+08:00',
        signedAt: '2026-10-09T11:00:00+08:00', repliedAt: '2026-11-20T08:00:00+08:00', closedAt: '2026-11-20T08:30:00+08:00',
        departmentId: 10, rating: 'unsatisfied',
      }),
      ev('case.assessment_excluded', '2026-11-21T09:00:00+08:00', { appealId: 3, departmentId: 10, reason: 'force_majeure', decidedByName: '督办员' }),
    ], policy));
    expect(facts['10:signing']).toMatchObject({ hit: true, at: new Date('2026-10-09T10:00:00+08:00') });
    // Fifteen working days for a complaint: replied a month later is late, and overdue.
    expect(facts['10:replying'].hit).toBe(false);
    expect(facts['10:overdue'].at).toEqual(new Date('2026-11-20T08:00:00+08:00'));
    expect(facts['10:followup']).toMatchObject({ rating: 'unsatisfied', resolved: false, at: new Date('2026-11-20T08:30:00+08:00') });
    expect(facts['10:excluded'].detail).toMatchObject({ appealId: 3, decidedByName: '督办员' });
  });

  it('a re-imported history (revision 2) replaces the facts of the first import', () => {
    const history = { source: '12345旧系统', externalId: 'A-2', createdAt: '2026-10-09T09:00:00+08:00', dispatchedAt: '2026-10-09T10:00:00+08:00', departmentId: 10 };
    const facts = byMeasure(deriveFacts(c, [
      ev('case.imported', '2026-11-20T09:00:00+08:00', { ...history, signedAt: '2026-10-20T11:00:00+08:00', rating: 'unsatisfied' }),
      ev('case.imported', '2026-11-22T09:00:00+08:00', { ...history, departmentId: 40, signedAt: '2026-10-09T11:00:00+08:00', rating: 'satisfied', revision: 2, changes: ['承办单位', '评价'] }),
    ], policy));
    expect(Object.keys(facts).sort()).toEqual(['40:followup', '40:signing']);
    expect(facts['40:signing'].hit).toBe(true);
    expect(facts['40:followup'].rating).toBe('satisfied');
  });

  it('an imported case without a known department gives no facts', () => {
    expect(deriveFacts(c, [ev('case.imported', '2026-11-20T09:00:00+08:00', { source: 's', externalId: 'x', createdAt: '2026-10-01T00:00:00Z', departmentName: '某局' })], policy)).toEqual([]);
  });
});
