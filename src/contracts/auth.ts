import { z } from 'zod';
import { zStr } from './common.js';
import { roles } from '../domain/case/status.js';

export const zLoginRequest = z.object({
  username: zStr().trim().min(1).max(64),
  password: zStr().min(1).max(256),
});
export type LoginRequest = z.infer<typeof zLoginRequest>;

/** Sign-in blocks running now: an account locked everywhere, an address throttled, or an account from one address. */
export const zLoginLocks = z.object({
  items: z.array(z.object({
    kind: z.enum(['account', 'address', 'pair']),
    /** The username, the address, or `address:username`. */
    subject: z.string(),
    failures: z.number().int(),
    blockedUntil: z.string(),
  })),
});
export type LoginLocks = z.infer<typeof zLoginLocks>;

export const zRole = z.enum(roles);

export const zCurrentUser = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: zRole,
  departmentId: z.number(),
  departmentName: z.string(),
});
export type CurrentUser = z.infer<typeof zCurrentUser>;

export const zSessionResponse = z.object({ user: zCurrentUser, csrfToken: z.string() });
export type SessionResponse = z.infer<typeof zSessionResponse>;
