import { z } from 'zod';
import { zId, zStr } from './common.js';

// Staff side of publication (公开审核): the supervisor's review queue, the side-by-side draft, decisions.

export const publicationStatuses = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export const zPublicationStatus = z.enum(publicationStatuses);
export const publicationStatusLabels: Record<(typeof publicationStatuses)[number], string> = {
  pending: '待审核', approved: '已公开', rejected: '不予公开', withdrawn: '已撤回',
};

/** pending: candidates; reply: published cases whose newer reply awaits review; the others by decision. */
export const queueViews = ['pending', 'reply', 'approved', 'rejected', 'withdrawn'] as const;
export const zQueueView = z.enum(queueViews);

export const zQueueQuery = z.object({
  view: zQueueView.default('pending'),
  departmentId: zId.optional(),
  categoryId: zId.optional(),
  /** A case code, or words of the original title. */
  q: zStr().trim().max(50).optional(),
  cursor: zStr().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
export type QueueQuery = z.infer<typeof zQueueQuery>;

export const zQueueItem = z.object({
  caseId: z.number().int(),
  code: z.string(),
  title: z.string(),
  caseStatus: z.string(),
  publicationStatus: zPublicationStatus,
  replyPending: z.boolean(),
  isNamePublic: z.boolean(),
  categoryName: z.string(),
  departmentName: z.string().nullable(),
  createdAt: z.string(),
  candidateAt: z.string(),
  reviewedAt: z.string().nullable(),
  reviewerName: z.string().nullable(),
  /** How many personal data items the automatic masking finds in the title and description. */
  detected: z.number().int(),
});
export const zQueuePage = z.object({ items: z.array(zQueueItem), nextCursor: z.string().nullable(), counts: z.record(z.string(), z.number().int()) });
export type QueuePage = z.infer<typeof zQueuePage>;

export const personalDataKinds = ['name', 'mobile', 'landline', 'id_card', 'email', 'plate', 'bank_card', 'house_number', 'enterprise', 'account', 'redaction'] as const;
export const personalDataLabels: Record<(typeof personalDataKinds)[number], string> = {
  name: '姓名', mobile: '手机号', landline: '固定电话', id_card: '身份证号', email: '电子邮箱', plate: '车牌号', bank_card: '银行卡号',
  house_number: '门牌号', enterprise: '企业名称', account: '微信/QQ号', redaction: '人工遮盖',
};
export const zSpan = z.object({ start: z.number().int(), end: z.number().int(), kind: z.enum(personalDataKinds), replacement: z.string() });
/** The original text, its automatically masked form, and what was found (positions in the original). */
export const zMaskedText = z.object({ original: z.string(), masked: z.string(), spans: z.array(zSpan) });

export const zPublicationState = z.object({
  status: zPublicationStatus,
  publicTitle: z.string().nullable(),
  publicDescription: z.string().nullable(),
  publicReply: z.string().nullable(),
  publicName: z.string().nullable(),
  redactions: z.array(z.string()),
  maskEnterprise: z.boolean(),
  replyPending: z.boolean(),
  reason: z.string().nullable(),
  candidateAt: z.string(),
  reviewedAt: z.string().nullable(),
  reviewerName: z.string().nullable(),
  publishedAt: z.string().nullable(),
  version: z.number().int(),
});

export const publicationActions = ['approve', 'reject', 'withdraw'] as const;

export const zPublicationDetail = z.object({
  caseId: z.number().int(),
  code: z.string(),
  caseStatus: z.string(),
  isPublic: z.boolean(),
  isNamePublic: z.boolean(),
  categoryName: z.string(),
  departmentName: z.string().nullable(),
  createdAt: z.string(),
  submitterName: z.string(),
  submitterPhone: z.string(),
  enterpriseName: z.string().nullable(),
  address: z.string().nullable(),
  /** The masked name the board would show when the name is public (张*). */
  maskedName: z.string(),
  /** Automatic masking of the case's text with the current redactions and enterprise choice. */
  auto: z.object({ title: zMaskedText, description: zMaskedText, reply: zMaskedText.nullable() }),
  publication: zPublicationState.nullable(),
  allowedActions: z.array(z.enum(publicationActions)),
  /** The reply's files marked public: what the board would show, each with whether the reviewer withholds it. */
  replyFiles: z.array(z.object({ id: z.number().int(), fileName: z.string(), mime: z.string(), size: z.number().int(), withheld: z.boolean() })),
});
export type PublicationDetail = z.infer<typeof zPublicationDetail>;

const zRedactions = z.array(zStr().trim().min(1).max(100)).max(50);

export const zApproveRequest = z.object({
  publicTitle: zStr().trim().min(1).max(200),
  publicDescription: zStr().trim().min(1).max(5000),
  /** Only when the case has an approved reply; omitted: the reply is masked automatically. */
  publicReply: zStr().trim().min(1).max(5000).nullable().optional(),
  redactions: zRedactions.default([]),
  maskEnterprise: z.boolean().default(true),
  /** Show the (masked) name; allowed only when the submitter consented. */
  showName: z.boolean().default(false),
  /** The publication version the supervisor edited; a later change by someone else refuses the approval. */
  version: z.number().int().optional(),
  /** Reply files (of replyFiles) kept off the board; omitted: the earlier choice stays. */
  withheldAttachmentIds: z.array(zId).max(20).optional(),
});
export type ApproveRequest = z.infer<typeof zApproveRequest>;

export const zDecisionRequest = z.object({ reason: zStr().trim().min(1).max(500), version: z.number().int().optional() });
export const zBulkApproveRequest = z.object({ caseIds: z.array(zId).min(1).max(200) });
export const zBulkApproveResult = z.object({
  results: z.array(z.object({ caseId: z.number().int(), ok: z.boolean(), code: z.string().optional(), message: z.string().optional() })),
});
