import { describe, expect, it } from 'vitest';
import { actors, CaseBuilder, dept, type ActorName } from '../../../test/kit/case-builder.js';
import { defaultCalendar } from '../calendar/index.js';
import { caseSupervisionLevel } from './case-level.js';
import { allowedOrderActions, decideOrder, issueTargets } from './decide-order.js';
import { resolveOrderDeadline } from './deadline.js';
import type { OrderCommand, OrderContext, OrderSnapshot, OrderState, OrderLevel } from './types.js';

const now = new Date('2026-11-03T10:00:00+08:00');
const deadline = new Date('2026-11-06T17:30:00+08:00');
const handling = new CaseBuilder().handling().copy();

function ctx(actor: ActorName, openOrders: OrderSnapshot[] = [], at = now, snapshot = handling): OrderContext {
  return { caseSnapshot: snapshot, openOrders, actor: actors[actor], now: at };
}
const order = (state: OrderState, level: OrderLevel = 'normal', departmentId: number = dept.lead): OrderSnapshot =>
  ({ id: 7, departmentId, level, state, deadline });

const roles: ActorName[] = ['supervisor', 'leader', 'intake', 'admin', 'leadHandler', 'leadHead', 'coHandler', 'otherHandler'];
const answer: OrderCommand = { type: 'answer', text: '已约谈，三日内办结' };
const raise: OrderCommand = { type: 'raise', level: 'red', reason: '逾期未办' };
const close: OrderCommand = { type: 'close' };

// Expected outcome per (order state, action, role): null = allowed, else the refusal code.
const table: { state: OrderState; cmd: OrderCommand; expect: Partial<Record<ActorName, string | null>>; otherwise: string }[] = [
  { state: 'open', cmd: answer, expect: { leadHandler: null, leadHead: null, coHandler: 'ORDER_NOT_OWN_DEPARTMENT', otherHandler: 'ORDER_NOT_OWN_DEPARTMENT' }, otherwise: 'ROLE_NOT_ALLOWED' },
  { state: 'answered', cmd: answer, expect: { leadHandler: 'ORDER_ALREADY_ANSWERED', leadHead: 'ORDER_ALREADY_ANSWERED', coHandler: 'ORDER_NOT_OWN_DEPARTMENT', otherHandler: 'ORDER_NOT_OWN_DEPARTMENT' }, otherwise: 'ROLE_NOT_ALLOWED' },
  { state: 'closed', cmd: answer, expect: { leadHandler: 'ORDER_CLOSED', leadHead: 'ORDER_CLOSED', coHandler: 'ORDER_NOT_OWN_DEPARTMENT', otherHandler: 'ORDER_NOT_OWN_DEPARTMENT' }, otherwise: 'ROLE_NOT_ALLOWED' },
  { state: 'open', cmd: raise, expect: { supervisor: null }, otherwise: 'ROLE_NOT_ALLOWED' },
  { state: 'answered', cmd: raise, expect: { supervisor: null }, otherwise: 'ROLE_NOT_ALLOWED' },
  { state: 'closed', cmd: raise, expect: { supervisor: 'ORDER_CLOSED' }, otherwise: 'ROLE_NOT_ALLOWED' },
  { state: 'open', cmd: close, expect: { supervisor: 'ORDER_NOT_ANSWERED' }, otherwise: 'ROLE_NOT_ALLOWED' },
  { state: 'answered', cmd: close, expect: { supervisor: null }, otherwise: 'ROLE_NOT_ALLOWED' },
  { state: 'closed', cmd: close, expect: { supervisor: 'ORDER_CLOSED' }, otherwise: 'ROLE_NOT_ALLOWED' },
];

describe('decideOrder: every (state, action, role)', () => {
  for (const row of table) {
    for (const role of roles) {
      const want = role in row.expect ? row.expect[role] : row.otherwise;
      it(`${row.cmd.type} on a ${row.state} order by ${role} → ${want ?? 'ok'}`, () => {
        const d = decideOrder(ctx(role), order(row.state), row.cmd);
        expect(d.ok ? null : d.code).toBe(want);
        // allowedOrderActions offers exactly the actions whose state guards pass.
        expect(allowedOrderActions(ctx(role), order(row.state)).includes(row.cmd.type as 'answer')).toBe(want === null);
      });
    }
  }
});

