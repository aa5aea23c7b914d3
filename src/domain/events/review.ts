import { z } from 'zod';

// Events of review outside the handling: publication on the public board, and exclusions from assessment.

const zId = z.number().int();

export const reviewEvents = {
  'case.publication_approved': z.strictObject({
    /** An already approved publication edited again. */
    edited: z.boolean(),
    publicTitle: z.string(),
    publicDescription: z.string(),
    publicReply: z.string().nullable(),
    publicName: z.string().nullable(),
    maskEnterprise: z.boolean(),
    /** How many manual redactions were applied. */
    redactions: zId,
    /** Reply files marked public: how many the board shows and how many the reviewer withheld (since migration 0042). */
    publicFiles: z.number().int().min(0).optional(),
    withheldFiles: z.number().int().min(0).optional(),
  }),
  'case.publication_rejected': z.strictObject({ reason: z.string() }),
  'case.publication_withdrawn': z.strictObject({ reason: z.string() }),
  /** An approved appeal: the case–department pair leaves every assessment run made from now on. */
  'case.assessment_excluded': z.strictObject({
    appealId: zId,
    departmentId: zId,
    reason: z.string(),
    reasonLabel: z.string(),
    decidedBy: zId,
    decidedByName: z.string(),
    decisionReason: z.string(),
  }),
} as const;
