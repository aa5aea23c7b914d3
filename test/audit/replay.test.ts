import { describe, expect, it } from 'vitest';
import { describeMismatch, rowMismatches } from '../../src/domain/audit/row-check.js';
import { replayCase, type ReplayEvent } from '../../src/domain/case/replay.js';
import type { Command } from '../../src/domain/case/types.js';
import type { CaseEvent } from '../../src/domain/events/catalogue.js';
import type { ImportRecord } from '../../src/domain/import/record.js';
import { SimCase } from '../../src/server/demo/simulate.js';
import { casePatchColumns, toColumns } from '../../src/server/modules/cases/repository.js';
import { eventStamp, planNewCase, type ResolvedRecord } from '../../src/server/modules/import/plan-case.js';
import { actors, dept, policy, type ActorName } from '../kit/case-builder.js';

// The fold of a case's events (src/domain/case/replay.ts) against the rows the writers produce. Histories are played
// through decide() (the demo's SimCase: the row is every patch applied in order, the assignments every operation),
// so the expected rows are what the cases repository writes, and the fold must agree with them field by field.

type Step = [Command | ((c: SimCase) => Command), ActorName, number?];

const start = new Date('2026-11-02T09:00:00+08:00');
const dispatch = (co: number[] = [dept.co]): Command => ({ type: 'dispatch', leadDepartmentId: dept.lead, coDepartmentIds: co });
const handled: Step[] = [[dispatch(), 'intake'], [{ type: 'sign' }, 'leadHandler'], [{ type: 'sign' }, 'coHandler'], [{ type: 'opinion', text: '同意' }, 'coHandler']];
const replied: Step[] = [...handled, [{ type: 'reply', text: '已办结' }, 'leadHandler', 3]];
const awaiting: Step[] = [...replied, [{ type: 'approve-reply' }, 'supervisor']];
const leadOf = (c: SimCase) => c.assignments.find((a) => a.role === 'lead' && a.parentId == null && a.round === c.snapshot.round && a.status !== 'returned')!;

