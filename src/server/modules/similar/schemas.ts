import { z } from 'zod';
import { zStr } from '../../../contracts/common.js';
import type { PublicSimilarCase, PublicSimilarRequest, StaffSimilarCase, StaffSimilarRequest } from '../../../contracts/portal.js';

// zod schemas of the similar-cases endpoints; the shapes are the portal contract's plain types (see portal/schemas.ts).

export const zPublicSimilarRequest = z.object({
  text: zStr().max(3000),
  categoryId: z.number().int().positive().optional(),
  districtId: z.number().int().positive().optional(),
}) satisfies z.ZodType<PublicSimilarRequest>;

export const zPublicSimilarCase = z.object({
  code: z.string().nullable(), title: z.string(), status: z.string(), statusLabel: z.string(), departmentName: z.string().nullable(), date: z.string(),
}).strict() satisfies z.ZodType<PublicSimilarCase>;
export const zPublicSimilarResponse = z.object({ items: z.array(zPublicSimilarCase) });

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
