import { z } from 'zod';
import { zStr } from '../../../contracts/common.js';
import type {
  AttachmentInfo, PublicCategories, RateRequest, RouteHintResponse,
  StaffUploadResponse, SubmissionRequest, SubmissionResponse, TrackingView, UploadResponse,
} from '../../../contracts/portal.js';
import { zPublicSimilarRequest } from '../similar/index.js';

// zod schemas of the portal endpoints (the similar area keeps its own). The shapes are declared as plain types in
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
  caseType: zStr().max(50).nullable().optional(),
}) satisfies z.ZodType<SubmissionRequest>;

export const zSubmissionResponse = z.object({ code: z.string(), trackingToken: z.string(), trackingUrl: z.string(), created: z.boolean() }) satisfies z.ZodType<SubmissionResponse>;

export const zUploadResponse = z.object({ token: z.string(), fileName: z.string(), mime: z.string(), size: z.number() }) satisfies z.ZodType<UploadResponse>;

export const zPublicCategories = z.object({
  categories: z.array(z.object({ id: z.number(), name: z.string(), parentId: z.number().nullable(), kind: z.string(), acceptedKinds: z.array(z.string()) })),
  districts: z.array(z.object({ id: z.number(), name: z.string() })),
}) satisfies z.ZodType<PublicCategories>;

/** The route hint reads the same text as the similar-cases hint. */
export const zRouteHintRequest = zPublicSimilarRequest;
export const zRouteHintResponse = z.object({ departments: z.array(z.object({ name: z.string(), confidence: z.number().nullable() })) }) satisfies z.ZodType<RouteHintResponse>;

export const zTrackingView = z.object({
  code: z.string(), title: z.string(), description: z.string(), categoryName: z.string(), status: z.string(), statusLabel: z.string(),
  createdAt: z.string(), closedAt: z.string().nullable(), elapsedWorkingDays: z.number(), departments: z.array(z.string()),
  submitterName: z.string(), submitterPhone: z.string(), attachmentCount: z.number(),
  attachments: z.array(z.object({ id: z.number(), fileName: z.string(), mime: z.string(), size: z.number(), kind: z.enum(['own', 'reply']) })),
  replyText: z.string().nullable(),
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

export const zAttachmentInfo = z.object({
  id: z.number(), fileName: z.string(), mime: z.string(), size: z.number(), uploadedAt: z.string(), origin: z.enum(['submitter', 'staff']),
  eventSeq: z.number().nullable(), eventType: z.string().nullable(), visibility: z.enum(['internal', 'submitter', 'public']),
}) satisfies z.ZodType<AttachmentInfo>;
export const zStaffUploadResponse = z.object({ id: z.number(), fileName: z.string(), mime: z.string(), size: z.number() }) satisfies z.ZodType<StaffUploadResponse>;
export const zAttachmentList = z.object({ items: z.array(zAttachmentInfo) });
