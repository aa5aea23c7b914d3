import type { ErrorCode } from '../errors.js';
import { isIn } from '../case/status.js';
import { maxOrderText, orderLevels, type OrderContext, type OrderLevel, type OrderSnapshot } from './types.js';

// Named predicates for supervision orders: each returns the code that explains a refusal, or null.

export type OrderGuard = (ctx: OrderContext, order: OrderSnapshot | null) => ErrorCode | null;

export const rankOf = (level: OrderLevel): number => orderLevels.indexOf(level);

export const isSupervisor: OrderGuard = (ctx) => (ctx.actor.role === 'supervisor' ? null : 'ROLE_NOT_ALLOWED');

export const isDepartmentStaff: OrderGuard = (ctx) =>
  ctx.actor.role === 'handler' || ctx.actor.role === 'head' ? null : 'ROLE_NOT_ALLOWED';

/** Orders go to cases a department still holds: dispatched, being handled, or replied and under review. */
export const isCaseSupervisable: OrderGuard = (ctx) =>
  isIn('inDepartment', ctx.caseSnapshot.status) || ctx.caseSnapshot.status === 'replied' ? null : 'ORDER_CASE_NOT_OPEN';

/** The department holds the case: a live assignment in the current round. */
export function holdsCase(ctx: OrderContext, departmentId: number): boolean {
  const s = ctx.caseSnapshot;
  return s.assignments.some((a) => a.departmentId === departmentId && a.round === s.round
    && (a.status === 'pending' || a.status === 'signed' || a.status === 'done'));
}

export const isOrderOfActorDepartment: OrderGuard = (ctx, order) =>
  order && order.departmentId === ctx.actor.departmentId ? null : 'ORDER_NOT_OWN_DEPARTMENT';

export const isOrderOpen: OrderGuard = (_ctx, order) => {
  if (order?.state === 'closed') return 'ORDER_CLOSED';
  return order?.state === 'open' ? null : 'ORDER_ALREADY_ANSWERED';
};

export const isOrderNotClosed: OrderGuard = (_ctx, order) => (order?.state === 'closed' ? 'ORDER_CLOSED' : null);

/** The supervisor accepts an answer; an unanswered order closes only when the case itself has left the departments. */
export const isOrderAnsweredOrCaseDone: OrderGuard = (ctx, order) => {
  if (order?.state === 'closed') return 'ORDER_CLOSED';
  if (order?.state === 'answered') return null;
  return isCaseSupervisable(ctx, order) ? null : 'ORDER_NOT_ANSWERED';
};

/** Raising is allowed while a higher level exists; the highest level cannot be raised further. */
export const canStillRaise: OrderGuard = (_ctx, order) =>
  order && rankOf(order.level) < rankOf('red') ? null : 'ORDER_LEVEL_NOT_RAISED';

export function isHigherLevel(from: OrderLevel, to: OrderLevel): ErrorCode | null {
  return rankOf(to) > rankOf(from) ? null : 'ORDER_LEVEL_NOT_RAISED';
}

export function isDeadlineAhead(deadline: Date, now: Date): ErrorCode | null {
  return deadline.getTime() > now.getTime() ? null : 'ORDER_DEADLINE_INVALID';
}

export function requireOrderText(text: string | undefined, missing: ErrorCode): ErrorCode | null {
  const t = text?.trim() ?? '';
  if (!t) return missing;
  return t.length > maxOrderText ? 'TEXT_TOO_LONG' : null;
}

export function firstRefusal(ctx: OrderContext, order: OrderSnapshot | null, guards: readonly OrderGuard[]): ErrorCode | null {
  for (const g of guards) {
    const code = g(ctx, order);
    if (code) return code;
  }
  return null;
}
