import { sql } from 'kysely';
import type { Database } from '../../db/engine.js';

// Live inbox updates. A process keeps the open streams of its users; the worker that wrote notices may be another
// process, so on PostgreSQL it tells everyone through NOTIFY and each process wakes its own streams. PGlite has one
// process: the in-process emitter is enough.

export const noticeChannel = 'yw_notification';
// NOTIFY payloads are limited to 8000 bytes: send [userId, noticeId] pairs in chunks well under that.
const pairsPerMessage = 400;

export type NoticeListener = (noticeIds: number[]) => void;

export class NotificationHub {
  #listeners = new Map<number, Set<NoticeListener>>();
  #stopListening: (() => Promise<void>) | null = null;
  #starting: Promise<void> | null = null;
  #wakers = new Set<() => void>();

  /** In-process wake-up of the worker (PGlite has no second session to NOTIFY). */
  onWake(fn: () => void): () => void {
    this.#wakers.add(fn);
    return () => this.#wakers.delete(fn);
  }

  wake(): void {
    for (const fn of this.#wakers) fn();
  }

  /** Registers a stream of one user; returns a function that removes it. */
  subscribe(userId: number, fn: NoticeListener): () => void {
    let set = this.#listeners.get(userId);
    if (!set) this.#listeners.set(userId, (set = new Set()));
    set.add(fn);
    return () => {
      set.delete(fn);
      if (set.size === 0) this.#listeners.delete(userId);
    };
  }

  get streamCount(): number {
    let n = 0;
    for (const s of this.#listeners.values()) n += s.size;
    return n;
  }

  /** Wakes this process's streams of the given users. */
  emitLocal(pairs: readonly (readonly [number, number])[]): void {
    const byUser = new Map<number, number[]>();
    for (const [userId, id] of pairs) {
      if (!this.#listeners.has(userId)) continue;
      const list = byUser.get(userId);
      if (list) list.push(id);
      else byUser.set(userId, [id]);
    }
    for (const [userId, noticeIds] of byUser) for (const fn of this.#listeners.get(userId) ?? []) fn(noticeIds);
  }

  /** After commit: tells every process (PostgreSQL) or this one (PGlite) about new notices. */
  async publish(database: Database, pairs: readonly (readonly [number, number])[]): Promise<void> {
    if (pairs.length === 0) return;
    if (database.kind !== 'postgres') return this.emitLocal(pairs);
    for (let i = 0; i < pairs.length; i += pairsPerMessage) {
      const chunk = JSON.stringify(pairs.slice(i, i + pairsPerMessage));
      await sql`SELECT pg_notify(${noticeChannel}, ${chunk})`.execute(database.db);
    }
  }

  /** PostgreSQL: LISTEN for notices written by any process. Idempotent. */
  async start(database: Database): Promise<void> {
    if (!database.listen || this.#stopListening) return;
    this.#starting ??= database.listen(noticeChannel, (payload) => {
      try {
        this.emitLocal(JSON.parse(payload) as [number, number][]);
      } catch {
        // A malformed payload is not ours to fix; the inbox page still shows everything.
      }
    }, () => {}).then((stop) => {
      this.#stopListening = stop;
    });
    await this.#starting;
  }

  async stop(): Promise<void> {
    const stop = this.#stopListening;
    this.#stopListening = null;
    this.#starting = null;
    await stop?.();
  }
}
