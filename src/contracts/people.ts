import { z } from 'zod';
import { passwordClasses } from '../domain/access/password-policy.js';
import { zRole } from './auth.js';
import { zId, zStr } from './common.js';

// Accounts administration (账号管理), the password policy (密码策略) and "my account" (我的账号).

export const zUsername = zStr().trim().regex(/^[A-Za-z0-9._-]{2,64}$/);
const zEmail = zStr().trim().max(254).regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/);
const zMobile = zStr().trim().regex(/^1\d{10}$/);
const zOptional = <T extends z.ZodTypeAny>(t: T) => z.union([t, z.literal(''), z.null()]).optional();

export const zAccount = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: zRole,
  roles: z.array(zRole),
  departmentId: z.number(),
  departmentName: z.string(),
  email: z.string().nullable(),
  mobile: z.string().nullable(),
  isActive: z.boolean(),
  mustChangePassword: z.boolean(),
  createdAt: z.string(),
  /** Sessions not yet expired. */
  activeSessions: z.number(),
});
export type Account = z.infer<typeof zAccount>;

export const zAccountQuery = z.object({
  q: zStr().trim().max(100).optional(),
  role: zRole.optional(),
  departmentId: zId.optional(),
  status: z.enum(['active', 'inactive', 'all']).default('active'),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const zAccountPage = z.object({ items: z.array(zAccount), total: z.number() });
export type AccountPage = z.infer<typeof zAccountPage>;

export const zCreateAccount = z.object({
  username: zUsername,
  displayName: zStr().trim().min(1).max(64),
  departmentId: zId,
  roles: z.array(zRole).min(1).max(6),
  email: zOptional(zEmail),
  mobile: zOptional(zMobile),
});
export type CreateAccount = z.infer<typeof zCreateAccount>;

export const zUpdateAccount = z.object({
  displayName: zStr().trim().min(1).max(64).optional(),
  departmentId: zId.optional(),
  roles: z.array(zRole).min(1).max(6).optional(),
  email: zOptional(zEmail),
  mobile: zOptional(zMobile),
});
export type UpdateAccount = z.infer<typeof zUpdateAccount>;

/** A one-time password, shown once to the administrator; the person must change it at the next sign-in. */
export const zOneTimePassword = z.object({ account: zAccount, oneTimePassword: z.string().nullable() });
export type OneTimePassword = z.infer<typeof zOneTimePassword>;

/** Reset: a password the administrator chose (policy-checked), or none for a generated one-time password. */
export const zResetPassword = z.object({ password: zStr().min(1).max(256).optional() });

export const zAccountSession = z.object({
  /** A short prefix of the token's hash: names the session without revealing anything usable. */
  id: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  current: z.boolean(),
});
export const zAccountSessions = z.object({ items: z.array(zAccountSession) });
export type AccountSession = z.infer<typeof zAccountSession>;

export const zPasswordPolicy = z.object({
  minLength: z.number().int().min(8).max(64),
  requiredClasses: z.array(z.enum(passwordClasses)),
  historyCount: z.number().int().min(0).max(24),
  maxAgeDays: z.number().int().min(1).max(3650).nullable(),
});
export type PasswordPolicyBody = z.infer<typeof zPasswordPolicy>;
export const zPasswordPolicyView = zPasswordPolicy.extend({ description: z.string(), updatedAt: z.string().nullable() });
export type PasswordPolicyView = z.infer<typeof zPasswordPolicyView>;

export const zMyAccount = z.object({
  username: z.string(),
  displayName: z.string(),
  departmentName: z.string(),
  roles: z.array(zRole),
  email: z.string().nullable(),
  mobile: z.string().nullable(),
  notifyEmail: z.boolean(),
  notifySms: z.boolean(),
  passwordChangedAt: z.string().nullable(),
});
export type MyAccount = z.infer<typeof zMyAccount>;

export const zUpdateMyAccount = z.object({
  email: zOptional(zEmail),
  mobile: zOptional(zMobile),
  notifyEmail: z.boolean(),
  notifySms: z.boolean(),
});
export type UpdateMyAccount = z.infer<typeof zUpdateMyAccount>;

export const zChangePassword = z.object({ oldPassword: zStr().min(1).max(256), newPassword: zStr().min(1).max(256) });
export type ChangePassword = z.infer<typeof zChangePassword>;

/** One row of an account file that cannot be imported, with its problems in Chinese. */
export const zImportProblem = z.object({ rowNumber: z.number(), username: z.string(), problems: z.array(z.string()) });
export const zAccountImportReport = z.object({
  dryRun: z.boolean(),
  total: z.number(),
  good: z.number(),
  imported: z.number(),
  problems: z.array(zImportProblem),
  /** Real run: an .xlsx of username + one-time password, base64, given once and never stored. */
  credentialsXlsx: z.string().nullable(),
});
export type AccountImportReport = z.infer<typeof zAccountImportReport>;
