import type { FastifyReply } from 'fastify';
import type { AppDeps } from '../../deps.js';
import { openEventStream, type OpenStreams } from '../../kernel/index.js';
import { getNotifications, unreadCount } from './inbox.js';

// Server-sent events for one signed-in user: the unread count on connect, then every new notice as it is written
// (by this process or, through LISTEN/NOTIFY, by any other) followed by the new count.

export async function serveStream(deps: AppDeps, userId: number, reply: FastifyReply, streams: OpenStreams): Promise<void> {
  const stream = openEventStream(reply, streams);
  // Notices arriving while the previous batch is being read are queued, so the order on the wire is kept.
  let chain: Promise<void> = Promise.resolve();
  const unsubscribe = deps.notifications.hub.subscribe(userId, (ids) => {
    chain = chain.then(async () => {
      if (stream.closed) return;
      const [items, count] = await Promise.all([getNotifications(deps, userId, ids), unreadCount(deps, userId)]);
      for (const n of items) stream.send('notification', n, n.id);
      stream.send('unread', { unreadCount: count });
    }).catch((err) => deps.log.warn({ err }, 'notification stream read failed'));
  });
  stream.onEnd(unsubscribe);
  stream.send('unread', { unreadCount: await unreadCount(deps, userId) });
}
