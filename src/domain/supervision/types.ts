import type { AttachmentRef } from '../case/types.js';
import type { Actor, CaseSnapshot, NewEvent } from '../case/types.js';
import type { ErrorCode } from '../errors.js';

// A supervision order (督办单): the supervision office's written demand to a department holding a case.

export const orderLevels = ['normal', 'yellow', 'red'] as const;
export type OrderLevel = (typeof orderLevels)[number];

/** open: waiting for the department's written answer; answered: waiting for the supervisor; closed: accepted. */
export const orderStates = ['open', 'answered', 'closed'] as const;
export type OrderState = (typeof orderStates)[number];

export const orderActions = ['answer', 'raise', 'close'] as const;
export type OrderAction = (typeof orderActions)[number];

export interface OrderSnapshot {
  id: number;
  departmentId: number;
  level: OrderLevel;
  state: OrderState;
  deadline: Date;
}

export type OrderCommand =
  | { type: 'issue'; departmentId: number; level: OrderLevel; demands: string; deadline: Date }
  | { type: 'raise'; level: OrderLevel; reason: string; deadline?: Date }
  | { type: 'answer'; text: string; attachments?: AttachmentRef[] }
  | { type: 'close'; reason?: string };

/** Changes to an order row; `answered` marks whether the answer came after the deadline. */
export interface OrderPatch {
  level?: OrderLevel;
  state?: OrderState;
  deadline?: Date;
  answerText?: string;
  answeredAt?: Date;
  answeredLate?: boolean;
  closedAt?: Date;
  closeReason?: string;
  raisedAt?: Date;
}

export type OrderDecision =
  | { ok: true; patch: OrderPatch; event: NewEvent }
  | { ok: false; code: ErrorCode };

/** What the rules look at: the case (status, round, assignments), the orders already on it, the actor and now. */
export interface OrderContext {
  caseSnapshot: Pick<CaseSnapshot, 'status' | 'round' | 'assignments'>;
  /** Orders of the case that are not closed (to refuse a second open order to one department). */
  openOrders: readonly OrderSnapshot[];
  actor: Actor;
  now: Date;
}

export const maxOrderText = 5000;