const scenarios: [string, Step[]][] = [
  ['registered only', []],
  ['accepted', [[{ type: 'accept' }, 'intake']]],
  ['rejected', [[{ type: 'reject', reason: '不属于受理范围' }, 'intake']]],
  ['merged', [[{ type: 'merge', duplicateOf: 99 }, 'intake']]],
  ['dispatched with a co-handler', [[dispatch(), 'intake']]],
  ['accepted, then dispatched', [[{ type: 'accept' }, 'intake'], [dispatch([]), 'intake']]],
  ['signed and opinion given', handled],
  ['replied', replied],
  ['sent back', [...replied, [{ type: 'send-back', reason: '不完整' }, 'supervisor']]],
  ['sent back and replied again', [...replied, [{ type: 'send-back', reason: '不完整' }, 'supervisor'], [{ type: 'reply', text: '补充后的答复' }, 'leadHead', 2]]],
  ['satisfied: closed by the rating', [...awaiting, [{ type: 'rate', rating: 'satisfied', comment: '' }, 'submitter', 5]]],
  ['closed when the rating window ended', [...awaiting, [{ type: 'close' }, 'system', 200]]],
  ['unsatisfied, closed by a supervisor', [...awaiting, [{ type: 'rate', rating: 'unsatisfied', comment: '没解决', wantsRedo: true }, 'submitter'], [{ type: 'close', reason: '已依法答复' }, 'supervisor']]],
  ['unsatisfied, redone and rated again', [
    ...awaiting, [{ type: 'rate', rating: 'unsatisfied', comment: '没解决', wantsRedo: true }, 'submitter'], [{ type: 'redo', reason: '重办' }, 'supervisor'],
    [{ type: 'sign' }, 'leadHandler'], [{ type: 'sign' }, 'coHandler'], [{ type: 'opinion', text: '同意' }, 'coHandler'],
    [{ type: 'reply', text: '第二次答复' }, 'leadHandler', 4], [{ type: 'approve-reply' }, 'supervisor'], [{ type: 'rate', rating: 'basically', comment: '还行' }, 'intake'],
  ]],
  ['the lead returns and another department leads', [
    [dispatch(), 'intake'], [{ type: 'sign' }, 'leadHandler'], [{ type: 'request-extension', until: new Date('2026-12-30T09:00:00Z'), reason: '需协调' }, 'leadHandler'],
    [{ type: 'request-return', reason: '非本单位职责', basis: '三定方案' }, 'leadHandler'],
    [(c) => ({ type: 'approve-return', assignmentId: leadOf(c).id, newLeadDepartmentId: dept.newLead }), 'supervisor'],
  ]],
  ['a co-handler returns; a return denied', [
    [dispatch(), 'intake'], [{ type: 'sign' }, 'coHandler'], [{ type: 'request-return', reason: '无关', basis: '职责' }, 'coHandler'],
    [(c) => ({ type: 'approve-return', assignmentId: c.assignments.find((a) => a.role === 'co')!.id }), 'supervisor'],
    [{ type: 'sign' }, 'leadHandler'], [{ type: 'request-return', reason: '非本单位职责', basis: '三定方案' }, 'leadHandler'],
    [(c) => ({ type: 'deny-return', assignmentId: leadOf(c).id, reason: '属于本单位' }), 'supervisor'],
  ]],
  ['an extension approved, another denied', [
    ...handled, [{ type: 'request-extension', until: new Date('2026-12-30T09:00:00Z'), reason: '需协调' }, 'leadHandler'], [{ type: 'approve-extension' }, 'supervisor'],
    [{ type: 'request-extension', until: new Date('2027-01-30T09:00:00Z'), reason: '还需时间' }, 'leadHandler'], [{ type: 'deny-extension', reason: '不予延期' }, 'supervisor'],
  ]],
  ['suspended', [...handled, [{ type: 'suspend', reason: '待补充材料' }, 'supervisor']]],
  ['suspended and resumed', [...handled, [{ type: 'suspend', reason: '待补充材料' }, 'supervisor'], [{ type: 'resume' }, 'supervisor', 30]]],
  ['a leader instructs', [[dispatch(), 'intake'], [{ type: 'instruct', text: '限期解决' }, 'leader']]],
  ['dispatched on to towns, which report back', [
    [dispatch([]), 'intake'], [{ type: 'sign' }, 'leadHandler'],
    [{ type: 'sub-dispatch', leadDepartmentId: dept.town, coDepartmentIds: [dept.town2] }, 'leadHandler'], [{ type: 'sign' }, 'townHandler'],
    [{ type: 'sub-reply', text: '已处理' }, 'townHandler', 5], [{ type: 'reply', text: '已办结' }, 'leadHandler', 2],
  ]],
  ['a town returns and the district re-dispatches', [
    [dispatch([]), 'intake'], [{ type: 'sign' }, 'leadHandler'],
    [{ type: 'sub-dispatch', leadDepartmentId: dept.town, coDepartmentIds: [] }, 'leadHandler'], [{ type: 'sign' }, 'townHandler'],
    [{ type: 'request-return', reason: '不属本街道', basis: '辖区' }, 'townHandler'],
    [(c) => ({ type: 'approve-return', assignmentId: c.assignments.find((a) => a.departmentId === dept.town)!.id, newLeadDepartmentId: dept.town2 }), 'leadHandler'],
  ]],
  ['a town returns and the district keeps the part', [
    [dispatch([]), 'intake'], [{ type: 'sign' }, 'leadHandler'],
    [{ type: 'sub-dispatch', leadDepartmentId: dept.town, coDepartmentIds: [dept.town2] }, 'leadHandler'],
    [{ type: 'request-return', reason: '不属本街道', basis: '辖区' }, 'townHandler'],
    [(c) => ({ type: 'approve-return', assignmentId: c.assignments.find((a) => a.departmentId === dept.town)!.id }), 'leadHandler'],
  ]],
  ['a department called in (吹哨报到) gives its opinion', [
    [dispatch([]), 'intake'], [{ type: 'sign' }, 'leadHandler'], [{ type: 'call-in', departmentId: dept.co, reason: '联合检查' }, 'leadHandler'],
    [{ type: 'sign' }, 'coHandler'], [{ type: 'opinion', text: '已到场' }, 'coHandler'],
  ]],
];

function play(steps: Step[]): SimCase {
  let next = 1;
  const c = new SimCase(7, 'complaint', 'normal', () => next++, policy);
  let at = start;
  c.record({ type: 'case.created', payload: { channel: 'hotline', urgency: 'normal', caseType: 'consultation' } }, actors.intake, at);
  for (const [cmd, actor, hours = 1] of steps) {
    at = new Date(at.getTime() + hours * 3_600_000);
    c.run(typeof cmd === 'function' ? cmd(c) : cmd, actors[actor], at);
  }
  return c;
}

