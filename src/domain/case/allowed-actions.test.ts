import { describe, expect, it } from 'vitest';
import { actors, CaseBuilder, type ActorName } from '../../../test/kit/case-builder.js';
import { allowedActions, refusal } from './decide.js';
import { commandTypes, type CaseSnapshot, type CommandType } from './types.js';

// Written out by hand from DESIGN.md, not derived from the transition table, so the table is what is under test.
const states: Record<string, () => CaseSnapshot> = {
  submitted: () => new CaseBuilder().copy(),
  accepted: () => new CaseBuilder().run({ type: 'accept' }, 'intake').copy(),
  dispatched: () => new CaseBuilder().dispatched().copy(),
  handlingCoPending: () => new CaseBuilder().handling().copy(),
  handlingCoSigned: () => new CaseBuilder().handling().run({ type: 'sign' }, 'coHandler').copy(),
  handlingOpinionsDone: () => new CaseBuilder().opinionsDone().copy(),
  returnRequested: () => new CaseBuilder().handling().run({ type: 'request-return', reason: '非本部门职责', basis: '三定方案' }, 'leadHandler').copy(),
  extensionRequested: () => new CaseBuilder().opinionsDone().run({ type: 'request-extension', until: new Date('2027-01-29T17:30:00+08:00'), reason: '需现场核查' }, 'leadHandler').copy(),
  suspended: () => new CaseBuilder().opinionsDone().run({ type: 'suspend', reason: '等待鉴定' }, 'supervisor').copy(),
  replied: () => new CaseBuilder().replied().copy(),
  awaitingRating: () => new CaseBuilder().awaitingRating().copy(),
  ratedUnsatisfied: () => new CaseBuilder().awaitingRating().run({ type: 'rate', rating: 'unsatisfied', comment: '未解决' }, 'intake').copy(),
  closed: () => new CaseBuilder().awaitingRating().run({ type: 'rate', rating: 'satisfied', comment: '' }, 'intake').copy(),
  rejected: () => new CaseBuilder().run({ type: 'reject', reason: '不属于受理范围' }, 'intake').copy(),
  merged: () => new CaseBuilder().run({ type: 'merge', duplicateOf: 99 }, 'intake').copy(),
  subDispatched: () => new CaseBuilder().subDispatched().copy(),
  subSigned: () => new CaseBuilder().subDispatched().run({ type: 'sign' }, 'townHandler').copy(),
  subReturnRequested: () => new CaseBuilder().subDispatched().run({ type: 'sign' }, 'townHandler')
    .run({ type: 'request-return', reason: '不在本镇辖区', basis: '行政区划' }, 'townHandler').copy(),
  subReplied: () => new CaseBuilder().subDispatched().run({ type: 'sign' }, 'townHandler').run({ type: 'sub-reply', text: '已现场处理' }, 'townHandler').copy(),
  calledIn: () => new CaseBuilder().handling(false).run({ type: 'call-in', departmentId: 30, reason: '需要联合执法' }, 'leadHandler').copy(),
};

