import { z } from 'zod';
import { orderActions, orderLevels, orderStates } from '../domain/supervision/types.js';
import { zAttachmentRefs, zCaseStatus } from './cases.js';
import { zDate as zStrictDate, zId, zStr, zText } from './common.js';

// Wire shapes of supervision orders (督办单), the supervision centre and department pages.

export const zOrderLevel = z.enum(orderLevels);
export const zOrderState = z.enum(orderStates);
export const zOrderAction = z.enum(orderActions);

const zDate = zStrictDate();

/** The deadline as a date (close of that working day) or as N working days from now. */
export const zOrderDeadline = z.union([
  z.object({ date: zDate }),
  z.object({ workingDays: z.number().int().min(1).max(60) }),
]);

export const zIssueOrderRequest = z.object({
  departmentId: zId,
  level: zOrderLevel.default('normal'),
  demands: zStr().max(5000),
  deadline: zOrderDeadline,
});
export type IssueOrderRequest = z.infer<typeof zIssueOrderRequest>;

export const zRaiseOrderRequest = z.object({
  level: zOrderLevel,
  reason: zStr().max(5000),
  deadline: zOrderDeadline.optional(),
});
/** The answer's files are internal (staff with the case), uploaded beforehand with POST /api/cases/{id}/uploads. */
export const zAnswerOrderRequest = z.object({ text: zStr().max(5000), attachments: zAttachmentRefs });
export const zCloseOrderRequest = z.object({ reason: zStr().max(5000).optional() });

export const zOrder = z.object({
  id: z.number(),
  code: z.string(),
  caseId: z.number(),
  caseCode: z.string(),
  caseTitle: z.string(),
  departmentId: z.number(),
  departmentName: z.string(),
  level: zOrderLevel,
  state: zOrderState,
  demands: z.string(),
  deadline: z.string(),
  issuedAt: z.string(),
  issuedByName: z.string().nullable(),
  raisedAt: z.string().nullable(),
  answerText: z.string().nullable(),
  answeredAt: z.string().nullable(),
  answeredLate: z.boolean(),
  closedAt: z.string().nullable(),
  closeReason: z.string().nullable(),
  isOverdue: z.boolean(),
  allowedOrderActions: z.array(zOrderAction),
});
export type Order = z.infer<typeof zOrder>;

export const zCaseOrders = z.object({
  items: z.array(zOrder),
  /** Departments a new order may go to now (empty when the user may not issue one). */
  issueTargets: z.array(z.object({ id: z.number(), name: z.string() })),
});
export type CaseOrders = z.infer<typeof zCaseOrders>;

export const zOrderList = z.object({ items: z.array(zOrder) });

export const zCentreQuery = z.object({
  departmentId: zId.optional(),
  categoryId: zId.optional(),
  overdue: z.enum(['overdue', 'due_soon']).optional(),
  level: z.enum(['none', 'yellow', 'red']).optional(),
  hasOpenOrder: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export type CentreQuery = z.infer<typeof zCentreQuery>;
export const zCentreExportQuery = zCentreQuery.omit({ limit: true });

export const zCentreRow = z.object({
  id: z.number(),
  code: z.string(),
  title: z.string(),
  status: zCaseStatus,
  categoryName: z.string(),
  leadDepartmentId: z.number().nullable(),
  leadDepartmentName: z.string().nullable(),
  warningLevel: z.enum(['none', 'yellow', 'red']),
  supervisionLevel: z.string(),
  replyDeadline: z.string().nullable(),
  isOverdue: z.boolean(),
  ageDays: z.number(),
  openOrderLevel: zOrderLevel.nullable(),
  pendingExtension: z.boolean(),
  pendingReturn: z.boolean(),
  createdAt: z.string(),
});
export type CentreRow = z.infer<typeof zCentreRow>;
export const zCentrePage = z.object({
  items: z.array(zCentreRow),
  /** Every case the filters match (the list shows at most `limit`). */
  total: z.number(),
  /** Of the cases the filters other than 时限 match, how many are overdue by the one definition (overdueDefinition). */
  overdueCount: z.number(),
});
export type CentrePage = z.infer<typeof zCentrePage>;

export const zBulkIssueRequest = z.object({
  caseIds: z.array(zId).min(1).max(200),
  level: zOrderLevel.default('normal'),
  demands: zStr().max(5000),
  deadline: zOrderDeadline,
});
export const zBulkInstructRequest = z.object({ caseIds: z.array(zId).min(1).max(200), text: zText(5000) });
export const zBulkResult = z.object({
  results: z.array(z.object({ caseId: z.number(), ok: z.boolean(), orderId: z.number().nullable(), code: z.string().nullable(), message: z.string().nullable() })),
});
export type BulkResult = z.infer<typeof zBulkResult>;

export const zDepartmentPage = z.object({
  department: z.object({ id: z.number(), name: z.string() }),
  cases: z.array(zCentreRow),
  orders: z.array(zOrder),
});
export type DepartmentPage = z.infer<typeof zDepartmentPage>;
