import type { FastifyReply } from 'fastify';

// Server-sent events: every stream (the notification inbox, the dashboards and big screen) opens through here, so the
// headers, the reconnect hint, the heartbeat that keeps proxies from closing an idle connection, and the clean-up on
// disconnect or shutdown are written once.

const heartbeatMs = 25_000;

/** The streams a process has open, so that shutdown can end them (an open stream would keep the server alive). */
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

export interface EventStream {
  /** Writes one event; a no-op once the stream has ended. */
  send(event: string, data: unknown, id?: number): void;
  readonly closed: boolean;
  /** Runs `fn` when the stream ends (the client left, or the server is shutting down). */
  onEnd(fn: () => void): void;
}

/** Takes over the reply and opens an event stream on it. */
export function openEventStream(reply: FastifyReply, streams: OpenStreams): EventStream {
  const raw = reply.raw;
  reply.hijack();
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  let closed = false;
  const cleanups: (() => void)[] = [];
  const heartbeat = setInterval(() => !closed && raw.write(': ping\n\n'), heartbeatMs);
  heartbeat.unref();
  const end = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    for (const fn of cleanups) fn();
    forget();
    raw.end();
  };
  const forget = streams.add(end);
  raw.on('close', end);
  raw.write('retry: 5000\n\n');
  return {
    send(event, data, id) {
      if (!closed) raw.write(`${id !== undefined ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    get closed() {
      return closed;
    },
    onEnd(fn) {
      if (closed) fn();
      else cleanups.push(fn);
    },
  };
}