type Expect = Partial<Record<ActorName, CommandType[]>>;
const desk: CommandType[] = ['accept', 'reject', 'merge', 'dispatch'];
const expected: Record<keyof typeof states, Expect> = {
  submitted: { intake: desk, supervisor: desk, leader: ['instruct'], system: ['accept', 'dispatch'] },
  accepted: { intake: ['reject', 'merge', 'dispatch'], supervisor: ['reject', 'merge', 'dispatch'], leader: ['instruct'], system: ['dispatch'] },
  dispatched: {
    leadHandler: ['sign', 'request-return'], leadHead: ['sign', 'request-return'], coHandler: ['sign', 'request-return'],
    supervisor: ['suspend'], leader: ['instruct'],
  },
  handlingCoPending: {
    leadHandler: ['request-return', 'request-extension', 'sub-dispatch', 'call-in'], leadHead: ['request-return', 'request-extension', 'sub-dispatch', 'call-in'],
    coHandler: ['sign', 'request-return'], supervisor: ['suspend'], leader: ['instruct'],
  },
  handlingCoSigned: {
    leadHandler: ['request-return', 'request-extension', 'sub-dispatch', 'call-in'], leadHead: ['request-return', 'request-extension', 'sub-dispatch', 'call-in'],
    coHandler: ['request-return', 'opinion', 'sub-dispatch'], supervisor: ['suspend'], leader: ['instruct'],
  },
  handlingOpinionsDone: {
    leadHandler: ['request-return', 'request-extension', 'reply', 'sub-dispatch', 'call-in'], leadHead: ['request-return', 'request-extension', 'reply', 'sub-dispatch', 'call-in'],
    supervisor: ['suspend'], leader: ['instruct'],
  },
  returnRequested: {
    intake: ['approve-return', 'deny-return'], supervisor: ['approve-return', 'deny-return', 'suspend'],
    leadHandler: ['request-extension', 'call-in'], leadHead: ['request-extension', 'call-in'], coHandler: ['sign', 'request-return'], leader: ['instruct'],
  },
  extensionRequested: {
    supervisor: ['approve-extension', 'deny-extension', 'suspend'], leadHandler: ['request-return', 'reply', 'sub-dispatch', 'call-in'],
    leadHead: ['request-return', 'reply', 'sub-dispatch', 'call-in'], leader: ['instruct'],
  },
  suspended: {
    supervisor: ['resume'], leadHandler: ['request-return', 'request-extension'], leadHead: ['request-return', 'request-extension'], leader: ['instruct'],
  },
  replied: { supervisor: ['approve-reply', 'send-back'], leader: ['instruct'] },
  awaitingRating: { intake: ['rate'], supervisor: ['rate'], submitter: ['rate'], leader: ['instruct'] },
  ratedUnsatisfied: { supervisor: ['redo', 'close'], leader: ['instruct'] },
  closed: { leader: ['instruct'] },
  rejected: {},
  merged: {},
  // 二级派单: the district (lead) waits for its towns before replying; a town signs, reports or returns to the district.
  subDispatched: {
    leadHandler: ['request-return', 'request-extension', 'call-in'], leadHead: ['request-return', 'request-extension', 'call-in'],
    townHandler: ['sign', 'request-return'], town2Handler: ['sign', 'request-return'], supervisor: ['suspend'], leader: ['instruct'],
  },
  subSigned: {
    leadHandler: ['request-return', 'request-extension', 'call-in'], leadHead: ['request-return', 'request-extension', 'call-in'],
    townHandler: ['request-return', 'sub-dispatch', 'sub-reply'], town2Handler: ['sign', 'request-return'], supervisor: ['suspend'], leader: ['instruct'],
  },
  // The town's return goes to its district, not to the desk.
  subReturnRequested: {
    leadHandler: ['request-return', 'approve-return', 'deny-return', 'request-extension', 'call-in'],
    leadHead: ['request-return', 'approve-return', 'deny-return', 'request-extension', 'call-in'],
    town2Handler: ['sign', 'request-return'], supervisor: ['suspend'], leader: ['instruct'],
  },
  subReplied: {
    leadHandler: ['request-return', 'request-extension', 'reply', 'sub-dispatch', 'call-in'],
    leadHead: ['request-return', 'request-extension', 'reply', 'sub-dispatch', 'call-in'],
    supervisor: ['suspend'], leader: ['instruct'],
  },
  // 吹哨报到: the called department signs and gives its opinion like a co-handler; the lead waits for it to reply.
  calledIn: {
    leadHandler: ['request-return', 'request-extension', 'sub-dispatch', 'call-in'], leadHead: ['request-return', 'request-extension', 'sub-dispatch', 'call-in'],
    otherHandler: ['sign', 'request-return'], supervisor: ['suspend'], leader: ['instruct'],
  },
};

const now = new Date('2026-11-02T12:00:00+08:00');

describe('allowedActions: every (state, command, role) pair', () => {
  for (const [state, build] of Object.entries(states)) {
    const snapshot = build();
    for (const actorName of Object.keys(actors) as ActorName[]) {
      const allowed = expected[state][actorName] ?? [];
      it(`${state} × ${actorName} → [${allowed.join(', ')}]`, () => {
        expect(allowedActions(snapshot, actors[actorName], now)).toEqual(commandTypes.filter((c) => allowed.includes(c)));
        for (const command of commandTypes) {
          const code = refusal(snapshot, command, actors[actorName], now);
          if (allowed.includes(command)) expect(code, command).toBeNull();
          else expect(code, command).toMatch(/^[A-Z_]+$/);
        }
      });
    }
  }
});
