import { z } from 'zod';
import { zStr } from '../../../contracts/common.js';
import type {
  AttachmentInfo, PublicCategories, PublicSimilarCase, PublicSimilarRequest, RateRequest, RouteHintResponse, StaffSimilarCase,
  StaffSimilarRequest, SubmissionRequest, SubmissionResponse, TrackingView, UploadResponse,
} from '../../../contracts/portal.js';

// zod schemas of the portal and similar-cases endpoints. The shapes are declared as plain types in
// src/contracts/portal.ts (the phone site imports that file and must not carry zod); each schema here is checked
// against its type, so the two cannot drift apart.

/** Loose on purpose: field rules live in validateSubmission, which answers one stable code per field. */
export const zSubmissionRequest = z.object({
  categoryId: z.number().int().nullable().optional(),
  title: zStr().max(1000).optional(),
  description: zStr().max(20000).optional(),
  districtId: z.number().int().nullable().optional(),
  address: zStr().max(1000).optional(),
  enterpriseName: zStr().max(1000).optional(),
  enterpriseCreditCode: zStr().max(100).optional(),
  submitterName: zStr().max(1000).optional(),
  submitterPhone: zStr().max(100).optional(),
  isPublic: z.boolean().optional(),
  isNamePublic: z.boolean().optional(),
  attachments: z.array(zStr().max(100)).max(50).optional(),
}) satisfies z.ZodType<SubmissionRequest>;

export const zSubmissionResponse = z.object({ code: z.string(), trackingToken: z.string(), trackingUrl: z.string(), created: z.boolean() }) satisfies z.ZodType<SubmissionResponse>;

export const zUploadResponse = z.object({ token: z.string(), fileName: z.string(), mime: z.string(), size: z.number() }) satisfies z.ZodType<UploadResponse>;

export const zPublicCategories = z.object({
  categories: z.array(z.object({ id: z.number(), name: z.string(), parentId: z.number().nullable(), kind: z.string() })),
  districts: z.array(z.object({ id: z.number(), name: z.string() })),
}) satisfies z.ZodType<PublicCategories>;

export const zPublicSimilarRequest = z.object({
  text: zStr().max(3000),
  categoryId: z.number().int().positive().optional(),
  districtId: z.number().int().positive().optional(),
}) satisfies z.ZodType<PublicSimilarRequest>;

export const zPublicSimilarCase = z.object({
  code: z.string().nullable(), title: z.string(), status: z.string(), statusLabel: z.string(), departmentName: z.string().nullable(), date: z.string(),
}).strict() satisfies z.ZodType<PublicSimilarCase>;
export const zPublicSimilarResponse = z.object({ items: z.array(zPublicSimilarCase) });

export const zRouteHintRequest = zPublicSimilarRequest;
export const zRouteHintResponse = z.object({ departments: z.array(z.object({ name: z.string(), confidence: z.number().nullable() })) }) satisfies z.ZodType<RouteHintResponse>;

export const zStaffSimilarRequest = z.object({
  text: zStr().max(10000),
  phone: zStr().max(30).optional(),
  creditCode: zStr().max(30).optional(),
  enterpriseName: zStr().max(200).optional(),
  categoryId: z.number().int().positive().optional(),
  districtId: z.number().int().positive().optional(),
  excludeCaseId: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(20).optional(),
}) satisfies z.ZodType<StaffSimilarRequest>;
export const zSimilarCase = z.object({
  id: z.number(), code: z.string(), title: z.string(), status: z.string(), createdAt: z.string(), leadDepartmentName: z.string().nullable(),
  score: z.number(), reasons: z.array(z.enum(['phone', 'enterprise', 'text'])),
}) satisfies z.ZodType<StaffSimilarCase>;
export const zStaffSimilarResponse = z.object({ items: z.array(zSimilarCase) });

export const zTrackingView = z.object({
  code: z.string(), title: z.string(), description: z.string(), categoryName: z.string(), status: z.string(), statusLabel: z.string(),
  createdAt: z.string(), closedAt: z.string().nullable(), elapsedWorkingDays: z.number(), departments: z.array(z.string()),
  submitterName: z.string(), submitterPhone: z.string(), attachmentCount: z.number(), replyText: z.string().nullable(),
  repliedAt: z.string().nullable(), rating: z.string().nullable(), ratingLabel: z.string().nullable(), ratingComment: z.string().nullable(),
  redoRequested: z.boolean(), ratingDeadline: z.string().nullable(), canRate: z.boolean(), canRequestRedo: z.boolean(),
  timeline: z.array(z.object({ at: z.string(), label: z.string(), department: z.string().nullable(), text: z.string().nullable() })),
}) satisfies z.ZodType<TrackingView>;

export const zRateRequest = z.object({
  rating: z.enum(['satisfied', 'basically', 'unsatisfied']),
  comment: zStr().max(2000).default(''),
  wantsRedo: z.boolean().default(false),
}) satisfies z.ZodType<Required<RateRequest>, RateRequest>;

export const zLookupRequest = z.object({ code: zStr().max(40), phoneLast4: zStr().max(10) });
export const zLookupResponse = z.object({ trackingToken: z.string(), trackingUrl: z.string() });

export const zAttachmentInfo = z.object({ id: z.number(), fileName: z.string(), mime: z.string(), size: z.number(), uploadedAt: z.string() }) satisfies z.ZodType<AttachmentInfo>;
export const zAttachmentList = z.object({ items: z.array(zAttachmentInfo) });
