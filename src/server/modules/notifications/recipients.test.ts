import { describe, expect, it } from 'vitest';
import type { CaseEvent, CaseEventType } from '../../../domain/events/catalogue.js';
import { noticeText } from './messages.js';
import { audienceFor, coveredEvents, wantsSms, type Audience } from './recipients.js';

const ctx = { leadDepartmentId: 7 };
const depts = (...departmentIds: number[]): Audience => ({ departmentIds, supervisors: false });
const supervisors: Audience = { departmentIds: [], supervisors: true };
const nobody: Audience = { departmentIds: [], supervisors: false };

describe('audienceFor', () => {
  it.each<[CaseEventType, Record<string, unknown>, Audience]>([
    ['case.dispatched', { leadDepartmentId: 3, coDepartmentIds: [4, 5] }, depts(3, 4, 5)],
    ['case.dispatched', { leadDepartmentId: 3, coDepartmentIds: [3] }, depts(3)],
    ['case.redone', { leadDepartmentId: 3, coDepartmentIds: [] }, depts(3)],
    ['case.return_approved', { role: 'lead', newLeadDepartmentId: 9 }, depts(9)],
    ['case.return_approved', { role: 'co', assignmentId: 1 }, nobody],
    ['case.warned', { departmentId: 4, level: 'yellow', clock: 'sign' }, depts(4)],
    ['case.urged', { by: 'system', departmentId: 5, reason: 'x' }, depts(5)],
    ['case.order_issued', { orderId: 1, departmentId: 6, level: 'red' }, depts(6)],
    ['case.order_raised', { orderId: 1, from: 'normal', to: 'yellow' }, depts(7)],
    ['case.escalated', { to: 'supervision_office' }, supervisors],
    ['case.return_requested', { reason: 'x' }, supervisors],
    ['case.extension_requested', { reason: 'x' }, supervisors],
    ['case.replied', { text: 'x' }, supervisors],
    ['case.order_answered', { orderId: 1, departmentId: 6, text: 'x' }, supervisors],
    ['case.instructed', { text: '请尽快办理' }, { departmentIds: [7], supervisors: true }],
    ['case.rated', { rating: 'unsatisfied' }, supervisors],
    ['case.rated', { rating: 'satisfied' }, nobody],
    ['case.signed', {}, nobody],
    ['case.order_closed', { orderId: 1 }, nobody],
  ])('%s %j', (type, payload, expected) => {
    expect(audienceFor({ type, payload } as CaseEvent, ctx)).toEqual(expected);
  });

  it('has no department when the case has no lead and the payload names none', () => {
    expect(audienceFor({ type: 'case.instructed', payload: { text: 'x' } }, { leadDepartmentId: null })).toEqual(supervisors);
  });
});

describe('wantsSms', () => {
  it.each<[CaseEventType, Record<string, unknown>, boolean]>([
    ['case.warned', { level: 'red' }, true],
    ['case.warned', { level: 'yellow' }, false],
    ['case.order_issued', { level: 'red' }, true],
    ['case.order_raised', { to: 'red' }, true],
    ['case.escalated', {}, true],
    ['case.dispatched', {}, false],
  ])('%s %j → %s', (type, payload, expected) => {
    expect(wantsSms({ type, payload } as CaseEvent)).toBe(expected);
  });
});

describe('noticeText', () => {
  it('names the case by code and title and links to it', () => {
    const t = noticeText({ type: 'case.dispatched', payload: { round: 1, leadDepartmentId: 3, coDepartmentIds: [], replyDeadline: '2026-11-09T09:30:00.000Z' } }, { id: 42, code: 'HY20261102000042', title: '施工许可证办理超时' });
    expect(t.title).toBe('【新派单】HY20261102000042 施工许可证办理超时');
    expect(t.body).toContain('2026年11月9日 17:30');
    expect(t.link).toBe('/cases/42');
  });
  it('describes a red warning', () => {
    const t = noticeText({ type: 'case.warned', payload: { assignmentId: 1, departmentId: 3, clock: 'reply', level: 'red', deadline: '2026-11-09T09:30:00.000Z' } }, { id: 1, code: 'C1', title: 't' });
    expect(t.title).toContain('超期提醒');
    expect(t.body).toContain('答复时限已过（期限 2026年11月9日 17:30），已超期');
    expect(t.body).toContain('系统已向本单位催办，并转督办中心跟进');
  });
  it('an escalation does not name one office while the warning names another (no contradiction)', () => {
    const old = noticeText({ type: 'case.escalated', payload: { to: 'supervision_office', reason: '答复超期（红色预警），升级至督查室', assignmentId: 1 } }, { id: 1, code: 'C1', title: 't' });
    expect(old.body).toBe('诉求 C1「t」：答复超期（红色预警）。诉求已转入督办中心，请跟进督办。');
    expect(old.body).not.toMatch(/营商办|督查室/);
  });
});

describe('coveredEvents: one notice per happening and person', () => {
  const warned = (level: 'yellow' | 'red', assignmentId = 1) => ({ caseId: 9, event: { type: 'case.warned', payload: { assignmentId, departmentId: 3, clock: 'reply', level, deadline: '2026-11-09T09:30:00.000Z' } } as CaseEvent });
  const urged = { caseId: 9, event: { type: 'case.urged', payload: { by: 'system', departmentId: 3, reason: 'x', assignmentId: 1 } } as CaseEvent };
  const escalated = { caseId: 9, event: { type: 'case.escalated', payload: { to: 'supervision_office', reason: 'x', assignmentId: 1 } } as CaseEvent };
  it('a late sweep (yellow and red together) and the system urge give the department one notice: the red one', () => {
    expect([...coveredEvents([warned('yellow'), warned('red'), urged, escalated])]).toEqual([0, 2]);
  });
  it('a yellow of another assignment, or alone, is still noticed', () => {
    expect([...coveredEvents([warned('yellow', 2), warned('red'), null])]).toEqual([]);
    expect([...coveredEvents([warned('yellow')])]).toEqual([]);
  });
});

describe('levels and call-in notify the departments concerned', () => {
  it.each<[CaseEventType, Record<string, unknown>, number[], boolean]>([
    ['case.sub_dispatched', { leadDepartmentId: 51, coDepartmentIds: [52] }, [51, 52], false],
    ['case.called_in', { departmentId: 7 }, [7], false],
    ['case.sub_replied', { parentDepartmentId: 40 }, [40], false],
    // A town's return goes to its district; a city-level return to the supervision office.
    ['case.return_requested', { parentDepartmentId: 40 }, [40], false],
    ['case.return_requested', {}, [], true],
  ])('%s %j', (type, payload, departmentIds, supervisors) => {
    expect(audienceFor({ type, payload } as CaseEvent, { leadDepartmentId: 1 })).toEqual({ departmentIds, supervisors });
  });
});
