import type { FastifyRequest } from 'fastify';
import type { ErrorCode } from '../../../contracts/errors.js';
import { AppError } from '../../errors.js';

// Per-IP limits for the public endpoints, kept in this process's memory. Behind a load balancer each process counts
// on its own, so the effective limit is N × processes: good enough against a script hammering the form; a shared
// limiter (PostgreSQL or the proxy) is the next step when that matters (docs/portal.md).

export interface Limit {
  /** Requests allowed per window. */
  max: number;
  windowMs: number;
}

export const portalLimits = {
  upload: { max: 60, windowMs: 10 * 60_000 },
  submit: { max: 10, windowMs: 10 * 60_000 },
  lookup: { max: 10, windowMs: 10 * 60_000 },
  read: { max: 240, windowMs: 60_000 },
  hint: { max: 120, windowMs: 60_000 },
  rate: { max: 20, windowMs: 10 * 60_000 },
} satisfies Record<string, Limit>;
export type LimitName = keyof typeof portalLimits;

/** Other public areas (Open311) pass their own named limits. */
export class RateLimiter<N extends string = LimitName> {
  #hits = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly now: () => Date,
    private readonly limits: Record<N, Limit> = portalLimits as Record<string, Limit>,
    /** The area's own 429 code (Open311 answers in its standard error format). */
    private readonly code: ErrorCode = 'PORTAL_RATE_LIMITED',
  ) {}

  /** Counts one request of `name` from `key` (an IP); throws the limiter's code (429) past the limit. */
  hit(name: N, key: string): void {
    const limit = this.limits[name];
    const t = this.now().getTime();
    const id = `${name}\u0000${key}`;
    let h = this.#hits.get(id);
    if (!h || t - h.start >= limit.windowMs) {
      if (this.#hits.size > 50_000) this.#sweep(t);
      h = { start: t, count: 0 };
      this.#hits.set(id, h);
    }
    h.count++;
    if (h.count > limit.max) throw new AppError(this.code, { retryAfterSeconds: Math.ceil((h.start + limit.windowMs - t) / 1000) });
  }

  check(req: FastifyRequest, name: N): void {
    this.hit(name, req.ip);
  }

  #sweep(t: number): void {
    const longest = Math.max(...Object.values<Limit>(this.limits).map((l) => l.windowMs));
    for (const [k, v] of this.#hits) if (t - v.start >= longest) this.#hits.delete(k);
  }
}