const eventsOf = (c: SimCase): ReplayEvent[] => c.events.map((e) => ({ ...e, actorUserId: e.actor.userId } as ReplayEvent));

/** The case row as the repository leaves it: column defaults, then every patch. */
function caseRowOf(c: SimCase): Record<string, unknown> {
  return {
    status: 'submitted', urgency: 'normal', case_type: 'consultation', supervision_level: 'none', round: 0, redo_count: 0, redo_requested: false,
    ...toColumns(c.row, casePatchColumns),
  };
}

function assignmentRowsOf(c: SimCase): Record<string, unknown>[] {
  return c.assignments.map((a) => ({
    id: a.id, department_id: a.departmentId, role: a.role, round: a.round, status: a.status, parent_assignment_id: a.parentId,
    dispatched_at: a.dispatchedAt, sign_deadline: a.signDeadline, signed_at: a.signedAt, opinion_at: a.opinionAt, reply_deadline: a.replyDeadline,
    opinion_deadline: a.opinionDeadline, return_requested_at: a.returnRequestedAt, closed_at: a.closedAt,
  }));
}

function check(c: SimCase, caseRow = caseRowOf(c), assignmentRows = assignmentRowsOf(c)) {
  const replay = replayCase(eventsOf(c), assignmentRows.map((a) => a.id as number).sort((x, y) => x - y));
  return { replay, mismatches: rowMismatches(replay, caseRow, assignmentRows).map((m) => describeMismatch('YW-T', m)) };
}

describe('replayCase: the rows a history played through decide() leaves', () => {
  for (const [name, steps] of scenarios) {
    it(name, () => {
      const c = play(steps);
      const { replay, mismatches } = check(c);
      expect(mismatches).toEqual([]);
      expect(replay.row.status).toBe(c.snapshot.status);
      expect(replay.assignments).toHaveLength(c.assignments.length);
    });
  }

  it('compares the deadlines it can derive, and leaves out only those decide() did not record', () => {
    const resumed = check(play(scenarios.find(([n]) => n === 'suspended and resumed')![1])).replay;
    expect(resumed.unknown.size).toBe(0);
    // The open assignments' deadlines moved by the paused working time: not in case.resumed's payload.
    expect([...resumed.unknownOf.values()].some((s) => s.has('reply_deadline'))).toBe(true);
    const redone = check(play(scenarios.find(([n]) => n.startsWith('unsatisfied, redone'))![1])).replay;
    expect(redone.unknown.has('reply_deadline')).toBe(false);
    expect(redone.row.reply_deadline).not.toBeNull();
  });

  it('reproduces the case type from case.created, and leaves a type out only when the event predates it', () => {
    const c = play([]);
    expect(check(c).replay.row.case_type).toBe('consultation');
    // A row whose type differs from its event is reported.
    expect(check(c, { ...caseRowOf(c), case_type: 'complaint' }).mismatches.join('\n')).toMatch(/case_type/);
    // Registered before migration 0031: the payload has no type, the row was backfilled from the category.
    const old = replayCase([{ type: 'case.created', payload: { channel: 'hotline', urgency: 'normal' }, at: new Date(), actorUserId: 1 }]);
    expect(old.unknown.has('case_type')).toBe(true);
  });
});

