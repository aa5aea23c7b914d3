import { defaultCalendar } from '../../../../domain/calendar/index.js';
import { AppError } from '../../../errors.js';
import type { AppDeps } from '../../../deps.js';
import type { StaffUser } from '../../../kernel/index.js';
import { cityTexts } from '../../settings/index.js';
import { findCentreRows } from '../centre.js';
import { checkDepartmentAccess, getOrder } from '../order-queries.js';
import { workingTimeOf } from '../order-commands.js';
import { summaryOf, type OrderDocument } from './order-docx.js';
import type { OverdueList } from './overdue-list.js';

export async function loadOrderDocument(deps: AppDeps, user: StaffUser, orderId: number): Promise<OrderDocument> {
  const o = await getOrder(deps, user, orderId);
  const c = await deps.database.db.selectFrom('cases').select(['description']).where('id', '=', o.caseId).executeTakeFirstOrThrow();
  return {
    code: o.code, level: o.level, departmentName: o.departmentName, caseCode: o.caseCode, caseTitle: o.caseTitle,
    caseSummary: summaryOf(c.description), demands: o.demands, deadline: new Date(o.deadline), issuedAt: new Date(o.issuedAt),
    answerText: o.answerText, answeredAt: o.answeredAt ? new Date(o.answeredAt) : null, cityName: (await cityTexts(deps.database.db)).cityName,
  };
}

/** The department's cases past their reply deadline, counted in working days. */
export async function loadOverdueList(deps: AppDeps, user: StaffUser, departmentId: number): Promise<OverdueList> {
  checkDepartmentAccess(user, departmentId);
  const dir = await deps.directory.ready();
  const dept = dir.department(departmentId);
  if (!dept) throw new AppError('DEPARTMENT_NOT_FOUND');
  const now = deps.now();
  // An export may be a few seconds old: it reads from the replica when one is configured (deps.readDb).
  const reads = { ...deps, database: { ...deps.database, db: deps.readDb } };
  const { items: rows } = await findCentreRows(reads, { holdingDepartmentId: departmentId, overdue: 'overdue', limit: 500 });
  const roles = rows.length
    ? await deps.readDb.selectFrom('assignments as a').innerJoin('cases as c', 'c.id', 'a.case_id').select(['a.case_id', 'a.role'])
      .where('a.case_id', 'in', rows.map((r) => r.id)).where('a.department_id', '=', departmentId).whereRef('a.round', '=', 'c.round')
      .where('a.status', 'in', ['pending', 'signed', 'done']).execute()
    : [];
  const roleOf = new Map(roles.map((r) => [r.case_id, r.role === 'lead' ? '主办' : '协办']));
  const time = workingTimeOf(deps) as Partial<typeof defaultCalendar>;
  const daysBetween = (a: Date, b: Date) => (time.workingDaysBetween ? time.workingDaysBetween.call(time, a, b) : defaultCalendar.workingDaysBetween(a, b));
  return {
    departmentName: dept.name, asOf: now,
    items: rows.map((r) => ({
      code: r.code, title: r.title, categoryName: r.categoryName, role: roleOf.get(r.id) ?? '', leadDepartmentName: r.leadDepartmentName ?? '',
      createdAt: new Date(r.createdAt), replyDeadline: new Date(r.replyDeadline!),
      overdueDays: Math.max(1, daysBetween(new Date(r.replyDeadline!), now)), orderLevel: r.openOrderLevel,
    })),
  };
}
