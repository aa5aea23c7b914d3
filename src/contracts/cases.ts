import { z } from 'zod';
import { caseKinds, caseStatuses, ratings, urgencies } from '../domain/case/status.js';
import { attachmentVisibilities, commandTypes, maxEventAttachments } from '../domain/case/types.js';
import { zCaseEventBody } from '../domain/events/catalogue.js';
import { zId, zText, zStr, zInstant } from './common.js';

export const zCaseStatus = z.enum(caseStatuses);
export const zRating = z.enum(ratings);
export const zUrgency = z.enum(urgencies);
/** 诉求类型: consultation | help | complaint | report | suggestion | praise. */
export const zCaseType = z.enum(caseKinds);
export const zChannel = z.enum(['hotline', 'web', 'letter', 'import', 'open311', 'staff']);
export const zCommandType = z.enum(commandTypes);

const phonePattern = /^[0-9+\-() ]{5,20}$/;

export const zCreateCaseRequest = z.object({
  title: zText(100),
  description: zText(5000),
  categoryId: zId,
  /** 诉求类型; absent: the category's kind. */
  caseType: zCaseType.optional(),
  channel: z.enum(['hotline', 'letter', 'staff']).default('hotline'),
  urgency: zUrgency.default('normal'),
  submitterName: zText(50),
  submitterPhone: zStr().trim().regex(phonePattern, '电话号码格式不正确'),
  enterpriseName: zStr().trim().max(100).optional(),
  enterpriseCreditCode: zStr().trim().max(18).optional(),
  districtId: zId.optional(),
  address: zStr().trim().max(200).optional(),
  isPublic: z.boolean().default(false),
  isNamePublic: z.boolean().default(false),
});
export type CreateCaseRequest = z.infer<typeof zCreateCaseRequest>;

/** Files uploaded beforehand (POST /api/cases/{id}/uploads) carried by the command: id and who may see it. */
export const zAttachmentRefs = z.array(z.object({ id: zId, visibility: z.enum(attachmentVisibilities).default('internal') })).max(maxEventAttachments).optional();

// One schema per command body. The URL names the command: POST /api/cases/{id}/{command}.
const zReason = z.object({ reason: zStr().max(5000) });
export const commandBodies = {
  accept: z.object({}),
  reject: zReason,
  merge: z.object({ duplicateOf: zId }),
  dispatch: z.object({
    leadDepartmentId: zId,
    coDepartmentIds: z.array(zId).max(20).default([]),
    /** Staff dispatching one of the router's suggestions say so; rules and the model dispatch as the system. */
    routing: z.object({
      source: z.enum(['suggestion', 'manual']),
      modelVersion: z.number().int().optional(),
      confidence: z.number().min(0).max(1).optional(),
    }).optional(),
  }),
  sign: z.object({}),
  'request-return': z.object({ reason: zStr().max(5000), basis: zStr().max(5000), attachments: zAttachmentRefs }),
  'approve-return': z.object({ assignmentId: zId, newLeadDepartmentId: zId.optional() }),
  'deny-return': z.object({ assignmentId: zId, reason: zStr().max(5000) }),
  'request-extension': z.object({ until: zInstant(), reason: zStr().max(5000), attachments: zAttachmentRefs }),
  'approve-extension': z.object({}),
  'deny-extension': zReason,
  suspend: zReason,
  resume: z.object({}),
  opinion: z.object({ text: zStr().max(5000), attachments: zAttachmentRefs }),
  /** A reply's files default to the submitter's eyes (the reply is addressed to them); public adds the board. */
  reply: z.object({ text: zStr().max(5000), attachments: z.array(z.object({ id: zId, visibility: z.enum(attachmentVisibilities).default('submitter') })).max(maxEventAttachments).optional() }),
  'approve-reply': z.object({}),
  'send-back': zReason,
  rate: z.object({ rating: zRating, comment: zStr().max(5000).default(''), wantsRedo: z.boolean().optional() }),
  redo: zReason,
  close: z.object({ reason: zStr().max(5000).optional() }),
  instruct: z.object({ text: zStr().max(5000) }),
  'sub-dispatch': z.object({ leadDepartmentId: zId, coDepartmentIds: z.array(zId).max(20).default([]), replyBy: zInstant().optional() }),
  'sub-reply': z.object({ text: zStr().max(5000), attachments: zAttachmentRefs }),
  'call-in': z.object({ departmentId: zId, reason: zStr().max(5000) }),
} satisfies Record<(typeof commandTypes)[number], z.ZodType>;

export const zAssignment = z.object({
  id: z.number(),
  departmentId: z.number(),
  departmentName: z.string(),
  role: z.enum(['lead', 'co']),
  round: z.number(),
  status: z.enum(['pending', 'signed', 'done', 'returned', 'cancelled']),
  dispatchedAt: z.string(),
  signDeadline: z.string(),
  signedAt: z.string().nullable(),
  opinionDeadline: z.string().nullable(),
  opinion: z.string().nullable(),
  opinionAt: z.string().nullable(),
  replyDeadline: z.string().nullable(),
  returnReason: z.string().nullable(),
  returnBasis: z.string().nullable(),
  returnRequestedAt: z.string().nullable(),
  /** 二级派单: the assignment this one was dispatched on from. */
  parentAssignmentId: z.number().nullable(),
});
export type Assignment = z.infer<typeof zAssignment>;

