import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type Limit, RateLimiter } from '../../kernel/index.js';

// Per-IP limits of /open311/v2/*, counted like the portal's (by the kernel's limiter, shared by all processes).
// Open311 readers are often servers that fetch for many users (a city app's backend, an aggregator), so reads
// get more room than the portal's; a POST needs an api_key and is limited per address too.

export const open311Limits = {
  read: { max: 1200, windowMs: 60_000 },
  submit: { max: 300, windowMs: 10 * 60_000 },
} satisfies Record<string, Limit>;

/** An onRequest hook: GET/HEAD count as reads, anything else as a submission; past the limit OPEN311_RATE_LIMITED (429). */
export function open311RateLimit(app: FastifyInstance, limits: Record<keyof typeof open311Limits, Limit> = open311Limits) {
  const limiter = new RateLimiter<keyof typeof open311Limits>(app, 'open311', limits, 'OPEN311_RATE_LIMITED');
  return async (req: FastifyRequest): Promise<void> => {
    await limiter.check(req, req.method === 'GET' || req.method === 'HEAD' ? 'read' : 'submit');
  };
}
