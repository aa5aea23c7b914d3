import type { Order } from '../../../contracts/supervision.js';
import type { Actor } from '../../../domain/case/types.js';
import type { CaseStatus } from '../../../domain/case/status.js';
import { allowedOrderActions, type OrderContext } from '../../../domain/supervision/index.js';
import type { SupervisionOrderRow } from '../../db/schema-supervision.js';
import type { Names } from '../org/index.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export type OrderWithCase = Omit<SupervisionOrderRow, 'case_id'> & { case_id: number; case_code: string; case_title: string; case_status: string; case_round: number };

/**
 * An order with the actions this user may take on it now. Answer, raise and close look only at the order, the
 * actor and the case's status, so a list needs no assignments (those matter only for issuing).
 */
export function presentOrder(o: OrderWithCase, names: Names, actor: Actor, now: Date): Order {
  const ctx: OrderContext = { caseSnapshot: { status: o.case_status as CaseStatus, round: o.case_round, assignments: [] }, openOrders: [], actor, now };
  const snapshot = { id: o.id, departmentId: o.department_id, level: o.level, state: o.state, deadline: o.deadline };
  return {
    id: o.id, code: o.code, caseId: o.case_id, caseCode: o.case_code, caseTitle: o.case_title,
    departmentId: o.department_id, departmentName: names.department(o.department_id) ?? '',
    level: o.level, state: o.state, demands: o.demands, deadline: o.deadline.toISOString(), issuedAt: o.issued_at.toISOString(),
    issuedByName: names.user(o.issued_by), raisedAt: iso(o.raised_at), answerText: o.answer_text, answeredAt: iso(o.answered_at),
    answeredLate: o.answered_late, closedAt: iso(o.closed_at), closeReason: o.close_reason,
    isOverdue: o.state === 'open' && o.deadline.getTime() < now.getTime(),
    allowedOrderActions: allowedOrderActions(ctx, snapshot),
  };
}
