import rateLimit, { type FastifyRateLimitStore } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { ErrorCode } from '../../domain/errors.js';
import { AppError } from '../errors.js';
import type { Db } from './tx.js';

// Per-address limits of the public endpoints (portal, Open311), counted by @fastify/rate-limit in PostgreSQL so that
// every server process behind the load balancer shares one count. The store keeps a fixed window per key that starts
// at its first hit, as the in-memory limiter before it did; the time comes from the app's clock (tests move it).

export interface Limit {
  /** Requests allowed per window. */
  max: number;
  windowMs: number;
}

/** How often a process deletes ended windows (it does so on a hit, at most this often). */
const sweepEveryMs = 60_000;

/** The @fastify/rate-limit store over the rate_limit_hits table. */
export function pgRateLimitStore(db: Db, now: () => Date) {
  let lastSweep = 0;
  async function hit(key: string, windowMs: number): Promise<{ current: number; ttl: number }> {
    const at = now();
    const r = await sql<{ count: number; window_end: Date }>`
      INSERT INTO rate_limit_hits AS h (key, window_start, window_end, count)
      VALUES (${key}, ${at}, ${new Date(at.getTime() + windowMs)}, 1)
      ON CONFLICT (key) DO UPDATE SET
        count = CASE WHEN h.window_end <= ${at} THEN 1 ELSE h.count + 1 END,
        window_start = CASE WHEN h.window_end <= ${at} THEN excluded.window_start ELSE h.window_start END,
        window_end = CASE WHEN h.window_end <= ${at} THEN excluded.window_end ELSE h.window_end END
      RETURNING count, window_end`.execute(db);
    const row = r.rows[0]!;
    if (at.getTime() - lastSweep >= sweepEveryMs) {
      lastSweep = at.getTime();
      await sql`DELETE FROM rate_limit_hits WHERE window_end <= ${at}`.execute(db);
    }
    return { current: Number(row.count), ttl: new Date(row.window_end).getTime() - at.getTime() };
  }
  return class PgRateLimitStore implements FastifyRateLimitStore {
    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number): void {
      hit(key, timeWindow).then((res) => callback(null, res), (err: Error) => callback(err));
    }

    child(): FastifyRateLimitStore {
      return this;
    }
  };
}

/** Registers @fastify/rate-limit on the app with the shared store; limits apply only where a RateLimiter checks. */
export async function installRateLimits(app: FastifyInstance, db: Db, now: () => Date): Promise<void> {
  await app.register(rateLimit, { global: false, store: pgRateLimitStore(db, now) });
}

/**
 * Named per-address limits of one area; past a limit the area's own code (429) with `retryAfterSeconds`.
 * A count is kept per area, limit name and address (`portal:read:203.0.113.7`).
 */
export class RateLimiter<N extends string = string> {
  readonly #checks: Record<string, ReturnType<FastifyInstance['createRateLimit']>> = {};

  constructor(app: FastifyInstance, area: string, limits: Record<N, Limit>, private readonly code: ErrorCode) {
    for (const [name, limit] of Object.entries<Limit>(limits)) {
      this.#checks[name] = app.createRateLimit({
        max: limit.max, timeWindow: limit.windowMs, keyGenerator: (req) => `${area}:${name}:${req.ip}`,
      });
    }
  }

  /** Counts one request of `name` from the request's address; throws the limiter's code past the limit. */
  async check(req: FastifyRequest, name: N): Promise<void> {
    const r = await this.#checks[name]!(req);
    if (!r.isAllowed && r.isExceeded) throw new AppError(this.code, { retryAfterSeconds: r.ttlInSeconds });
  }
}

/** Seconds until the window ends, from a limiter's error details. */
export function retryAfterOf(details: unknown): number | undefined {
  const s = (details as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds;
  return typeof s === 'number' && s > 0 ? s : undefined;
}
