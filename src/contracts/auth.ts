import { z } from 'zod';
import { zStr } from './common.js';
import { roles } from '../domain/case/status.js';
import { permissions } from '../domain/access/permissions.js';

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
  /** The primary role (the first of `roles`). */
  role: zRole,
  /** Every role the person holds in their unit. */
  roles: z.array(zRole),
  /** The union of the roles' permission strings: the console shows menus, screens and buttons from these. */
  permissions: z.array(z.enum(permissions)),
  departmentId: z.number(),
  departmentName: z.string(),
  /** A one-time or expired password: the console shows only the change-password page until it is changed. */
  mustChangePassword: z.boolean(),
});
export type CurrentUser = z.infer<typeof zCurrentUser>;

export const zSessionResponse = z.object({ user: zCurrentUser, csrfToken: z.string() });
export type SessionResponse = z.infer<typeof zSessionResponse>;
