import { z } from 'zod';
import { itemLights, itemReportStates, itemSourceKinds, itemStates } from '../domain/items/types.js';
import { orderLevels, orderStates } from '../domain/supervision/types.js';
import { zDate as zStrictDate, zId, zStr, zText } from './common.js';

// Wire shapes of supervised items (督办事项): create/edit, list, detail, progress reports, review, orders, 销号.

const zDate = zStrictDate();
export const zItemSourceKind = z.enum(itemSourceKinds);
export const zItemState = z.enum(itemStates);
export const zItemLight = z.enum(itemLights);
export const zItemReportState = z.enum(itemReportStates);

export const zMilestoneDue = z.union([
  z.object({ date: zDate }),
  z.object({ workingDays: z.number().int().min(0).max(2000) }),
]);

export const zReportSchedule = z.union([
  z.object({ frequency: z.literal('none') }),
  z.object({ frequency: z.enum(['monthly', 'quarterly']), day: z.number().int() }),
]);

export const zTargetInput = z.object({
  name: zText(100),
  measure: zText(20),
  value: z.number().finite(),
  sites: z.array(zText(200)).max(500).default([]),
});

export const zMilestoneInput = z.object({ title: zText(200), due: zMilestoneDue });

export const zCreateItemRequest = z.object({
  title: zText(200),
  sourceKind: zItemSourceKind,
  sourceRef: zStr().trim().max(500).default(''),
  sourceDate: zDate.nullable().default(null),
  sourceWords: zStr().trim().max(5000).nullable().default(null),
  /** A user with the leader role, or only a name (leaderName). */
  leaderUserId: zId.nullable().default(null),
  leaderName: zStr().trim().max(50).default(''),
  leadDepartmentId: zId,
  coDepartmentIds: z.array(zId).max(50).default([]),
  description: zStr().trim().max(5000).default(''),
  startDate: zDate,
  endDate: zDate,
  schedule: zReportSchedule,
  targets: z.array(zTargetInput).max(50).default([]),
  milestones: z.array(zMilestoneInput).max(200).default([]),
});
export type CreateItemRequest = z.infer<typeof zCreateItemRequest>;
export type CreateItemInput = z.input<typeof zCreateItemRequest>;

export const zEditItemRequest = z.object({
  title: zText(200).optional(),
  description: zStr().trim().max(5000).optional(),
  leaderUserId: zId.nullable().optional(),
  leaderName: zStr().trim().max(50).optional(),
  coDepartmentIds: z.array(zId).max(50).optional(),
  endDate: zDate.optional(),
  addMilestones: z.array(zMilestoneInput).max(50).optional(),
  leadDepartmentId: zId.optional(),
  schedule: zReportSchedule.optional(),
  /** Targets changed (with their id) or added (without); a target not listed stays as it is. */
  targets: z.array(zTargetInput.extend({ targetId: zId.optional() })).max(50).optional(),
  /** Open milestones changed (with their id) or added (without); a done milestone cannot change. */
  milestones: z.array(zMilestoneInput.extend({ milestoneId: zId.optional() })).max(200).optional(),
});
export type EditItemRequest = z.infer<typeof zEditItemRequest>;

export const zReportRequest = z.object({
  text: zText(5000),
  figures: z.array(z.object({ targetId: zId, value: z.number().finite().min(0) })).max(50).default([]),
  milestoneIds: z.array(zId).max(200).default([]),
  fileIds: z.array(zId).max(20).default([]),
});
export type ReportRequest = z.infer<typeof zReportRequest>;

export const zReviewRequest = z.union([
  z.object({ decision: z.literal('accept') }),
  z.object({ decision: z.literal('return'), reason: zStr().trim().max(2000) }),
]);
export type ReviewRequest = z.infer<typeof zReviewRequest>;

export const zCloseItemRequest = z.object({ evidence: zStr().trim().max(5000), fileIds: z.array(zId).max(20).default([]) });

export const zItemOrderRequest = z.object({
  departmentId: zId,
  level: z.enum(orderLevels).default('normal'),
  demands: zText(5000),
  deadline: z.union([z.object({ date: zDate }), z.object({ workingDays: z.number().int().min(1).max(60) })]),
});
export const zItemOrderAnswerRequest = z.object({ text: zText(5000) });
export const zItemOrderCloseRequest = z.object({ reason: zStr().trim().max(2000).optional() });

