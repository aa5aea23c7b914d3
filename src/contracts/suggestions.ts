import { z } from 'zod';
import { ratings } from '../domain/case/status.js';
import {
  assignModes, meetingForms, replyClasses, suggestionKinds, suggestionStatuses, unitRoles, extensionStates,
} from '../domain/suggestions/model.js';
import { zDate, zId, zStr, zText } from './common.js';

// Wire shapes of 建议提案 (deputies' suggestions / CPPCC proposals). Instants travel as ISO strings.

export const zRegisterSuggestion = z.object({
  kind: z.enum(suggestionKinds),
  term: z.number().int().min(1).max(99),
  sessionNo: z.number().int().min(1).max(99),
  number: z.number().int().min(1).max(99999),
  title: zText(200),
  body: zText(20000),
  category: zText(40),
  proposers: z.array(z.object({ name: zText(40), userId: z.number().int().positive().nullable().optional() })).min(1).max(50),
  isPublic: z.boolean().default(true),
});
export type RegisterSuggestion = z.infer<typeof zRegisterSuggestion>;

export const zAssignSuggestion = z.object({
  mode: z.enum(assignModes),
  leadDepartmentIds: z.array(z.number().int().positive()).max(20),
  coDepartmentIds: z.array(z.number().int().positive()).max(20).default([]),
});
export const zReasonBody = z.object({ reason: zStr().trim().max(2000) });
export const zExtensionDecision = z.object({ approved: z.boolean(), reason: zStr().trim().max(2000).default('') });
export const zMeetingBody = z.object({
  metOn: zDate(), form: z.enum(meetingForms), people: zStr().trim().max(500), summary: zStr().trim().max(5000),
});
export const zReplyBody = z.object({
  docNumber: zStr().trim().max(60),
  class: z.enum(replyClasses),
  body: zText(20000),
  promise: zStr().trim().max(2000).nullable().optional(),
  promiseDue: zDate().nullable().optional(),
});
export type ReplyBody = z.infer<typeof zReplyBody>;
export const zCountersignBody = z.object({ opinion: zStr().trim().max(2000).default('同意') });
export const zRateBody = z.object({ rating: z.enum(ratings), comment: zStr().trim().max(2000).default('') });

export const suggestionCommands = ['assign', 'sign', 'request-extension', 'decide-extension', 'meet', 'reply', 'countersign', 'rate'] as const;

export const zSuggestionListQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  status: z.enum(suggestionStatuses).optional(),
  kind: z.enum(suggestionKinds).optional(),
  mine: z.enum(['1', '0']).optional(),
  q: zStr().trim().max(50).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

const zUnit = z.object({ departmentId: z.number(), departmentName: z.string(), role: z.enum(unitRoles), signedAt: z.string().nullable() });

export const zSuggestionListItem = z.object({
  id: z.number(), kind: z.enum(suggestionKinds), term: z.number(), sessionNo: z.number(), number: z.number(), label: z.string(),
  title: z.string(), category: z.string(), status: z.enum(suggestionStatuses), round: z.number(), proposers: z.array(z.string()),
  units: z.array(zUnit), replyDeadline: z.string().nullable(), daysLeft: z.number().nullable(), isLate: z.boolean(),
  class: z.enum(replyClasses).nullable(), rating: z.enum(ratings).nullable(), createdAt: z.string(),
});
export type SuggestionListItem = z.infer<typeof zSuggestionListItem>;
export const zSuggestionList = z.object({ items: z.array(zSuggestionListItem), total: z.number() });

export const zSuggestionLetter = z.object({
  id: z.number(), departmentId: z.number(), departmentName: z.string(), round: z.number(), docNumber: z.string(), class: z.enum(replyClasses),
  body: z.string(), promise: z.string().nullable(), promiseDue: z.string().nullable(), isLate: z.boolean(), repliedAt: z.string(),
  sentAt: z.string().nullable(), countersigns: z.array(z.object({ departmentName: z.string(), opinion: z.string(), signedAt: z.string() })),
});
export const zSuggestionMeeting = z.object({
  id: z.number(), departmentName: z.string(), round: z.number(), metOn: z.string(), form: z.enum(meetingForms), people: z.string(), summary: z.string(),
});
export const zSuggestionEvent = z.object({ seq: z.number(), type: z.string(), at: z.string(), actorName: z.string().nullable(), departmentName: z.string().nullable(), payload: z.unknown() });

