import { z } from 'zod';
import { zEventAttachments } from './handling.js';

// Events of supervision: time-limit warnings and the sweep's urging and escalation, supervision orders, and
// deadlines recomputed after a calendar or policy change.

const zId = z.number().int();
const zInstant = z.string();
const zOrderLevel = z.enum(['normal', 'yellow', 'red']);

export const supervisionEvents = {
  'case.warned': z.strictObject({
    assignmentId: zId, departmentId: zId, clock: z.enum(['sign', 'opinion', 'reply']), level: z.enum(['yellow', 'red']), deadline: zInstant,
  }),
  /** Written by the SLA sweep when a clock turns red. */
  'case.urged': z.strictObject({ by: z.literal('system'), departmentId: zId, reason: z.string(), assignmentId: zId }),
  'case.escalated': z.strictObject({ to: z.literal('supervision_office'), reason: z.string(), assignmentId: zId }),
  'case.order_issued': z.strictObject({ orderId: zId, departmentId: zId, level: zOrderLevel, demands: z.string(), deadline: zInstant }),
  /** departmentId is absent on raises written before it was recorded (the order's department was the lead). */
  'case.order_raised': z.strictObject({ orderId: zId, departmentId: zId.optional(), from: zOrderLevel, to: zOrderLevel, reason: z.string() }),
  'case.order_answered': z.strictObject({ orderId: zId, departmentId: zId, text: z.string(), attachments: zEventAttachments }),
  'case.order_closed': z.strictObject({ orderId: zId, reason: z.string() }),
  'case.deadlines_recomputed': z.strictObject({
    reason: z.string(),
    changes: z.array(z.strictObject({
      assignmentId: zId, field: z.enum(['signDeadline', 'opinionDeadline', 'replyDeadline']), from: zInstant.nullable(), to: zInstant,
    })),
  }),
} as const;
