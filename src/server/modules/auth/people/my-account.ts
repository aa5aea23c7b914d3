import type { ChangePassword, MyAccount, UpdateMyAccount } from '../../../../contracts/people.js';
import type { AppDeps } from '../../../deps.js';
import { AppError } from '../../../errors.js';
import type { StaffUser } from '../../../kernel/index.js';
import { hashPassword, verifyPassword } from '../passwords.js';
import type { SessionStore } from '../sessions.js';
import { assertNotReused, assertStrong, getPolicy, setPasswordHash } from './policy.js';

// 我的账号: every signed-in person changes their own password, contact addresses and notice preferences.

export async function getMyAccount(deps: AppDeps, user: StaffUser): Promise<MyAccount> {
  const r = await deps.database.db.selectFrom('users').select(['username', 'display_name', 'roles', 'email', 'phone', 'notify_email', 'notify_sms', 'password_changed_at'])
    .where('id', '=', user.id).executeTakeFirstOrThrow();
  return {
    username: r.username, displayName: r.display_name, departmentName: user.departmentName, roles: r.roles, email: r.email, mobile: r.phone,
    notifyEmail: r.notify_email, notifySms: r.notify_sms, passwordChangedAt: r.password_changed_at?.toISOString() ?? null,
  };
}

export async function updateMyAccount(deps: AppDeps, user: StaffUser, body: UpdateMyAccount): Promise<MyAccount> {
  await deps.database.db.updateTable('users').set({
    email: body.email || null, phone: body.mobile || null, notify_email: body.notifyEmail, notify_sms: body.notifySms,
  }).where('id', '=', user.id).execute();
  return getMyAccount(deps, user);
}

/**
 * Old password, then the policy, then no reuse; the new one is hashed with the full Argon2id parameters. Clears a
 * one-time password's "must change" and the person's other sessions end (this one stays).
 */
export async function changeMyPassword(deps: AppDeps, sessions: SessionStore, user: StaffUser, currentTokenHash: string | null, body: ChangePassword): Promise<void> {
  const { db } = deps.database;
  const row = await db.selectFrom('users').select('password_hash').where('id', '=', user.id).executeTakeFirstOrThrow();
  if (!(await verifyPassword(row.password_hash, body.oldPassword))) throw new AppError('PASSWORD_WRONG', [{ field: 'oldPassword', message: '原密码不正确' }]);
  const policy = await getPolicy(db);
  assertStrong(body.newPassword, policy, user.username);
  await assertNotReused(db, user.id, body.newPassword, policy);
  const hash = await hashPassword(body.newPassword);
  const now = deps.now();
  await db.transaction().execute(async (tx) => {
    await setPasswordHash(tx, user.id, hash, false, now);
    let q = tx.deleteFrom('sessions').where('user_id', '=', user.id);
    if (currentTokenHash) q = q.where('token_hash', '!=', currentTokenHash);
    await q.execute();
  });
  sessions.forgetUser(user.id);
}