describe('replayCase names what a changed row no longer matches', () => {
  const rated = play([...awaiting, [{ type: 'rate', rating: 'unsatisfied', comment: '没解决', wantsRedo: false }, 'submitter']]);

  it.each<[string, Record<string, unknown>, string[]]>([
    ['a rating and reply set by SQL', { rating: 'satisfied', reply_text: 'x' }, ['字段 rating：记录为 satisfied，事件推导为 unsatisfied', '字段 reply_text：记录为 x，事件推导为 已办结']],
    ['a status moved on', { status: 'closed' }, ['字段 status：记录为 closed，事件推导为 awaiting_rating']],
    ['a deadline pushed back', { rating_deadline: new Date('2030-01-01T00:00:00Z') }, ['字段 rating_deadline：记录为 2030-01-01T00:00:00.000Z']],
    ['a redo counted twice', { redo_count: 1 }, ['字段 redo_count：记录为 1，事件推导为 0']],
    ['a supervision level raised', { supervision_level: 'red' }, ['字段 supervision_level：记录为 red，事件推导为 none']],
    ['a lead swapped', { lead_department_id: dept.other }, [`字段 lead_department_id：记录为 ${dept.other}，事件推导为 ${dept.lead}`]],
  ])('%s', (_name, change, expected) => {
    const { mismatches } = check(rated, { ...caseRowOf(rated), ...change });
    for (const text of expected) expect(mismatches.some((m) => m.startsWith('案件 YW-T ') && m.includes(text)), `${text} in ${mismatches.join('\n')}`).toBe(true);
    expect(mismatches).toHaveLength(Object.keys(change).length);
  });

  it('an assignment row changed, added or removed', () => {
    const rows = assignmentRowsOf(rated);
    const lead = rows.find((a) => a.role === 'lead')!;
    expect(check(rated, undefined, rows.map((a) => (a === lead ? { ...a, status: 'pending' } : a))).mismatches)
      .toEqual([`案件 YW-T 交办 #${lead.id} 字段 status：记录为 pending，事件推导为 done`]);
    // A removed row also leaves the events naming an id the history gave to another assignment.
    expect(check(rated, undefined, rows.slice(1)).mismatches).toContain('案件 YW-T 字段 assignments：记录为 1 条交办，事件推导为 2 条交办');
    expect(check(rated, undefined, [...rows, { ...lead, id: 99 }]).mismatches).toEqual(['案件 YW-T 字段 assignments：记录为 3 条交办，事件推导为 2 条交办']);
  });
});

describe('replayCase over the other writers’ events', () => {
  const at = (h: number) => new Date(start.getTime() + h * 3_600_000);
  const ev = (h: number, e: CaseEvent, actorUserId: number | null = null): ReplayEvent => ({ ...e, at: at(h), actorUserId } as ReplayEvent);
  const base = eventsOf(play([[dispatch([]), 'intake']]));

  it.each<[string, ReplayEvent[], string]>([
    ['the sweep urges: urged', [ev(9, { type: 'case.warned', payload: { assignmentId: 1, departmentId: dept.lead, clock: 'sign', level: 'red', deadline: at(8).toISOString() } }),
      ev(9, { type: 'case.urged', payload: { by: 'system', departmentId: dept.lead, reason: '超期', assignmentId: 1 } }),
      ev(9, { type: 'case.escalated', payload: { to: 'supervision_office', reason: '超期', assignmentId: 1 } })], 'urged'],
    ['a yellow order: yellow', [ev(9, { type: 'case.order_issued', payload: { orderId: 5, departmentId: dept.lead, level: 'yellow', demands: '限期', deadline: at(50).toISOString() } })], 'yellow'],
    ['raised to red: red', [ev(9, { type: 'case.order_issued', payload: { orderId: 5, departmentId: dept.lead, level: 'normal', demands: '限期', deadline: at(50).toISOString() } }),
      ev(10, { type: 'case.order_raised', payload: { orderId: 5, from: 'normal', to: 'red', reason: '未落实' } })], 'red'],
    ['a card answered and closed: urged', [ev(9, { type: 'case.order_issued', payload: { orderId: 5, departmentId: dept.lead, level: 'red', demands: '限期', deadline: at(50).toISOString() } }),
      ev(10, { type: 'case.order_answered', payload: { orderId: 5, departmentId: dept.lead, text: '已办' } }),
      ev(11, { type: 'case.order_closed', payload: { orderId: 5, reason: '认可' } })], 'urged'],
    ['an instruction outranks orders', [ev(9, { type: 'case.instructed', payload: { text: '督办' } }),
      ev(10, { type: 'case.order_issued', payload: { orderId: 5, departmentId: dept.lead, level: 'red', demands: '限期', deadline: at(50).toISOString() } })], 'instruction'],
  ])('supervision level — %s', (_name, more, level) => {
    expect(replayCase([...base, ...more], [1]).row.supervision_level).toBe(level);
  });

  it('deadlines recomputed move the lead assignment and the case deadline with it', () => {
    const r0 = replayCase(base, [1]);
    const from = r0.row.reply_deadline!.toISOString();
    const to = '2026-12-01T01:00:00.000Z';
    const r = replayCase([...base, ev(9, { type: 'case.deadlines_recomputed', payload: { reason: '调休', changes: [
      { assignmentId: 1, field: 'replyDeadline', from, to }, { assignmentId: 1, field: 'signDeadline', from: null, to },
    ] } })], [1]);
    expect(r.row.reply_deadline?.toISOString()).toBe(to);
    expect(r.assignments[0]).toMatchObject({ reply_deadline: new Date(to), sign_deadline: new Date(to) });
    expect(r.unknownOf.get(1)?.has('sign_deadline')).toBe(false);
  });

  it('older events without a deadline leave that deadline out of the comparison', () => {
    const old = base.map((e) => (e.type === 'case.dispatched' ? { ...e, payload: { round: 1, leadDepartmentId: dept.lead, coDepartmentIds: [] } } : e)) as ReplayEvent[];
    const r = replayCase(old, [1]);
    expect(r.unknown.has('reply_deadline')).toBe(true);
    expect(r.unknownOf.get(1)?.has('reply_deadline')).toBe(true);
  });

  it('an event naming an assignment its history never created is reported', () => {
    const r = replayCase([...base, ev(9, { type: 'case.signed', payload: { assignmentId: 42, role: 'lead' } })], [1]);
    expect(r.problems).toEqual(['case.signed names assignment 42, which its history never created']);
  });
});

