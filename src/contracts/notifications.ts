import { z } from 'zod';
import { zStr } from './common.js';
import type { NotifyingEventType } from '../domain/events/catalogue.js';

// Wire shapes of the notifications area: inbox, live stream, webhook administration.

export const notifiableEventTypes = [
  'case.dispatched', 'case.redone', 'case.return_approved', 'case.warned', 'case.urged', 'case.order_issued',
  'case.order_raised', 'case.escalated', 'case.return_requested', 'case.extension_requested', 'case.replied',
  'case.order_answered', 'case.instructed', 'case.rated',
] as const satisfies readonly NotifyingEventType[];
export type NotifiableEventType = (typeof notifiableEventTypes)[number];

export const eventTypeLabels: Record<NotifiableEventType, string> = {
  'case.dispatched': '派单', 'case.redone': '重办', 'case.return_approved': '退单改派', 'case.warned': '时限预警',
  'case.urged': '催办', 'case.order_issued': '督办单', 'case.order_raised': '督办升级', 'case.escalated': '超期转督办',
  'case.return_requested': '退单申请', 'case.extension_requested': '延期申请', 'case.replied': '答复待审',
  'case.order_answered': '督办单答复', 'case.instructed': '领导批示', 'case.rated': '不满意评价',
};

/** The label of a notice's type in the inbox (case events and security alerts). */
export const noticeTypeLabels: Record<string, string> = { ...eventTypeLabels, 'security.login_abuse': '安全告警' };

/** Notices that belong to no case event are named by their area (督办事项, 建议提案 …). */
const noticeAreaLabels: Record<string, string> = {
  item: '督办事项', suggestion: '建议提案', major_report: '重大事项报告', knowledge: '知识库', hotspot: '热点发现', security: '安全告警',
};

/** What the inbox says a notice is about: the case event's name, else its area's ('' when unknown). */
export function noticeTypeLabel(type: string): string {
  return noticeTypeLabels[type] ?? noticeAreaLabels[type.slice(0, type.indexOf('.'))] ?? '';
}

export const zNotification = z.object({
  id: z.number().int(),
  /** Null for security alerts to administrators. */
  caseId: z.number().int().nullable(),
  eventType: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof zNotification>;

export const zNotificationQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  unread: z.enum(['1', '0']).optional(),
});

export const zNotificationPage = z.object({
  items: z.array(zNotification),
  total: z.number().int(),
  unreadCount: z.number().int(),
});
export type NotificationPage = z.infer<typeof zNotificationPage>;

export const zUnreadCount = z.object({ unreadCount: z.number().int() });
export const zMarkAllResult = z.object({ updated: z.number().int(), unreadCount: z.number().int() });

export const zWebhookUrl = zStr().trim().min(1).max(2000);
const zEventTypes = z.array(z.enum(notifiableEventTypes)).max(notifiableEventTypes.length);

export const zCreateWebhook = z.object({
  name: zStr().trim().min(1).max(100),
  url: zWebhookUrl,
  secret: zStr().min(16).max(200).optional(),
  eventTypes: zEventTypes.default([]),
  isActive: z.boolean().default(true),
});
export const zUpdateWebhook = z.object({
  name: zStr().trim().min(1).max(100).optional(),
  url: zWebhookUrl.optional(),
  eventTypes: zEventTypes.optional(),
  isActive: z.boolean().optional(),
  rotateSecret: z.boolean().optional(),
});

export const zWebhook = z.object({
  id: z.number().int(),
  name: z.string(),
  url: z.string(),
  /** The full secret only in the answer to create and rotate; lists show its last four characters. */
  secret: z.string().optional(),
  secretHint: z.string(),
  eventTypes: z.array(z.string()),
  isActive: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Webhook = z.infer<typeof zWebhook>;
export const zWebhookList = z.object({ items: z.array(zWebhook) });

export const zDeliveryAttempt = z.object({
  attempt: z.number().int(),
  at: z.string(),
  ok: z.boolean(),
  statusCode: z.number().int().nullable(),
  error: z.string().nullable(),
  durationMs: z.number().int(),
});
export const zWebhookDelivery = z.object({
  id: z.number().int(),
  eventId: z.number().int(),
  eventType: z.string(),
  caseId: z.number().int(),
  status: z.enum(['pending', 'sent', 'dead']),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  createdAt: z.string(),
  body: z.string(),
  log: z.array(zDeliveryAttempt),
});
export type WebhookDelivery = z.infer<typeof zWebhookDelivery>;
export const zWebhookDeliveryPage = z.object({ items: z.array(zWebhookDelivery), total: z.number().int() });
export const zDeliveryQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
