import { z } from 'zod';
import { slaClocks, slaLevels, warningLevels } from '../domain/sla/warnings.js';
import { zId } from './common.js';

export const zSlaClock = z.enum(slaClocks);
export const zSlaLevel = z.enum(slaLevels);
export const zWarningLevel = z.enum(warningLevels);

export const zCrossingsQuery = z.object({ caseId: zId });
export type CrossingsQuery = z.infer<typeof zCrossingsQuery>;

export const zCrossing = z.object({
  id: z.number(),
  caseId: z.number(),
  assignmentId: z.number(),
  departmentId: z.number(),
  departmentName: z.string().nullable(),
  clock: zSlaClock,
  level: zSlaLevel,
  deadline: z.string(),
  crossedAt: z.string(),
});
export type Crossing = z.infer<typeof zCrossing>;

export const zCrossingList = z.object({ caseId: z.number(), warningLevel: zWarningLevel, items: z.array(zCrossing) });
export type CrossingList = z.infer<typeof zCrossingList>;

export const zSweepResult = z.object({
  /** false when another server process was running the sweep at that moment. */
  ran: z.boolean(),
  at: z.string(),
  scanned: z.number(),
  crossings: z.number(),
  events: z.number(),
  urged: z.number(),
  escalated: z.number(),
  casesChanged: z.number(),
});
export type SweepResult = z.infer<typeof zSweepResult>;
