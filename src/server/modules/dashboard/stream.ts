import type { FastifyReply } from 'fastify';
import { sql } from 'kysely';
import type { AppDeps } from '../../deps.js';
import { openEventStream, type OpenStreams } from '../../kernel/index.js';

// Live refresh for the big screen and open dashboards. Every change to a case — intake, a command, a rating, a
// sweep's red crossing — appends to case_events, so the highest event id is a high-water mark of "the figures may
// have moved". One watcher per process reads it (a primary-key lookup) every couple of seconds while at least one
// screen is connected, and pushes `changed` to all of them over server-sent events; the screens then refetch.
// This works the same on PGlite and across PostgreSQL processes (it reads the shared database), costs one tiny
// query per process however many screens watch, and needs no hook in the writers.

/** The highest event id: moves whenever any case changed (a primary-key lookup). */
export async function readMark(deps: AppDeps): Promise<number> {
  const r = await sql<{ m: number }>`SELECT coalesce(max(id), 0) AS m FROM case_events`.execute(deps.readDb);
  return Number(r.rows[0]?.m ?? 0);
}

export class ChangeWatcher {
  #subscribers = new Set<(mark: number) => void>();
  #timer: NodeJS.Timeout | null = null;
  #mark: number | null = null;
  #busy = false;

  constructor(private readonly deps: AppDeps, private readonly intervalMs = 2_000) {}

  get mark(): number | null {
    return this.#mark;
  }

  subscribe(fn: (mark: number) => void): () => void {
    this.#subscribers.add(fn);
    if (!this.#timer) {
      void this.check();
      this.#timer = setInterval(() => void this.check(), this.intervalMs);
      this.#timer.unref();
    }
    return () => {
      this.#subscribers.delete(fn);
      if (this.#subscribers.size === 0) this.stop();
    };
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    this.#mark = null;
  }

  /** Reads the mark and tells subscribers when it moved since the last read. */
  async check(): Promise<void> {
    if (this.#busy) return;
    this.#busy = true;
    try {
      const mark = await readMark(this.deps);
      const moved = this.#mark !== null && mark !== this.#mark;
      this.#mark = mark;
      if (moved) for (const fn of [...this.#subscribers]) fn(mark);
    } catch (err) {
      this.deps.log.warn({ err }, 'dashboard change watcher read failed');
    } finally {
      this.#busy = false;
    }
  }
}

export function serveDashboardStream(reply: FastifyReply, watcher: ChangeWatcher, streams: OpenStreams): void {
  const stream = openEventStream(reply, streams);
  stream.onEnd(watcher.subscribe((mark) => stream.send('changed', { mark })));
  stream.send('ready', { mark: watcher.mark ?? 0 });
}