export const zSuggestionDetail = zSuggestionListItem.extend({
  body: z.string(), isPublic: z.boolean(), assignMode: z.enum(assignModes).nullable(), assignedAt: z.string().nullable(),
  extensionState: z.enum(extensionStates), extensionReason: z.string().nullable(), ratingComment: z.string().nullable(),
  ratedAt: z.string().nullable(), closedAt: z.string().nullable(), sentAt: z.string().nullable(), promiseItemId: z.number().nullable(),
  letters: z.array(zSuggestionLetter), meetings: z.array(zSuggestionMeeting), events: z.array(zSuggestionEvent),
  allowedActions: z.array(z.enum(suggestionCommands)),
});
export type SuggestionDetail = z.infer<typeof zSuggestionDetail>;

export const zSummaryQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
export const zUnitSummary = z.object({
  departmentId: z.number(), departmentName: z.string(), total: z.number(),
  byStatus: z.record(z.string(), z.number()), byClass: z.record(z.string(), z.number()), byRating: z.record(z.string(), z.number()),
  replied: z.number(), onTime: z.number(), late: z.number(),
});
export type UnitSummary = z.infer<typeof zUnitSummary>;
export const zYearSummary = z.object({ year: z.number(), units: z.array(zUnitSummary) });

export const zPublicSuggestion = z.object({
  id: z.number(), label: z.string(), kind: z.enum(suggestionKinds), title: z.string(), category: z.string(), proposers: z.array(z.string()),
  class: z.enum(replyClasses).nullable(), sentAt: z.string().nullable(),
  letters: z.array(z.object({ departmentName: z.string(), docNumber: z.string(), class: z.enum(replyClasses), body: z.string(), sentAt: z.string() })),
});
export const zPublicSuggestionList = z.object({
  items: z.array(zPublicSuggestion.omit({ letters: true }).extend({ departments: z.array(z.string()) })), total: z.number(),
});

export const zDeputyOption = z.object({ id: z.number(), name: z.string() });
export { zId };

// 重大事项报告 (major-matter reports).
export const zReportTypeBody = z.object({
  name: zText(60), deadlineDays: z.number().int().min(1).max(60), description: zStr().trim().max(1000).default(''), isActive: z.boolean().default(true),
});
export const zReportType = z.object({ id: z.number(), name: z.string(), deadlineDays: z.number(), description: z.string(), isActive: z.boolean() });
export const zFileReportBody = z.object({
  typeId: z.number().int().positive(),
  title: zText(200),
  body: zText(20000),
  matterDate: zDate(),
  /** Up to five files of up to 5 MB each, base64 in the JSON body. */
  files: z.array(z.object({ name: zText(120), contentBase64: zStr().max(7_000_000).regex(/^[A-Za-z0-9+/=]*$/) })).max(5).default([]),
});
export const zAcknowledgeBody = z.object({ note: zStr().trim().max(1000).default('') });
export const zMajorReport = z.object({
  id: z.number(), typeId: z.number(), typeName: z.string(), departmentId: z.number(), departmentName: z.string(), title: z.string(), body: z.string(),
  matterDate: z.string(), dueAt: z.string(), filedAt: z.string(), isLate: z.boolean(), filedBy: z.string(),
  files: z.array(z.object({ name: z.string(), size: z.number() })),
  acknowledgedAt: z.string().nullable(), acknowledgedBy: z.string().nullable(), ackNote: z.string().nullable(),
});
export const zMajorReportQuery = z.object({
  month: zStr().regex(/^\d{4}-\d{2}$/).optional(),
  departmentId: z.coerce.number().int().positive().optional(),
  state: z.enum(['all', 'unacknowledged', 'late']).default('all'),
});
export const zMajorReportStats = z.object({
  rows: z.array(z.object({ departmentId: z.number(), departmentName: z.string(), month: z.string(), filed: z.number(), onTime: z.number(), late: z.number(), acknowledged: z.number() })),
});
