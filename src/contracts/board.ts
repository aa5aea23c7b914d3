import { z } from 'zod';
import { zId, zStr } from './common.js';
import { zRating } from './cases.js';

// Public board (并网公开) and public statistics: what anyone may read, without an account. Every field here is
// either not personal or already masked; the presenter builds these objects field by field (allow-list).

export const boardStatuses = ['handling', 'answered', 'closed'] as const;
export const zBoardStatus = z.enum(boardStatuses);
export const boardStatusLabels: Record<(typeof boardStatuses)[number], string> = { handling: '办理中', answered: '已答复', closed: '已办结' };
export const ratingLabels = { satisfied: '满意', basically: '基本满意', unsatisfied: '不满意' } as const;

export const zBoardQuery = z.object({
  q: zStr().trim().max(50).optional(),
  departmentId: zId.optional(),
  categoryId: zId.optional(),
  districtId: zId.optional(),
  status: zBoardStatus.optional(),
  month: zStr().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM').optional(),
  cursor: zStr().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type BoardQuery = z.infer<typeof zBoardQuery>;

export const zBoardItem = z.object({
  code: z.string(),
  title: z.string(),
  excerpt: z.string(),
  categoryName: z.string(),
  departmentName: z.string().nullable(),
  districtName: z.string().nullable(),
  status: zBoardStatus,
  createdAt: z.string(),
  elapsedWorkingDays: z.number().int(),
  rating: zRating.nullable(),
});
export type BoardItem = z.infer<typeof zBoardItem>;
export const zBoardPage = z.object({ items: z.array(zBoardItem), nextCursor: z.string().nullable() });
export type BoardPage = z.infer<typeof zBoardPage>;

const zOption = z.object({ id: z.number().int(), name: z.string() });
export const zBoardFacets = z.object({
  departments: z.array(zOption),
  categories: z.array(zOption),
  districts: z.array(zOption),
  months: z.array(z.string()),
});
export type BoardFacets = z.infer<typeof zBoardFacets>;

/** Allow-listed public timeline steps. */
export const publicSteps = ['submitted', 'accepted', 'dispatched', 'signed', 'extended', 'suspended', 'resumed', 'replied', 'redo', 'rated', 'closed'] as const;
export const publicStepLabels: Record<(typeof publicSteps)[number], string> = {
  submitted: '提交诉求', accepted: '受理', dispatched: '交办承办单位', signed: '承办单位签收', extended: '延期办理', suspended: '暂停计时',
  resumed: '恢复办理', replied: '答复诉求人', redo: '重新办理', rated: '诉求人评价', closed: '办结',
};

export const zBoardCase = z.object({
  code: z.string(),
  title: z.string(),
  description: z.string(),
  categoryName: z.string(),
  districtName: z.string().nullable(),
  departments: z.array(z.object({ name: z.string(), role: z.enum(['lead', 'co']) })),
  status: zBoardStatus,
  createdAt: z.string(),
  acceptedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  elapsedWorkingDays: z.number().int(),
  /** The approved, masked reply; null while there is none or a newer one is being reviewed (replyUnderReview). */
  reply: z.object({ text: z.string(), at: z.string().nullable() }).nullable(),
  replyUnderReview: z.boolean(),
  rating: zRating.nullable(),
  /** The submitter's masked name (张*), only when they allowed it. */
  submitterName: z.string().nullable(),
  timeline: z.array(z.object({ at: z.string(), step: z.enum(publicSteps), department: z.string().nullable() })),
  /** Files of the shown reply the handler marked public and the reviewer did not withhold (names masked). */
  replyFiles: z.array(z.object({ id: z.number().int(), fileName: z.string(), mime: z.string(), size: z.number().int() })).default([]),
});
export type BoardCase = z.infer<typeof zBoardCase>;

export const zBoardCaseParams = z.object({ code: zStr().min(1).max(40) });

const zRate = z.object({
  numerator: z.number().int(), denominator: z.number().int(), rate: z.number().nullable(),
  /** Satisfaction: 满意 + 基本满意 × weight = value (the weighted numerator); absent in periods published before it. */
  weighted: z.object({ satisfied: z.number().int(), basically: z.number().int(), basicallyWeight: z.number(), value: z.number() }).optional(),
});
export const zPublicStats = z.object({
  period: z.object({ key: z.string(), kind: z.enum(['month', 'quarter', 'year']), from: z.string(), to: z.string(), publishedAt: z.string() }).nullable(),
  rows: z.array(z.object({
    departmentName: z.string(),
    group: z.enum(['city', 'district', 'park']),
    rank: z.number().int().nullable(),
    cases: z.number().int(),
    response: zRate,
    resolution: zRate,
    satisfaction: zRate,
  })),
});
export type PublicStats = z.infer<typeof zPublicStats>;
