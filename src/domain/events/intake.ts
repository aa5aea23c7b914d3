import { z } from 'zod';
import { caseKinds, ratings, urgencies } from '../case/status.js';

// Events of a case's arrival: registration, acceptance or refusal, merges, imported history.

export const caseChannels = ['hotline', 'web', 'letter', 'import', 'open311', 'staff'] as const;
const zId = z.number().int();

export const intakeEvents = {
  /**
   * Intake writes channel, categoryId, urgency and suggestedLeadDepartmentId; an open imported record also
   * departmentName, externalId and source; the demo data (generated before categoryId was recorded) categoryCode.
   */
  'case.created': z.strictObject({
    channel: z.enum(caseChannels),
    categoryId: zId.optional(),
    categoryCode: z.string().optional(),
    urgency: z.enum(urgencies),
    /** 诉求类型 (since migration 0031); older events lack it and the row took the category's kind. */
    caseType: z.enum(caseKinds).optional(),
    suggestedLeadDepartmentId: zId.nullable().optional(),
    departmentName: z.string().nullable().optional(),
    externalId: z.string().optional(),
    source: z.string().optional(),
  }),
  'case.accepted': z.strictObject({}),
  'case.rejected': z.strictObject({ reason: z.string() }),
  'case.merged': z.strictObject({ duplicateOf: zId }),
  /** On the case that carries on: the duplicate merged into it. */
  'case.merge_received': z.strictObject({ caseId: zId, code: z.string(), title: z.string() }),
  /**
   * The whole past of an imported historical case, with the source's timestamps (owner: the import area). A later
   * import of the same record that changed it appends another case.imported with revision 2, 3, … and the changes.
   */
  'case.imported': z.strictObject({
    source: z.string(),
    /** 诉求类型 of the new case (since migration 0031): the file's type column or the category's kind. */
    caseType: z.enum(caseKinds).optional(),
    externalId: z.string(),
    /** ISO 8601 instants from the source system. */
    createdAt: z.string(),
    acceptedAt: z.string().nullable().optional(),
    dispatchedAt: z.string().nullable().optional(),
    signedAt: z.string().nullable().optional(),
    repliedAt: z.string().nullable().optional(),
    closedAt: z.string().nullable().optional(),
    /** The department that finally handled it (resolved to ours when the name is known). */
    departmentId: zId.nullable().optional(),
    departmentName: z.string().nullable().optional(),
    reply: z.string().nullable().optional(),
    rating: z.enum(ratings).nullable().optional(),
    /** Status in the source system, as written there. */
    sourceStatus: z.string().nullable().optional(),
    revision: zId.optional(),
    changes: z.array(z.string()).optional(),
  }),
  /** A re-import changed a still-open imported case (no history yet to carry). */
  'case.import_updated': z.strictObject({ source: z.string(), externalId: z.string(), revision: zId, changes: z.array(z.string()) }),
} as const;