/** An event of the case's timeline: who and when, with the type and payload of the event catalogue (src/domain/events). */
export const zCaseEvent = z.object({
  seq: z.number(),
  at: z.string(),
  actorUserId: z.number().nullable(),
  actorName: z.string().nullable(),
  actorDepartmentId: z.number().nullable(),
  actorDepartmentName: z.string().nullable(),
  actorRole: z.string(),
}).and(zCaseEventBody);
export type CaseEvent = z.infer<typeof zCaseEvent>;

export const zCaseSummary = z.object({
  id: z.number(),
  code: z.string(),
  title: z.string(),
  status: zCaseStatus,
  channel: zChannel,
  urgency: zUrgency,
  caseType: zCaseType,
  categoryId: z.number(),
  categoryName: z.string(),
  districtId: z.number().nullable(),
  districtName: z.string().nullable(),
  leadDepartmentId: z.number().nullable(),
  leadDepartmentName: z.string().nullable(),
  supervisionLevel: z.string(),
  /** Worst SLA warning of the running clocks, kept by the sweep. */
  warningLevel: z.enum(['none', 'yellow', 'red']),
  /** In lists: the time limit that made the case overdue (红色预警), of the viewer's department for department staff. */
  overdueClock: z.enum(['sign', 'opinion', 'reply']).nullable().optional(),
  replyDeadline: z.string().nullable(),
  suspended: z.boolean(),
  rating: zRating.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CaseSummary = z.infer<typeof zCaseSummary>;

export const zCaseDetail = zCaseSummary.extend({
  description: z.string(),
  submitterName: z.string(),
  submitterPhone: z.string(),
  enterpriseName: z.string().nullable(),
  enterpriseCreditCode: z.string().nullable(),
  address: z.string().nullable(),
  isPublic: z.boolean(),
  isNamePublic: z.boolean(),
  duplicateOf: z.number().nullable(),
  round: z.number(),
  redoCount: z.number(),
  replyText: z.string().nullable(),
  ratingComment: z.string().nullable(),
  redoRequested: z.boolean(),
  rejectReason: z.string().nullable(),
  suspendReason: z.string().nullable(),
  ratingDeadline: z.string().nullable(),
  pendingExtensionUntil: z.string().nullable(),
  pendingExtensionReason: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  dispatchedAt: z.string().nullable(),
  repliedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  version: z.number(),
  assignments: z.array(zAssignment),
  allowedActions: z.array(zCommandType),
  events: z.array(zCaseEvent),
});
export type CaseDetail = z.infer<typeof zCaseDetail>;

export const caseViews = ['all', 'intake', 'to_sign', 'handling', 'due_soon', 'overdue', 'review', 'returns', 'extensions', 'awaiting_rating', 'closed'] as const;
export const zCaseView = z.enum(caseViews);
export type CaseView = z.infer<typeof zCaseView>;

export const zFindCasesQuery = z.object({
  view: zCaseView.default('all'),
  status: zCaseStatus.optional(),
  categoryId: zId.optional(),
  caseType: zCaseType.optional(),
  departmentId: zId.optional(),
  warningLevel: z.enum(['yellow', 'red']).optional(),
  q: zStr().trim().max(50).optional(),
  cursor: zStr().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type FindCasesQuery = z.infer<typeof zFindCasesQuery>;
/** A list's 导出: the same filters, every page. */
export const zCaseExportQuery = zFindCasesQuery.omit({ cursor: true, limit: true });
export type CaseExportQuery = z.infer<typeof zCaseExportQuery>;

export const zCasePage = z.object({ items: z.array(zCaseSummary), nextCursor: z.string().nullable() });
export type CasePage = z.infer<typeof zCasePage>;

/** Batch work: one command on several cases, each in its own transaction; the answer lists each case's outcome. */
const zBatchIds = z.array(zId).min(1).max(100);
export const batchBodies = {
  dispatch: z.object({ caseIds: zBatchIds, leadDepartmentId: zId, coDepartmentIds: z.array(zId).max(20).default([]) }),
  sign: z.object({ caseIds: zBatchIds }),
  'approve-reply': z.object({ caseIds: zBatchIds }),
};
export type BatchCommand = keyof typeof batchBodies;
export const zBatchResult = z.object({
  results: z.array(z.object({ caseId: z.number(), ok: z.boolean(), code: z.string().nullable(), message: z.string().nullable() })),
});
export type BatchResult = z.infer<typeof zBatchResult>;

/** 超期, as every screen counts it (domain/sla/overdue.ts); shown beside each overdue count. */
export const overdueDefinition = '超期：诉求仍在承办单位（已派单或办理中、未挂起），且正在计时的签收、协办意见或答复时限已过（红色预警，由时限巡检每分钟更新）；单位口径为本单位自己的时限。';
export const overdueClockText = { sign: '签收', opinion: '协办意见', reply: '答复' } as const;
