import { createHash, randomBytes } from 'node:crypto';
import type { AppDeps } from '../../deps.js';
import type { StaffUser } from '../../kernel/index.js';
import { AppError } from '../../errors.js';
import { dummyHash, verifyPassword } from './passwords.js';

export const sessionCookie = 'yw_session';
export const sessionTtlMs = 12 * 3_600_000;
export const maxFailedLogins = 5;
export const lockoutMs = 15 * 60_000;
// Sessions are looked up on every request; a short per-process cache keeps that off the database.
const cacheTtlMs = 10_000;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export interface Session {
  user: StaffUser;
  csrfToken: string;
}

export class SessionStore {
  #cache = new Map<string, { session: Session; until: number; expiresAt: number }>();
  constructor(private readonly deps: AppDeps) {}

  /** Checks the password, counts failures, locks the account after `maxFailedLogins`; returns the new token. */
  async login(username: string, password: string): Promise<{ token: string; session: Session }> {
    const { db } = this.deps.database;
    const now = this.deps.now();
    const user = await db.selectFrom('users').selectAll().where('username', '=', username).where('is_active', '=', true).executeTakeFirst();
    if (!user) {
      await verifyPassword(await dummyHash(), password);
      throw new AppError('LOGIN_FAILED');
    }
    if (user.locked_until && user.locked_until.getTime() > now.getTime()) throw new AppError('ACCOUNT_LOCKED');
    if (!(await verifyPassword(user.password_hash, password))) {
      const failed = user.failed_logins + 1;
      const locked = failed >= maxFailedLogins;
      await db.updateTable('users').set({ failed_logins: locked ? 0 : failed, locked_until: locked ? new Date(now.getTime() + lockoutMs) : null })
        .where('id', '=', user.id).execute();
      throw new AppError(locked ? 'ACCOUNT_LOCKED' : 'LOGIN_FAILED');
    }
    await db.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', user.id).execute();
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    await db.insertInto('sessions').values({ token_hash: sha256(token), user_id: user.id, csrf_token: csrfToken, expires_at: new Date(now.getTime() + (this.deps.sessionTtlMs ?? sessionTtlMs)) }).execute();
    const session = (await this.find(token))!;
    return { token, session };
  }

  async find(token: string | undefined): Promise<Session | null> {
    if (!token) return null;
    const key = sha256(token);
    const hit = this.#cache.get(key);
    // A cached session still ends at its expiry by the application's clock, not only when the cache entry does.
    if (hit && hit.until > Date.now() && hit.expiresAt > this.deps.now().getTime()) return hit.session;
    const row = await this.deps.database.db
      .selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .innerJoin('departments as d', 'd.id', 'u.department_id')
      .select(['s.csrf_token', 's.expires_at', 'u.id', 'u.username', 'u.display_name', 'u.role', 'u.department_id', 'u.is_active', 'd.name as department_name'])
      .where('s.token_hash', '=', key)
      .executeTakeFirst();
    if (!row || !row.is_active || row.expires_at.getTime() <= this.deps.now().getTime()) {
      this.#cache.delete(key);
      return null;
    }
    const session: Session = {
      csrfToken: row.csrf_token,
      user: { id: row.id, username: row.username, displayName: row.display_name, role: row.role, departmentId: row.department_id, departmentName: row.department_name },
    };
    if (this.#cache.size > 10_000) this.#cache.clear();
    this.#cache.set(key, { session, until: Date.now() + cacheTtlMs, expiresAt: row.expires_at.getTime() });
    return session;
  }

  async logout(token: string): Promise<void> {
    const key = sha256(token);
    this.#cache.delete(key);
    await this.deps.database.db.deleteFrom('sessions').where('token_hash', '=', key).execute();
  }
}
