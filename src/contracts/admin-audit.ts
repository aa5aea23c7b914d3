import { z } from 'zod';
import { zStr } from './common.js';
import { adminActions, adminTargetTypes } from '../domain/admin-audit/actions.js';

// The administrative audit trail (安全审计): the list with its filters, and the chain check.

const zDate = zStr().regex(/^\d{4}-\d{2}-\d{2}$/);

export const zAdminAuditQuery = z.object({
  /** Beijing calendar dates, both inclusive. */
  from: zDate.optional(),
  to: zDate.optional(),
  actorUserId: z.coerce.number().int().positive().optional(),
  action: z.enum(adminActions).optional(),
  targetType: z.enum(adminTargetTypes).optional(),
  /** Text contained in the target's name. */
  q: zStr().max(100).optional(),
  /** Keyset paging: entries with a seq below this one (newest first). */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AdminAuditQuery = z.infer<typeof zAdminAuditQuery>;

export const zAdminAuditEntry = z.object({
  seq: z.number(),
  at: zStr(),
  actorUserId: z.number().nullable(),
  actorName: zStr(),
  address: zStr().nullable(),
  action: zStr(),
  actionLabel: zStr(),
  targetType: zStr(),
  targetTypeLabel: zStr(),
  targetId: zStr().nullable(),
  targetName: zStr().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});
export type AdminAuditEntry = z.infer<typeof zAdminAuditEntry>;

export const zAdminAuditPage = z.object({
  items: z.array(zAdminAuditEntry),
  /** Pass as `before` for the next page; null on the last page. */
  nextBefore: z.number().nullable(),
});
export type AdminAuditPage = z.infer<typeof zAdminAuditPage>;

export const zAdminAuditVerify = z.object({
  entriesChecked: z.number(),
  ok: z.boolean(),
  firstBrokenSeq: z.number().nullable(),
  message: zStr(),
});
export type AdminAuditVerify = z.infer<typeof zAdminAuditVerify>;

/** The people who appear in the trail, for the actor filter. */
export const zAdminAuditActors = z.object({ items: z.array(z.object({ userId: z.number().nullable(), name: zStr() })) });
