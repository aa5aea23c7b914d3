import { z } from 'zod';

// The one event an imported historical case carries (type 'case.imported'): its whole past in one payload, with
// the original timestamps, so assessment facts and the router's training data can be derived from it like from
// a case handled here. Owner: the import area; the assessment area reads it.

export const importedEventType = 'case.imported';

export const zImportedHistory = z.object({
  source: z.string(),
  externalId: z.string(),
  /** ISO 8601 instants from the source system. */
  createdAt: z.string(),
  acceptedAt: z.string().nullable().optional(),
  dispatchedAt: z.string().nullable().optional(),
  signedAt: z.string().nullable().optional(),
  repliedAt: z.string().nullable().optional(),
  closedAt: z.string().nullable().optional(),
  /** The department that finally handled it (resolved to ours when the name is known). */
  departmentId: z.number().int().nullable().optional(),
  departmentName: z.string().nullable().optional(),
  reply: z.string().nullable().optional(),
  rating: z.enum(['satisfied', 'basically', 'unsatisfied']).nullable().optional(),
  /** Status in the source system, as written there. */
  sourceStatus: z.string().nullable().optional(),
  /**
   * Set when a later import of the same record changed it: the case then carries one more case.imported event with
   * the whole new history (revision 2, 3, …) and what changed, in words. The newest case.imported is the current
   * history; the first one has no revision.
   */
  revision: z.number().int().optional(),
  changes: z.array(z.string()).optional(),
});
export type ImportedHistory = z.infer<typeof zImportedHistory>;