describe('issuing', () => {
  const issue = (over: Partial<Extract<OrderCommand, { type: 'issue' }>> = {}): OrderCommand =>
    ({ type: 'issue', departmentId: dept.lead, level: 'yellow', demands: '请于期限内办结并书面答复', deadline, ...over });

  it.each(roles)('only a supervisor issues (%s)', (role) => {
    const d = decideOrder(ctx(role), null, issue(), 5);
    expect(d.ok ? null : d.code).toBe(role === 'supervisor' ? null : 'ROLE_NOT_ALLOWED');
  });

  it('writes case.order_issued with the shared payload', () => {
    const d = decideOrder(ctx('supervisor'), null, issue(), 5);
    expect(d).toEqual({ ok: true, patch: { level: 'yellow', state: 'open', deadline }, event: { type: 'case.order_issued', payload: {
      orderId: 5, departmentId: dept.lead, level: 'yellow', demands: '请于期限内办结并书面答复', deadline: deadline.toISOString() } } });
  });

  it.each([
    ['a department that does not hold the case', issue({ departmentId: dept.other }), [], 'ORDER_DEPARTMENT_NOT_HOLDING'],
    ['a co-handler department (allowed)', issue({ departmentId: dept.co }), [], null],
    ['a second open order to one department', issue(), [order('answered')], 'ORDER_ALREADY_OPEN'],
    ['empty demands', issue({ demands: '  ' }), [], 'ORDER_DEMANDS_REQUIRED'],
    ['a deadline already passed', issue({ deadline: new Date('2026-11-02T17:30:00+08:00') }), [], 'ORDER_DEADLINE_INVALID'],
  ] as const)('%s', (_name, cmd, open, want) => {
    const d = decideOrder(ctx('supervisor', [...open]), null, cmd, 1);
    expect(d.ok ? null : d.code).toBe(want);
  });

  it.each([
    ['submitted', new CaseBuilder().copy(), 'ORDER_CASE_NOT_OPEN'],
    ['dispatched', new CaseBuilder().dispatched().copy(), null],
    ['replied', new CaseBuilder().replied().copy(), null],
    ['awaiting_rating', new CaseBuilder().awaitingRating().copy(), 'ORDER_CASE_NOT_OPEN'],
  ] as const)('case %s', (_s, snapshot, want) => {
    const d = decideOrder(ctx('supervisor', [], now, snapshot), null, issue(), 1);
    expect(d.ok ? null : d.code).toBe(want);
  });

  it('offers as targets the holding departments without an open order', () => {
    expect(issueTargets(ctx('supervisor')).sort()).toEqual([dept.lead, dept.co].sort());
    expect(issueTargets(ctx('supervisor', [order('open')]))).toEqual([dept.co]);
    expect(issueTargets(ctx('leader'))).toEqual([]);
  });
});

describe('levels only go up', () => {
  it.each([
    ['normal', 'yellow', null], ['normal', 'red', null], ['yellow', 'red', null],
    ['yellow', 'yellow', 'ORDER_LEVEL_NOT_RAISED'], ['yellow', 'normal', 'ORDER_LEVEL_NOT_RAISED'], ['red', 'yellow', 'ORDER_LEVEL_NOT_RAISED'],
  ] as const)('%s → %s', (from, to, want) => {
    const d = decideOrder(ctx('supervisor'), order('open', from), { type: 'raise', level: to, reason: '未按期答复' });
    expect(d.ok ? null : d.code).toBe(want);
  });

  it('a red order offers no raise; raising an answered order reopens it', () => {
    expect(allowedOrderActions(ctx('supervisor'), order('open', 'red'))).toEqual([]);
    const d = decideOrder(ctx('supervisor'), order('answered', 'yellow'), raise);
    expect(d.ok && d.patch.state).toBe('open');
    expect(d.ok && d.event).toEqual({ type: 'case.order_raised', payload: { orderId: 7, departmentId: expect.any(Number), from: 'yellow', to: 'red', reason: '逾期未办' } });
  });

  it('raise needs a reason', () => {
    const d = decideOrder(ctx('supervisor'), order('open'), { type: 'raise', level: 'red', reason: ' ' });
    expect(d.ok ? null : d.code).toBe('REASON_REQUIRED');
  });
});

describe('answers and closing', () => {
  it('marks an answer after the deadline as late, but takes it', () => {
    const onTime = decideOrder(ctx('leadHandler'), order('open'), answer);
    const late = decideOrder(ctx('leadHandler', [], new Date('2026-11-09T09:00:00+08:00')), order('open'), answer);
    expect(onTime.ok && onTime.patch.answeredLate).toBe(false);
    expect(late.ok && late.patch.answeredLate).toBe(true);
    expect(late.ok && late.event.type).toBe('case.order_answered');
  });

  it('an unanswered order closes only once the case left the departments, with a reason', () => {
    const done = new CaseBuilder().awaitingRating().copy();
    expect(decideOrder(ctx('supervisor', [], now, done), order('open'), close)).toEqual({ ok: false, code: 'REASON_REQUIRED' });
    const d = decideOrder(ctx('supervisor', [], now, done), order('open'), { type: 'close', reason: '诉求已办结' });
    expect(d.ok && d.event).toEqual({ type: 'case.order_closed', payload: { orderId: 7, reason: '诉求已办结' } });
  });
});

describe('case supervision level', () => {
  it.each([
    ['none', [], false, 'none'], ['none', ['normal'], true, 'urged'], ['none', ['normal', 'red'], true, 'red'],
    ['urged', ['yellow'], true, 'yellow'], ['red', [], true, 'urged'], ['instruction', ['red'], true, 'instruction'],
    ['red', ['yellow'], true, 'yellow'],
  ] as const)('%s with open %j → %s', (current, open, had, want) => {
    expect(caseSupervisionLevel(current, open, had)).toBe(want);
  });
});

describe('deadline input', () => {
  it('N working days skips the National Day holiday; a date means its close of day', () => {
    const from = new Date('2024-09-30T10:00:00+08:00');
    expect(resolveOrderDeadline({ workingDays: 3 }, from, defaultCalendar).toISOString()).toBe(new Date('2024-10-10T17:30:00+08:00').toISOString());
    expect(resolveOrderDeadline({ date: '2026-11-10' }, now, defaultCalendar).toISOString()).toBe('2026-11-10T09:30:00.000Z');
  });
});
