import type { ActorRole, CaseStatus } from './status.js';
import type { CommandType } from './types.js';
import * as g from './guards.js';
import type { Guard } from './guards.js';

export interface Transition {
  /** States the command may start from. */
  from: readonly CaseStatus[];
  /** Roles that may issue it. Department handlers additionally need an assignment (see guards). */
  roles: readonly ActorRole[];
  /** Named guards on the case and actor, checked in order; the first failure is the reason shown. */
  guards: readonly Guard[];
}

const desk = ['intake', 'supervisor'] as const;
const dept = ['handler', 'head'] as const;
const inDept = ['dispatched', 'handling'] as const;

/** The transition table: every command, where it may start, who may issue it and what must hold. */
export const transitions: Record<CommandType, Transition> = {
  // The system accepts and dispatches what routing rules or the trained router place with confidence (一触即发).
  accept: { from: ['submitted'], roles: [...desk, 'system'], guards: [g.isNotAccepted] },
  reject: { from: ['submitted'], roles: desk, guards: [] },
  merge: { from: ['submitted'], roles: desk, guards: [] },
  dispatch: { from: ['submitted'], roles: [...desk, 'system'], guards: [] },
  sign: { from: inDept, roles: dept, guards: [g.isPendingSign] },
  'request-return': { from: inDept, roles: dept, guards: [g.isAssignedToActor, g.hasNoReturnPendingForActor, g.isPendingOrSignedByActor] },
  // The desk decides city-level returns; a district decides returns from the towns it dispatched on to.
  'approve-return': { from: inDept, roles: [...desk, ...dept], guards: [g.hasReturnPending] },
  'deny-return': { from: inDept, roles: [...desk, ...dept], guards: [g.hasReturnPending] },
  'request-extension': { from: ['handling'], roles: dept, guards: [g.isLeadOfActor, g.isSignedByActor, g.hasNoPendingExtension] },
  'approve-extension': { from: inDept, roles: ['supervisor'], guards: [g.hasPendingExtension] },
  'deny-extension': { from: inDept, roles: ['supervisor'], guards: [g.hasPendingExtension] },
  suspend: { from: inDept, roles: ['supervisor'], guards: [g.isNotSuspended] },
  resume: { from: inDept, roles: ['supervisor'], guards: [g.isSuspended] },
  opinion: { from: inDept, roles: dept, guards: [g.isCoAwaitingOpinion, g.hasNoLiveChildren] },
  reply: {
    from: ['handling'],
    roles: dept,
    guards: [g.isLeadOfActor, g.isSignedByActor, g.isNotSuspended, g.hasNoReturnPendingOnLead, g.hasAllOpinionsOrDeadlines, g.hasNoLiveChildren],
  },
  'approve-reply': { from: ['replied'], roles: ['supervisor'], guards: [] },
  'send-back': { from: ['replied'], roles: ['supervisor'], guards: [] },
  rate: { from: ['awaiting_rating'], roles: ['intake', 'supervisor', 'submitter'], guards: [g.isNotRated] },
  redo: { from: ['awaiting_rating'], roles: ['supervisor'], guards: [g.isRatedUnsatisfied, g.isRedoAvailable] },
  close: { from: ['awaiting_rating'], roles: ['supervisor', 'system'], guards: [g.isClosable] },
  // 二级派单: a department holding its part dispatches it on to its subordinate units, inside its own deadline.
  'sub-dispatch': { from: inDept, roles: dept, guards: [g.isWorkingByActor, g.hasNoReturnPendingForActor, g.hasNoLiveChildren, g.isNotSuspended] },
  'sub-reply': { from: inDept, roles: dept, guards: [g.isSubLeadOfActor, g.isWorkingByActor, g.hasNoReturnPendingForActor] },
  // 吹哨报到: the lead calls in another department, which must sign within the sign deadline and give an opinion.
  'call-in': { from: ['handling'], roles: dept, guards: [g.isLeadOfActor, g.isSignedByActor, g.isNotSuspended] },
  // 直接答复: the desk answers a consultation from the knowledge base; the case closes with the entry cited. Issued
  // through the knowledge area (which checks the entry), never through the generic command route.
  'answer-directly': { from: ['submitted'], roles: desk, guards: [] },
  instruct: {
    from: ['submitted', 'dispatched', 'handling', 'replied', 'awaiting_rating', 'closed'],
    roles: ['leader'],
    guards: [],
  },
};
