import type { ErrorCode } from '../errors.js';
import {
  canStillRaise, firstRefusal, holdsCase, isCaseSupervisable, isDeadlineAhead, isDepartmentStaff, isHigherLevel,
  isOrderAnsweredOrCaseDone, isOrderNotClosed, isOrderOfActorDepartment, isOrderOpen, isSupervisor, requireOrderText,
  type OrderGuard,
} from './guards.js';
import type { OrderAction, OrderCommand, OrderContext, OrderDecision, OrderPatch, OrderSnapshot } from './types.js';
import { orderActions } from './types.js';
import { attachmentsRefusal } from '../case/decide.js';

// The state guards per action, without the payload checks; allowedOrderActions() runs exactly these.
const actionGuards: Record<OrderAction, readonly OrderGuard[]> = {
  answer: [isDepartmentStaff, isOrderOfActorDepartment, isOrderOpen],
  raise: [isSupervisor, isOrderNotClosed, canStillRaise],
  close: [isSupervisor, isOrderAnsweredOrCaseDone],
};

const issueGuards: readonly OrderGuard[] = [isSupervisor, isCaseSupervisable];

const refuse = (code: ErrorCode): OrderDecision => ({ ok: false, code });

/** Why the actor may not issue an order on this case at all (role, case status), or null. */
export function issueRefusal(ctx: OrderContext): ErrorCode | null {
  return firstRefusal(ctx, null, issueGuards);
}

/** Departments that hold the case and have no order still open: where a new order may go. */
export function issueTargets(ctx: OrderContext): number[] {
  if (issueRefusal(ctx)) return [];
  const s = ctx.caseSnapshot;
  const busy = new Set(ctx.openOrders.map((o) => o.departmentId));
  const held = s.assignments.filter((a) => a.round === s.round && holdsCase(ctx, a.departmentId)).map((a) => a.departmentId);
  return [...new Set(held)].filter((d) => !busy.has(d));
}

export function allowedOrderActions(ctx: OrderContext, order: OrderSnapshot): OrderAction[] {
  return orderActions.filter((a) => firstRefusal(ctx, order, actionGuards[a]) === null);
}

/**
 * The one decision for supervision orders: refusal code, or the order patch and the case event to append.
 * `order` is null for `issue`, which needs the id the caller reserved for the new order.
 */
export function decideOrder(ctx: OrderContext, order: OrderSnapshot | null, cmd: OrderCommand, newOrderId = 0): OrderDecision {
  const { now } = ctx;
  switch (cmd.type) {
    case 'issue': {
      const bad = issueRefusal(ctx)
        ?? (holdsCase(ctx, cmd.departmentId) ? null : 'ORDER_DEPARTMENT_NOT_HOLDING')
        ?? (ctx.openOrders.some((o) => o.departmentId === cmd.departmentId) ? 'ORDER_ALREADY_OPEN' : null)
        ?? requireOrderText(cmd.demands, 'ORDER_DEMANDS_REQUIRED')
        ?? isDeadlineAhead(cmd.deadline, now);
      if (bad) return refuse(bad);
      const patch: OrderPatch = { level: cmd.level, state: 'open', deadline: cmd.deadline };
      return {
        ok: true, patch,
        event: { type: 'case.order_issued', payload: {
          orderId: newOrderId, departmentId: cmd.departmentId, level: cmd.level, demands: cmd.demands.trim(), deadline: cmd.deadline.toISOString(),
        } },
      };
    }
    case 'raise': {
      if (!order) return refuse('NOT_FOUND');
      const bad = firstRefusal(ctx, order, actionGuards.raise)
        ?? isHigherLevel(order.level, cmd.level)
        ?? requireOrderText(cmd.reason, 'REASON_REQUIRED')
        ?? (cmd.deadline ? isDeadlineAhead(cmd.deadline, now) : null);
      if (bad) return refuse(bad);
      // A raised order needs a fresh written answer, so it goes back to open.
      const patch: OrderPatch = { level: cmd.level, state: 'open', raisedAt: now, ...(cmd.deadline ? { deadline: cmd.deadline } : {}) };
      return { ok: true, patch, event: { type: 'case.order_raised', payload: { orderId: order.id, departmentId: order.departmentId, from: order.level, to: cmd.level, reason: cmd.reason.trim() } } };
    }
    case 'answer': {
      if (!order) return refuse('NOT_FOUND');
      const bad = firstRefusal(ctx, order, actionGuards.answer) ?? requireOrderText(cmd.text, 'TEXT_REQUIRED')
        // An order's answer is internal, like a co-handler's opinion: its files stay with staff.
        ?? attachmentsRefusal('opinion', cmd.attachments ?? []);
      if (bad) return refuse(bad);
      const attachments = cmd.attachments?.length ? { attachments: cmd.attachments.map((r) => ({ id: r.id, visibility: r.visibility })) } : {};
      // Late answers are taken (the department did answer) but marked, for assessment.
      const late = now.getTime() > order.deadline.getTime();
      return {
        ok: true,
        patch: { state: 'answered', answerText: cmd.text.trim(), answeredAt: now, answeredLate: late },
        event: { type: 'case.order_answered', payload: { orderId: order.id, departmentId: order.departmentId, text: cmd.text.trim(), ...attachments } },
      };
    }
    case 'close': {
      if (!order) return refuse('NOT_FOUND');
      const bad = firstRefusal(ctx, order, actionGuards.close)
        ?? (order.state !== 'answered' ? requireOrderText(cmd.reason, 'REASON_REQUIRED') : null)
        ?? (cmd.reason && cmd.reason.trim().length > 5000 ? 'TEXT_TOO_LONG' : null);
      if (bad) return refuse(bad);
      const reason = cmd.reason?.trim() || '答复已认可';
      return { ok: true, patch: { state: 'closed', closedAt: now, closeReason: reason }, event: { type: 'case.order_closed', payload: { orderId: order.id, reason } } };
    }
    default: {
      const never: never = cmd;
      return never;
    }
  }
}
