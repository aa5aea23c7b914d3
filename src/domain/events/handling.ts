import { z } from 'zod';
import { ratings } from '../case/status.js';

// Events of a case in the departments' hands: dispatch, signing, returns, extensions, replies, rating, levels.

const zId = z.number().int();
const zInstant = z.string();
const zRole = z.enum(['lead', 'co']);

/** Who or what chose the departments of a dispatch (absent on dispatches written before routing existed). */
export const zDispatchRouting = z.strictObject({
  source: z.enum(['rule', 'model', 'suggestion', 'manual']),
  ruleId: zId.optional(),
  ruleVersion: zId.optional(),
  modelVersion: zId.optional(),
  confidence: z.number().optional(),
});

/**
 * Files carried by the event (uploaded beforehand by the actor; migration 0035 links each row to the event). Absent
 * when none, and on every event written before attachments existed. Only a reply's may be other than internal.
 */
export const zEventAttachments = z.array(z.strictObject({ id: zId, visibility: z.enum(['internal', 'submitter', 'public']) })).optional();

export const handlingEvents = {
  'case.dispatched': z.strictObject({
    round: zId,
    leadDepartmentId: zId,
    coDepartmentIds: z.array(zId),
    replyDeadline: zInstant.optional(),
    routing: zDispatchRouting.optional(),
  }),
  /** parentAssignmentId: a town's assignment dispatched on from a district's (二级派单). */
  'case.signed': z.strictObject({ assignmentId: zId, role: zRole, parentAssignmentId: zId.optional() }),
  /** parentDepartmentId: a town returns to the district that dispatched it on. */
  'case.return_requested': z.strictObject({
    assignmentId: zId, role: zRole, reason: z.string(), basis: z.string(), parentDepartmentId: zId.optional(), attachments: zEventAttachments,
  }),
  /** A lead's approved return names the new lead (and its deadline); a co-handler simply leaves. */
  'case.return_approved': z.strictObject({
    assignmentId: zId,
    role: zRole,
    parentAssignmentId: zId.nullable().optional(),
    newLeadDepartmentId: zId.optional(),
    replyDeadline: zInstant.optional(),
  }),
  'case.return_denied': z.strictObject({ assignmentId: zId, reason: z.string() }),
  'case.extension_requested': z.strictObject({ until: zInstant, reason: z.string(), previousDeadline: zInstant.nullable(), attachments: zEventAttachments }),
  'case.extension_approved': z.strictObject({ until: zInstant, previousDeadline: zInstant.nullable() }),
  'case.extension_denied': z.strictObject({ reason: z.string() }),
  'case.suspended': z.strictObject({ reason: z.string() }),
  'case.resumed': z.strictObject({ suspendedAt: zInstant, replyDeadline: zInstant.nullable() }),
  'case.opinion_given': z.strictObject({ assignmentId: zId, text: z.string(), attachments: zEventAttachments }),
  'case.replied': z.strictObject({ text: z.string(), onTime: z.boolean(), attachments: zEventAttachments }),
  'case.reply_approved': z.strictObject({ ratingDeadline: zInstant }),
  'case.sent_back': z.strictObject({ reason: z.string() }),
  'case.rated': z.strictObject({ rating: z.enum(ratings), comment: z.string(), wantsRedo: z.boolean() }),
  /** replyDeadline: the new round's lead deadline, written by decide() since audit verify compares rows (absent before). */
  'case.redone': z.strictObject({
    reason: z.string(), round: zId, previousRating: z.enum(ratings).nullable(), leadDepartmentId: zId, coDepartmentIds: z.array(zId),
    replyDeadline: zInstant.optional(),
  }),
  /** by rating: the submitter's rating closed it (no reason); otherwise a supervisor closed it, with a reason. */
  'case.closed': z.strictObject({ by: z.enum(['rating', 'rating_window', 'supervisor']), reason: z.string().optional() }),
  'case.instructed': z.strictObject({ text: z.string() }),
  'case.sub_dispatched': z.strictObject({
    parentAssignmentId: zId, parentDepartmentId: zId, leadDepartmentId: zId, coDepartmentIds: z.array(zId), replyDeadline: zInstant,
  }),
  'case.sub_replied': z.strictObject({
    assignmentId: zId, parentAssignmentId: zId.nullable(), parentDepartmentId: zId.nullable(), text: z.string(), onTime: z.boolean(), attachments: zEventAttachments,
  }),
  /** 吹哨报到: the lead calls in another department as a co-handler. */
  'case.called_in': z.strictObject({
    departmentId: zId, byDepartmentId: zId, reason: z.string(), signDeadline: zInstant, opinionDeadline: zInstant.nullable(),
  }),
} as const;