export const zItemsQuery = z.object({
  sourceKind: zItemSourceKind.optional(),
  leader: zStr().trim().max(50).optional(),
  departmentId: zId.optional(),
  light: zItemLight.optional(),
  state: zItemState.optional(),
  /** mine: the items of the viewer's unit (本单位督办事项). */
  scope: z.enum(['all', 'mine']).default('all'),
  q: zStr().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type ItemsQuery = z.infer<typeof zItemsQuery>;

const zReason = z.object({ level: z.enum(['yellow', 'red']), key: z.string(), text: z.string() });

export const zItemSummary = z.object({
  id: z.number(),
  code: z.string(),
  title: z.string(),
  sourceKind: zItemSourceKind,
  sourceRef: z.string(),
  leaderName: z.string(),
  leadDepartmentId: z.number(),
  leadDepartmentName: z.string(),
  coDepartmentNames: z.array(z.string()),
  startDate: z.string(),
  endDate: z.string(),
  state: zItemState,
  light: zItemLight,
  lightReasons: z.array(zReason),
  nextMilestone: z.object({ title: z.string(), dueDate: z.string() }).nullable(),
  progressShare: z.number().nullable(),
  /** The record that made the item (a suggestion, an indicator's reform measure), else null. */
  origin: z.object({ type: z.string(), id: z.number() }).nullable(),
  isDemo: z.boolean(),
});
export type ItemSummary = z.infer<typeof zItemSummary>;
export const zItemsPage = z.object({ items: z.array(zItemSummary), total: z.number(), page: z.number(), pageSize: z.number() });

export const itemActions = ['edit', 'report', 'review', 'order', 'close'] as const;
export type ItemAction = (typeof itemActions)[number];

export const zItemDetail = zItemSummary.extend({
  sourceDate: z.string().nullable(),
  sourceWords: z.string().nullable(),
  leaderUserId: z.number().nullable(),
  coDepartmentIds: z.array(z.number()),
  coDepartments: z.array(z.object({ id: z.number(), name: z.string() })),
  description: z.string(),
  schedule: z.object({ frequency: z.enum(['none', 'monthly', 'quarterly']), day: z.number().nullable() }),
  reportPeriods: z.array(z.object({ period: z.string(), dueDate: z.string(), reported: z.boolean(), isPastDue: z.boolean() })),
  targets: z.array(z.object({ id: z.number(), name: z.string(), measure: z.string(), value: z.number(), progress: z.number(), sites: z.array(z.string()) })),
  milestones: z.array(z.object({
    id: z.number(), title: z.string(), dueDate: z.string(), dueWorkingDays: z.number().nullable(), doneAt: z.string().nullable(), isOverdue: z.boolean(),
  })),
  reports: z.array(z.object({
    id: z.number(), departmentId: z.number(), departmentName: z.string(), period: z.string().nullable(), dueAt: z.string().nullable(), text: z.string(),
    figures: z.array(z.object({ targetId: z.number(), value: z.number() })), milestoneIds: z.array(z.number()),
    files: z.array(z.object({ id: z.number(), fileName: z.string() })),
    warnings: z.array(z.object({ code: z.string(), targetId: z.number().optional() })), isLate: z.boolean(), state: zItemReportState,
    submittedByName: z.string().nullable(), submittedAt: z.string(), reviewedAt: z.string().nullable(), reviewReason: z.string().nullable(),
  })),
  orders: z.array(z.object({
    id: z.number(), code: z.string(), departmentId: z.number(), departmentName: z.string(), level: z.enum(orderLevels), state: z.enum(orderStates),
    demands: z.string(), deadline: z.string(), issuedAt: z.string(), answerText: z.string().nullable(), answeredAt: z.string().nullable(),
    answeredLate: z.boolean(), closedAt: z.string().nullable(), closeReason: z.string().nullable(), isOverdue: z.boolean(),
    allowedOrderActions: z.array(z.enum(['answer', 'close'])),
  })),
  events: z.array(z.object({ seq: z.number(), type: z.string(), at: z.string(), actorName: z.string().nullable(), actorRole: z.string(), payload: z.unknown() })),
  closedAt: z.string().nullable(),
  closeEvidence: z.string().nullable(),
  createdAt: z.string(),
  allowedActions: z.array(z.enum(itemActions)),
  /** Why an action the viewer's role could take is not available now (zh-CN), by action. */
  blockedActions: z.record(z.string(), z.string()),
});
export type ItemDetail = z.infer<typeof zItemDetail>;

/** zh-CN text of a report warning's code. */
export const itemWarningMessages: Record<string, string> = {
  FIGURE_ABOVE_TARGET: '报送数据超过目标值，已保留并提示核实',
  REPORT_LATE: '已超过本期报送截止日期，按逾期报送记录',
};