describe('replayCase over imported history', () => {
  const record = (over: Partial<ImportRecord>): ImportRecord => ({
    externalId: 'GD-1', key: 'GD-1', title: '标题', description: '内容', createdAt: new Date('2024-03-05T06:30:00Z'), departmentName: '市住建局',
    sourceStatus: '已办结', state: 'finished', reply: '已办理。', repliedAt: new Date('2024-03-08T02:00:00Z'), rating: 'satisfied',
    closedAt: new Date('2024-03-09T02:00:00Z'), categoryText: null, subcategoryText: null, districtText: null, address: null, phone: null,
    submitterName: null, enterpriseName: null, isPublic: false, fingerprint: 'f', ...over,
  });
  const lead = { id: 7, code: 'zjj', name: '市住房和城乡建设局', kind: 'city_department' as const };
  const category = { id: 3, code: 'other', name: '其他诉求', parentId: null, defaultLeadDepartmentId: 9 };
  const resolved = (rec: ImportRecord, department: typeof lead | null = lead): ResolvedRecord => ({ rowNumber: 2, record: rec, department, district: null, category, warnings: [] });

  it.each<[string, ResolvedRecord]>([
    ['finished with a department', resolved(record({}))],
    ['finished, department unknown, no rating', resolved(record({ departmentName: '某某局', rating: null, repliedAt: null }), null)],
    ['finished, status text not known', resolved(record({ sourceStatus: '归档' }))],
    ['open', resolved(record({ state: 'open', sourceStatus: '办理中', reply: null, rating: null, closedAt: null, repliedAt: null }))],
    ['rejected', resolved(record({ state: 'rejected', sourceStatus: '不予受理', rating: null, repliedAt: null }))],
    ['rejected without a reply', resolved(record({ state: 'rejected', sourceStatus: '已驳回', reply: null, rating: null, repliedAt: null, closedAt: null }))],
  ])('the row planNewCase writes: %s', (_name, r) => {
    const stamp = eventStamp({ userId: 12, role: 'intake', departmentId: 4 }, new Date('2026-11-02T01:00:00Z'));
    const p = planNewCase(501, 'YW-T', 'src', r, stamp);
    const row: Record<string, unknown> = { supervision_level: 'none', redo_count: 0, redo_requested: false, ...p.caseRow };
    for (const k of Object.keys(row)) if (/_at$/.test(k) && typeof row[k] === 'string') row[k] = new Date(row[k] as string);
    const assignments = p.assignment ? [{ id: 900, parent_assignment_id: null, signed_at: null, opinion_at: null, reply_deadline: null, opinion_deadline: null,
      return_requested_at: null, ...p.assignment, dispatched_at: new Date(p.assignment.dispatched_at as string),
      sign_deadline: new Date(p.assignment.sign_deadline as string), closed_at: new Date(p.assignment.closed_at as string) }] : [];
    const replay = replayCase([{ type: p.type, payload: p.payload, at: new Date(stamp.at), actorUserId: 12 } as ReplayEvent], assignments.map((a) => a.id));
    expect(rowMismatches(replay, row, assignments).map((m) => describeMismatch('YW-T', m))).toEqual([]);
  });
});
