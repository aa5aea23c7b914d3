import { z } from 'zod';

// Events of the knowledge base on a case's chain (migration 0041, docs/knowledge.md).

const zId = z.number().int();

export const knowledgeEvents = {
  /**
   * 直接答复: the desk answered the caller from an approved knowledge entry and closed the case in the same step.
   * The entry is cited by id and version with the text given, so the chain shows what the caller was told even
   * after the entry changes.
   */
  'case.answered_directly': z.strictObject({
    entryId: zId,
    version: zId,
    question: z.string(),
    answer: z.string(),
    /** 政策依据文号 of that version, when it has one. */
    basisNumber: z.string().nullable(),
  }),
} as const;
