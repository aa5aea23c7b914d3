import { createHash } from 'node:crypto';
import type { AccountSession } from '../../../../contracts/people.js';
import type { AppDeps } from '../../../deps.js';
import { AppError } from '../../../errors.js';
import type { StaffUser } from '../../../kernel/index.js';
import { recordAdminChange, staffActor } from '../../admin-audit/index.js';
import type { SessionStore } from '../sessions.js';
import { getAccount } from './accounts.js';

// A person's sessions as an administrator sees them, and ending them (强制下线); lifting a sign-in lock early.

const idLength = 16;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export async function listSessions(deps: AppDeps, userId: number, currentToken: string | undefined): Promise<AccountSession[]> {
  await getAccount(deps.database.db, userId, deps.now());
  const current = currentToken ? sha256(currentToken) : null;
  const rows = await deps.database.db.selectFrom('sessions').select(['token_hash', 'created_at', 'expires_at'])
    .where('user_id', '=', userId).where('expires_at', '>', deps.now()).orderBy('created_at', 'desc').execute();
  return rows.map((r) => ({
    id: r.token_hash.slice(0, idLength), createdAt: new Date(r.created_at as unknown as string).toISOString(), expiresAt: r.expires_at.toISOString(), current: r.token_hash === current,
  }));
}

/** Ends one session (by its id) or all of a person's sessions; SESSION_NOT_FOUND when there was none to end. */
export async function endSessions(deps: AppDeps, sessions: SessionStore, actor: StaffUser, ip: string, userId: number, sessionId?: string): Promise<number> {
  const now = deps.now();
  const ended = await deps.database.db.transaction().execute(async (tx) => {
    const account = await getAccount(tx, userId, now);
    let q = tx.deleteFrom('sessions').where('user_id', '=', userId);
    if (sessionId) q = q.where('token_hash', 'like', `${sessionId.replace(/[^0-9a-f]/g, '')}%`);
    const result = await q.executeTakeFirst();
    const n = Number(result.numDeletedRows);
    if (n === 0) throw new AppError('SESSION_NOT_FOUND');
    await recordAdminChange(tx, staffActor(actor, ip), {
      action: 'user.sessions_end', targetType: 'user', targetId: userId, targetName: `${account.displayName}（${account.username}）`,
      after: { ended: n, session: sessionId ?? null },
    }, now);
    return n;
  });
  sessions.forgetUser(userId);
  return ended;
}

/** Lifts the account's sign-in lock and its per-address blocks; LOGIN_LOCK_NOT_FOUND when it is not blocked. */
export async function unlockAccount(deps: AppDeps, sessions: SessionStore, actor: StaffUser, ip: string, userId: number): Promise<void> {
  const now = deps.now();
  const account = await getAccount(deps.database.db, userId, now);
  // The throttle has its own statements (outside this transaction: PGlite has one connection); the record follows.
  const lifted = await sessions.throttle.unlock(account.username);
  if (lifted === 0) throw new AppError('LOGIN_LOCK_NOT_FOUND');
  await deps.database.db.transaction().execute(async (tx) => {
    await recordAdminChange(tx, staffActor(actor, ip), {
      action: 'user.unlock', targetType: 'user', targetId: userId, targetName: `${account.displayName}（${account.username}）`, after: { lifted },
    }, now);
  });
}
