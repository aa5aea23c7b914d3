import type { FastifyRequest } from 'fastify';
import { RateLimiter, type Limit } from '../portal/rate-limit.js';

// Per-IP limits of /open311/v2/*, counted like the portal's (in this process's memory; see portal/rate-limit.ts).
// Open311 readers are often servers that fetch for many users (a city app's backend, an aggregator), so reads
// get more room than the portal's; a POST needs an api_key and is limited per address too.

export const open311Limits = {
  read: { max: 1200, windowMs: 60_000 },
  submit: { max: 300, windowMs: 10 * 60_000 },
} satisfies Record<string, Limit>;

/** An onRequest hook: GET/HEAD count as reads, anything else as a submission; past the limit OPEN311_RATE_LIMITED (429). */
export function open311RateLimit(now: () => Date, limits: Record<keyof typeof open311Limits, Limit> = open311Limits) {
  const limiter = new RateLimiter<keyof typeof open311Limits>(now, limits, 'OPEN311_RATE_LIMITED');
  return async (req: FastifyRequest): Promise<void> => {
    limiter.check(req, req.method === 'GET' || req.method === 'HEAD' ? 'read' : 'submit');
  };
}

/** Seconds until the window ends, from the limiter's error details. */
export function retryAfterOf(details: unknown): number | undefined {
  const s = (details as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds;
  return typeof s === 'number' && s > 0 ? s : undefined;
}
