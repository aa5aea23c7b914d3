import { z } from 'zod';
import { unitKinds } from '../domain/org/units.js';
import { caseKinds } from '../domain/case/status.js';

export const zUnitKind = z.enum(unitKinds);

export const zDepartment = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  kind: zUnitKind,
  group: z.enum(['city', 'district', 'park']),
  parentId: z.number().nullable(),
  /** Retired units (merged or deactivated) stay listed so history keeps their names; pickers show active ones. */
  isActive: z.boolean().optional(),
  /** The unit a merged one's work went to. */
  successorId: z.number().nullable().optional(),
});
export type Department = z.infer<typeof zDepartment>;

export const zCategory = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  parentId: z.number().nullable(),
  kind: z.enum(caseKinds),
  defaultLeadDepartmentId: z.number().nullable(),
  /** 受理类型: the case types the category takes (empty: any). Intake on every channel refuses another. */
  acceptedKinds: z.array(z.enum(caseKinds)),
  /** An inactive category keeps its name for history but is not offered for new cases. */
  isActive: z.boolean(),
});
export type Category = z.infer<typeof zCategory>;

export const zOrgResponse = z.object({ departments: z.array(zDepartment), categories: z.array(zCategory) });
export type OrgResponse = z.infer<typeof zOrgResponse>;

export const zUserSummary = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: z.string(),
  departmentId: z.number(),
  departmentName: z.string(),
  isActive: z.boolean(),
});
export const zUsersResponse = z.object({ items: z.array(zUserSummary) });
