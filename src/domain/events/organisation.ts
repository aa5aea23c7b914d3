import { z } from 'zod';

// Events the organisation writes into cases' chains: a unit merged into another moved the case's open assignments.

const zId = z.number().int();

export const organisationEvents = {
  /** 单位合并: the open assignments of the merged unit now belong to its successor (effectiveOn: Beijing date). */
  'case.unit_merged': z.strictObject({
    fromDepartmentId: zId, toDepartmentId: zId, assignmentIds: z.array(zId), effectiveOn: z.string(),
  }),
} as const;
