import { createHash, randomBytes } from 'node:crypto';
import { isPasswordExpired } from '../../../domain/access/password-policy.js';
import { permissionsOf } from '../../../domain/access/permissions.js';
import type { AppDeps } from '../../deps.js';
import type { StaffUser } from '../../kernel/index.js';
import { LoginThrottle, type AdminAlert } from './login-throttle.js';
import { dummyHash, verifyPassword } from './passwords.js';

export const sessionCookie = 'yw_session';
export const sessionTtlMs = 12 * 3_600_000;
// Sessions are looked up on every request; a short per-process cache keeps that off the database.
const cacheTtlMs = 10_000;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export interface Session {
  user: StaffUser;
  csrfToken: string;
}

export class SessionStore {
  #cache = new Map<string, { session: Session; until: number; expiresAt: number }>();
  readonly throttle: LoginThrottle;
  constructor(readonly deps: AppDeps, alertAdmins: AdminAlert) {
    this.throttle = new LoginThrottle(deps, alertAdmins);
    // The dummy hash is made once, ahead of the first unknown username, so that answer takes no longer than a wrong password.
    void dummyHash();
  }

  /**
   * Checks the password from address `ip`, behind the sign-in throttles (login-throttle.ts); returns the new token.
   * An unknown username is checked against a dummy hash and counted like a known one: the answers are the same.
   */
  async login(username: string, password: string, ip: string): Promise<{ token: string; session: Session }> {
    const { db } = this.deps.database;
    const now = this.deps.now();
    await this.throttle.check(username, ip);
    const user = await db.selectFrom('users').select(['id', 'password_hash']).where('username', '=', username).where('is_active', '=', true).executeTakeFirst();
    const ok = await verifyPassword(user?.password_hash ?? await dummyHash(), password);
    if (!user || !ok) throw await this.throttle.failed(username, ip);
    await this.throttle.succeeded(username, ip);
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    await db.insertInto('sessions').values({ token_hash: sha256(token), user_id: user.id, csrf_token: csrfToken, expires_at: new Date(now.getTime() + (this.deps.sessionTtlMs ?? sessionTtlMs)) }).execute();
    const session = (await this.find(token))!;
    return { token, session };
  }

  /**
   * The session from this process's cache without a database round trip: null without a token, undefined when it
   * must be looked up (find). The cache is keyed by the token itself, so a hit costs no hashing either.
   */
  cached(token: string | undefined): Session | null | undefined {
    if (!token) return null;
    const hit = this.#cache.get(token);
    // A cached session still ends at its expiry by the application's clock, not only when the cache entry does.
    if (hit && hit.until > Date.now() && hit.expiresAt > this.deps.now().getTime()) return hit.session;
    return undefined;
  }

  async find(token: string | undefined): Promise<Session | null> {
    const hit = this.cached(token);
    if (hit !== undefined) return hit;
    const key = sha256(token!);
    const row = await this.deps.database.db
      .selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .innerJoin('departments as d', 'd.id', 'u.department_id')
      .leftJoin('password_policy as p', (join) => join.on('p.id', '=', 1))
      .select(['s.csrf_token', 's.expires_at', 'u.id', 'u.username', 'u.display_name', 'u.role', 'u.roles', 'u.department_id', 'u.is_active', 'd.name as department_name',
        'u.must_change_password', 'u.password_changed_at', 'u.created_at', 'p.max_age_days'])
      .where('s.token_hash', '=', key)
      .executeTakeFirst();
    if (!row || !row.is_active || row.expires_at.getTime() <= this.deps.now().getTime()) {
      this.#cache.delete(token!);
      return null;
    }
    const session: Session = {
      csrfToken: row.csrf_token,
      user: {
        id: row.id, username: row.username, displayName: row.display_name, role: row.role, roles: row.roles, permissions: permissionsOf(row.roles),
        departmentId: row.department_id, departmentName: row.department_name,
        mustChangePassword: row.must_change_password || isPasswordExpired(row.password_changed_at ?? new Date(row.created_at as unknown as string), { maxAgeDays: row.max_age_days }, this.deps.now()),
      },
    };
    if (this.#cache.size > 10_000) this.#cache.clear();
    this.#cache.set(token!, { session, until: Date.now() + cacheTtlMs, expiresAt: row.expires_at.getTime() });
    return session;
  }

  /**
   * Drops this process's cached sessions of a user (after a password reset, a role change, a deactivation or sessions
   * ended by an administrator). Other processes see the change when their 10-second cache entry runs out.
   */
  forgetUser(userId: number): void {
    for (const [key, hit] of this.#cache) if (hit.session.user.id === userId) this.#cache.delete(key);
  }

  async logout(token: string): Promise<void> {
    this.#cache.delete(token);
    await this.deps.database.db.deleteFrom('sessions').where('token_hash', '=', sha256(token)).execute();
  }
}
