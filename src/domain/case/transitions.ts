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
  accept: { from: ['submitted'], roles: desk, guards: [g.isNotAccepted] },
  reject: { from: ['submitted'], roles: desk, guards: [] },
  merge: { from: ['submitted'], roles: desk, guards: [] },
  dispatch: { from: ['submitted'], roles: desk, guards: [] },
  sign: { from: inDept, roles: dept, guards: [g.isPendingSign] },
  'request-return': { from: inDept, roles: dept, guards: [g.isAssignedToActor, g.hasNoReturnPendingForActor, g.isPendingOrSignedByActor] },
  'approve-return': { from: inDept, roles: desk, guards: [g.hasReturnPending] },
  'deny-return': { from: inDept, roles: desk, guards: [g.hasReturnPending] },
  'request-extension': { from: ['handling'], roles: dept, guards: [g.isLeadOfActor, g.isSignedByActor, g.hasNoPendingExtension] },
  'approve-extension': { from: inDept, roles: ['supervisor'], guards: [g.hasPendingExtension] },
  'deny-extension': { from: inDept, roles: ['supervisor'], guards: [g.hasPendingExtension] },
  suspend: { from: inDept, roles: ['supervisor'], guards: [g.isNotSuspended] },
  resume: { from: inDept, roles: ['supervisor'], guards: [g.isSuspended] },
  opinion: { from: inDept, roles: dept, guards: [g.isCoAwaitingOpinion] },
  reply: {
    from: ['handling'],
    roles: dept,
    guards: [g.isLeadOfActor, g.isSignedByActor, g.isNotSuspended, g.hasNoReturnPendingOnLead, g.hasAllOpinionsOrDeadlines],
  },
  'approve-reply': { from: ['replied'], roles: ['supervisor'], guards: [] },
  'send-back': { from: ['replied'], roles: ['supervisor'], guards: [] },
  rate: { from: ['awaiting_rating'], roles: ['intake', 'supervisor', 'submitter'], guards: [g.isNotRated] },
  redo: { from: ['awaiting_rating'], roles: ['supervisor'], guards: [g.isRatedUnsatisfied, g.isRedoAvailable] },
  close: { from: ['awaiting_rating'], roles: ['supervisor', 'system'], guards: [g.isClosable] },
  instruct: {
    from: ['submitted', 'dispatched', 'handling', 'replied', 'awaiting_rating', 'closed'],
    roles: ['leader'],
    guards: [],
  },
};
