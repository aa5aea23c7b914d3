import type { Limit } from '../../kernel/index.js';

// Per-IP limits of the public portal, counted in PostgreSQL by the kernel's limiter (shared by all processes).

export const portalLimits = {
  upload: { max: 60, windowMs: 10 * 60_000 },
  submit: { max: 10, windowMs: 10 * 60_000 },
  lookup: { max: 10, windowMs: 10 * 60_000 },
  read: { max: 240, windowMs: 60_000 },
  hint: { max: 120, windowMs: 60_000 },
  rate: { max: 20, windowMs: 10 * 60_000 },
} satisfies Record<string, Limit>;
export type LimitName = keyof typeof portalLimits;
