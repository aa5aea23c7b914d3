import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zId } from '../../../contracts/common.js';
import {
  zCreateWebhook, zDeliveryQuery, zMarkAllResult, zNotificationPage, zNotificationQuery, zUnreadCount, zUpdateWebhook,
  zWebhook, zWebhookDeliveryPage, zWebhookList,
} from '../../../contracts/notifications.js';
import type { AppDeps } from '../../deps.js';
import { requireUser } from '../../http/auth-hooks.js';
import { findNotifications, markAllRead, markRead, unreadCount } from './inbox.js';
import { openStreams } from '../../kernel/index.js';
import { serveStream } from './stream.js';
import { wakeWorkers } from './wake.js';
import { createWebhook, findDeliveries, listWebhooks, replayDelivery, updateWebhook } from './webhooks.js';
import { staffActor } from '../admin-audit/index.js';

const zParams = z.object({ id: zId });
const zOk = z.object({ ok: z.literal(true) });

export function notificationRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const streams = openStreams();
    await deps.notifications.hub.start(deps.database);
    app.addHook('preClose', async () => streams.closeAll());
    app.addHook('onClose', async () => deps.notifications.hub.stop());

    app.get('/api/notifications', { schema: { tags: ['notifications'], summary: '我的消息（分页）', querystring: zNotificationQuery, response: { 200: zNotificationPage } } }, async (req) => {
      const user = requireUser(req, 'notification:read');
      return findNotifications(deps, user.id, req.query);
    });

    app.get('/api/notifications/unread-count', { schema: { tags: ['notifications'], summary: '未读消息数', response: { 200: zUnreadCount } } }, async (req) => {
      const user = requireUser(req, 'notification:read');
      return { unreadCount: await unreadCount(deps, user.id) };
    });

    app.get('/api/notifications/stream', { schema: { tags: ['notifications'], summary: '消息实时推送（Server-Sent Events：unread、notification 事件）' } }, async (req, reply) => {
      const user = requireUser(req, 'notification:read');
      await serveStream(deps, user.id, reply, streams);
    });

    app.post('/api/notifications/read-all', { schema: { tags: ['notifications'], summary: '全部标为已读', response: { 200: zMarkAllResult } } }, async (req) => {
      const user = requireUser(req, 'notification:read');
      const updated = await markAllRead(deps, user.id);
      return { updated, unreadCount: await unreadCount(deps, user.id) };
    });

    app.post('/api/notifications/:id/read', { schema: { tags: ['notifications'], summary: '标为已读', params: zParams, response: { 200: zUnreadCount } } }, async (req) => {
      const user = requireUser(req, 'notification:read');
      await markRead(deps, user.id, req.params.id);
      return { unreadCount: await unreadCount(deps, user.id) };
    });

    app.get('/api/admin/webhooks', { schema: { tags: ['webhooks'], summary: 'Webhook 列表（管理员）', response: { 200: zWebhookList } } }, async (req) => {
      requireUser(req, 'webhook:manage');
      return { items: await listWebhooks(deps) };
    });

    app.post('/api/admin/webhooks', { schema: { tags: ['webhooks'], summary: '新增 Webhook（返回签名密钥）', body: zCreateWebhook, response: { 201: zWebhook } } }, async (req, reply) => {
      const user = requireUser(req, 'webhook:manage');
      return reply.status(201).send(await createWebhook(deps, staffActor(user, req.ip), req.body));
    });

    app.post('/api/admin/webhooks/:id', { schema: { tags: ['webhooks'], summary: '修改 Webhook：地址、事件、启用/停用、更换密钥', params: zParams, body: zUpdateWebhook, response: { 200: zWebhook } } }, async (req) => {
      const user = requireUser(req, 'webhook:manage');
      return updateWebhook(deps, staffActor(user, req.ip), req.params.id, req.body);
    });

    app.get('/api/admin/webhooks/:id/deliveries', { schema: { tags: ['webhooks'], summary: 'Webhook 推送记录与每次尝试', params: zParams, querystring: zDeliveryQuery, response: { 200: zWebhookDeliveryPage } } }, async (req) => {
      requireUser(req, 'webhook:manage');
      return findDeliveries(deps, req.params.id, req.query);
    });

    app.post('/api/admin/webhook-deliveries/:id/replay', { schema: { tags: ['webhooks'], summary: '重新推送', params: zParams, response: { 200: zOk } } }, async (req) => {
      requireUser(req, 'webhook:manage');
      await replayDelivery(deps, req.params.id);
      await wakeWorkers(deps);
      return { ok: true as const };
    });
  };
}
