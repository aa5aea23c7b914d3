import type { Kysely } from 'kysely';
import { defaultPasswordPolicy, describePolicy, passwordWeaknesses, type PasswordPolicy } from '../../../../domain/access/password-policy.js';
import type { PasswordPolicyBody, PasswordPolicyView } from '../../../../contracts/people.js';
import type { DB } from '../../../db/schema.js';
import { AppError } from '../../../errors.js';
import type { StaffUser, Tx } from '../../../kernel/index.js';
import { recordAdminChange, staffActor } from '../../admin-audit/index.js';
import { hashPassword, verifyPassword } from '../passwords.js';

// The password policy (one row) and what every new password passes: the policy's rules, then no reuse of the
// current password or the last N stored in password_history.

export async function getPolicy(db: Kysely<DB>): Promise<PasswordPolicy & { updatedAt: Date | null }> {
  const row = await db.selectFrom('password_policy').selectAll().where('id', '=', 1).executeTakeFirst();
  if (!row) return { ...defaultPasswordPolicy, updatedAt: null };
  return { minLength: row.min_length, requiredClasses: row.required_classes, historyCount: row.history_count, maxAgeDays: row.max_age_days, updatedAt: row.updated_at };
}

export function presentPolicy(p: PasswordPolicy & { updatedAt: Date | null }): PasswordPolicyView {
  return { minLength: p.minLength, requiredClasses: p.requiredClasses, historyCount: p.historyCount, maxAgeDays: p.maxAgeDays, description: describePolicy(p), updatedAt: p.updatedAt?.toISOString() ?? null };
}

export async function updatePolicy(db: Kysely<DB>, user: StaffUser, ip: string, body: PasswordPolicyBody, now: Date): Promise<PasswordPolicyView> {
  const requiredClasses = [...new Set(body.requiredClasses)];
  return db.transaction().execute(async (tx) => {
    const before = await getPolicy(tx);
    const after = { minLength: body.minLength, requiredClasses, historyCount: body.historyCount, maxAgeDays: body.maxAgeDays };
    await tx.insertInto('password_policy').values({ id: 1, min_length: after.minLength, required_classes: after.requiredClasses, history_count: after.historyCount, max_age_days: after.maxAgeDays, updated_at: now, updated_by: user.id })
      .onConflict((oc) => oc.column('id').doUpdateSet({ min_length: after.minLength, required_classes: after.requiredClasses, history_count: after.historyCount, max_age_days: after.maxAgeDays, updated_at: now, updated_by: user.id }))
      .execute();
    const { updatedAt: _u, ...plainBefore } = before;
    await recordAdminChange(tx, staffActor(user, ip), { action: 'password_policy.update', targetType: 'user', targetName: '密码策略', before: plainBefore, after }, now);
    return presentPolicy({ ...after, updatedAt: now });
  });
}

/** PASSWORD_WEAK with what is missing, as field errors the console shows under the password box. */
export function assertStrong(password: string, policy: PasswordPolicy, username?: string): void {
  const weak = passwordWeaknesses(password, policy, { username });
  if (weak.length) throw new AppError('PASSWORD_WEAK', weak.map((message) => ({ field: 'password', message })));
}

/** PASSWORD_REUSED when the password equals the current one or one of the last N - 1 before it. */
export async function assertNotReused(tx: Tx | Kysely<DB>, userId: number, password: string, policy: PasswordPolicy): Promise<void> {
  if (policy.historyCount <= 0) return;
  const current = await tx.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirstOrThrow();
  const previous = policy.historyCount > 1
    ? await tx.selectFrom('password_history').select('hash').where('user_id', '=', userId).orderBy('id', 'desc').limit(policy.historyCount - 1).execute()
    : [];
  for (const h of [current.password_hash, ...previous.map((p) => p.hash)]) {
    if (await verifyPassword(h, password)) {
      throw new AppError('PASSWORD_REUSED', [{ field: 'password', message: `不能与最近 ${policy.historyCount} 次使用过的密码相同` }]);
    }
  }
}

/** Replaces a password, keeping the old hash in the history. `mustChange`: a one-time password (reset, import). */
export async function setPasswordHash(tx: Tx, userId: number, hash: string, mustChange: boolean, now: Date): Promise<void> {
  await tx.insertInto('password_history').columns(['user_id', 'hash', 'changed_at'])
    .expression((eb) => eb.selectFrom('users').select(['id', 'password_hash', eb.val(now).as('changed_at')]).where('id', '=', userId))
    .execute();
  await tx.updateTable('users').set({ password_hash: hash, must_change_password: mustChange, password_changed_at: now }).where('id', '=', userId).execute();
}

export { hashPassword };
