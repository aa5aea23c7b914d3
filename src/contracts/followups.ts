import { z } from 'zod';
import { zStr, zInstant } from './common.js';
import { zRating, zChannel } from './cases.js';

// Follow-up calls (回访): the operator's queue of phone cases awaiting rating, and the record of each call.

export const followUpFailureReasons = ['no_answer', 'busy', 'powered_off', 'invalid_number', 'declined'] as const;
export const zFollowUpFailureReason = z.enum(followUpFailureReasons);

/** A case leaves the queue after this many unanswered calls in one round (see docs/followups.md). */
export const maxFollowUpAttempts = 3;
/** After an unanswered call the case waits this long before it is due again. */
export const followUpRetryHours = 2;

export const zRecordFollowUpRequest = z.object({
  outcome: z.enum(['reached', 'not_reached']),
  failureReason: zFollowUpFailureReason.optional(),
  rating: zRating.optional(),
  /** What the caller said about the handling (kept as the rating comment). */
  callerWords: zStr().trim().max(5000).default(''),
  /** Only with an unsatisfied rating: the caller asks for the case to be handled again. */
  wantsRedo: z.boolean().optional(),
  note: zStr().trim().max(1000).default(''),
});
export type RecordFollowUpRequest = z.input<typeof zRecordFollowUpRequest>;

export const zFollowUpCall = z.object({
  id: z.number(),
  caseId: z.number(),
  round: z.number(),
  outcome: z.enum(['reached', 'not_reached']),
  failureReason: zFollowUpFailureReason.nullable(),
  rating: zRating.nullable(),
  callerWords: z.string(),
  note: z.string(),
  operatorId: z.number(),
  operatorName: z.string().nullable(),
  calledAt: z.string(),
  ratingEventId: z.number().nullable(),
  /** 有效回访: reached, rated through the case's rate command, inside the rating window (docs/followups.md). */
  isValid: z.boolean(),
});
export type FollowUpCall = z.infer<typeof zFollowUpCall>;

export const zFollowUpQueueState = z.enum(['due', 'retry_later', 'exhausted']);
export type FollowUpQueueState = z.infer<typeof zFollowUpQueueState>;

export const zFollowUpQueueItem = z.object({
  caseId: z.number(),
  code: z.string(),
  title: z.string(),
  channel: zChannel,
  submitterName: z.string(),
  submitterPhone: z.string(),
  leadDepartmentName: z.string().nullable(),
  replyText: z.string().nullable(),
  replyApprovedAt: z.string().nullable(),
  ratingDeadline: z.string().nullable(),
  attempts: z.number(),
  lastAttemptAt: z.string().nullable(),
  lastFailureReason: zFollowUpFailureReason.nullable(),
  retryAfter: z.string().nullable(),
  state: zFollowUpQueueState,
});
export type FollowUpQueueItem = z.infer<typeof zFollowUpQueueItem>;

export const zFollowUpQueueQuery = z.object({
  state: z.enum(['open', 'exhausted', 'all']).default('open'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const zFollowUpQueue = z.object({ items: z.array(zFollowUpQueueItem), maxAttempts: z.number(), retryHours: z.number() });
export type FollowUpQueue = z.infer<typeof zFollowUpQueue>;

export const zCaseFollowUps = z.object({ items: z.array(zFollowUpCall) });

export const zFollowUpStatsQuery = z.object({ from: zInstant(), to: zInstant() });
export const zFollowUpStats = z.object({
  from: z.string(),
  to: z.string(),
  calls: z.number(),
  reached: z.number(),
  notReached: z.number(),
  valid: z.number(),
  /** Cases answered in the period whose submitter left no phone (anonymous): not reachable by design, not failed calls. */
  noPhone: z.number(),
  byRating: z.object({ satisfied: z.number(), basically: z.number(), unsatisfied: z.number() }),
});
export type FollowUpStats = z.infer<typeof zFollowUpStats>;
