import type { Notification, NotificationPage, Webhook, WebhookDelivery } from '../../contracts/notifications.js';
import { api } from './client.js';

export type { Notification, NotificationPage, Webhook, WebhookDelivery };

export const fetchNotifications = (q: { page: number; pageSize: number; unread?: '1' | '0' }) => api.get<NotificationPage>('/api/notifications', q);
export const fetchUnreadCount = () => api.get<{ unreadCount: number }>('/api/notifications/unread-count');
export const markNotificationRead = (id: number) => api.post<{ unreadCount: number }>(`/api/notifications/${id}/read`);
export const markAllNotificationsRead = () => api.post<{ updated: number; unreadCount: number }>('/api/notifications/read-all');
export const notificationStreamUrl = '/api/notifications/stream';

export const fetchWebhooks = () => api.get<{ items: Webhook[] }>('/api/admin/webhooks');
export const createWebhook = (body: { name: string; url: string; eventTypes: string[]; isActive: boolean }) => api.post<Webhook>('/api/admin/webhooks', body);
export const updateWebhook = (id: number, body: { name?: string; url?: string; eventTypes?: string[]; isActive?: boolean; rotateSecret?: boolean }) =>
  api.post<Webhook>(`/api/admin/webhooks/${id}`, body);
export const fetchWebhookDeliveries = (id: number, q: { page: number; pageSize: number }) =>
  api.get<{ items: WebhookDelivery[]; total: number }>(`/api/admin/webhooks/${id}/deliveries`, q);
export const replayWebhookDelivery = (id: number) => api.post<{ ok: true }>(`/api/admin/webhook-deliveries/${id}/replay`);
