import type { FastifyReply } from 'fastify';
import type { AppDeps } from '../../deps.js';
import { getNotifications, unreadCount } from './inbox.js';

// Server-sent events for one signed-in user: the unread count on connect, then every new notice as it is written
// (by this process or, through LISTEN/NOTIFY, by any other) followed by the new count.

const heartbeatMs = 25_000;

export interface OpenStreams {
  add(end: () => void): () => void;
  closeAll(): void;
}

export function openStreams(): OpenStreams {
  const ends = new Set<() => void>();
  return {
    add(end) {
      ends.add(end);
      return () => ends.delete(end);
    },
    closeAll() {
      for (const end of [...ends]) end();
    },
  };
}

export async function serveStream(deps: AppDeps, userId: number, reply: FastifyReply, streams: OpenStreams): Promise<void> {
  const raw = reply.raw;
  reply.hijack();
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  let closed = false;
  const send = (event: string, data: unknown, id?: number) => {
    if (closed) return;
    raw.write(`${id !== undefined ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  // Notices arriving while the previous batch is being read are queued, so the order on the wire is kept.
  let chain: Promise<void> = Promise.resolve();
  const unsubscribe = deps.notifications.hub.subscribe(userId, (ids) => {
    chain = chain.then(async () => {
      if (closed) return;
      const [items, count] = await Promise.all([getNotifications(deps, userId, ids), unreadCount(deps, userId)]);
      for (const n of items) send('notification', n, n.id);
      send('unread', { unreadCount: count });
    }).catch((err) => deps.log.warn({ err }, 'notification stream read failed'));
  });
  const heartbeat = setInterval(() => !closed && raw.write(': ping\n\n'), heartbeatMs);
  heartbeat.unref();
  const end = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    unsubscribe();
    forget();
    raw.end();
  };
  const forget = streams.add(end);
  raw.on('close', end);
  raw.write('retry: 5000\n\n');
  send('unread', { unreadCount: await unreadCount(deps, userId) });
}
