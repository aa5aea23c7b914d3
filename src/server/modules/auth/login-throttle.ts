import { beijingDateTime } from '../../../domain/calendar/local-time.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { FailureThrottle, secondsUntil, type FailureRule } from '../../kernel/index.js';

// Sign-in throttles, counted in PostgreSQL (shared by all processes). Three keys per attempt, whether or not the
// username exists (so no answer tells an account from a made-up name):
// - the address: 20 failures in 15 min → that address may not try any account for 15 min (LOGIN_THROTTLED, 429);
// - the account from that address: 5 failures in an hour → 1 min, then 2, 4, 8, 15 min per further failure
//   (LOGIN_THROTTLED); the same account from another address is not affected, and a success clears it;
// - the account from anywhere (等保 lockout): 50 failures in an hour → locked 15 min for every address
//   (ACCOUNT_LOCKED, 423, the only lock); it ends by itself, counts again from zero and needs 50 new failures.
// Administrators get an inbox alert when an address crosses its limit or an account is locked (once per window).

export const loginRules = {
  address: { max: 20, windowMs: 15 * 60_000, blockMs: 15 * 60_000 },
  pair: { max: 5, windowMs: 60 * 60_000, blockMs: 60_000, maxBlockMs: 15 * 60_000 },
  account: { max: 50, windowMs: 60 * 60_000, blockMs: 15 * 60_000, resetOnBlock: true },
} satisfies Record<string, FailureRule>;

export const loginKeyPrefix = 'login:';

function keysOf(username: string, ip: string) {
  return { address: `login:address:${ip}`, pair: `login:pair:${ip}:${username}`, account: `login:account:${username}` };
}

/**
 * Writes an alert to the administrators' inboxes. The notifications area does it (alertAdmins); the app hands it in,
 * because the notifications area's routes sit on the sign-in this area provides (docs/architecture.md, "Layers").
 */
export type AdminAlert = (alert: { title: string; body: string }) => Promise<void>;

export class LoginThrottle {
  readonly #throttle: FailureThrottle;
  constructor(private readonly deps: AppDeps, private readonly alertAdmins: AdminAlert) {
    this.#throttle = new FailureThrottle(deps.database.db, deps.now);
  }

  /** Refuses before the password is checked: ACCOUNT_LOCKED for a locked account, LOGIN_THROTTLED for a throttled address. */
  async check(username: string, ip: string): Promise<void> {
    const k = keysOf(username, ip);
    const blocked = await this.#throttle.blocked([k.account, k.address, k.pair]);
    const now = this.deps.now();
    const account = blocked.get(k.account);
    if (account) throw new AppError('ACCOUNT_LOCKED', { retryAfterSeconds: secondsUntil(account, now) });
    const latest = [blocked.get(k.address), blocked.get(k.pair)].filter((d): d is Date => !!d).sort((a, b) => b.getTime() - a.getTime())[0];
    if (latest) throw new AppError('LOGIN_THROTTLED', { retryAfterSeconds: secondsUntil(latest, now) });
  }

  /** Counts a failed attempt and returns the error to answer with (the same for unknown and known usernames). */
  async failed(username: string, ip: string): Promise<AppError> {
    const k = keysOf(username, ip);
    const address = await this.#throttle.fail(k.address, loginRules.address);
    const pair = await this.#throttle.fail(k.pair, loginRules.pair);
    const account = await this.#throttle.fail(k.account, loginRules.account);
    const now = this.deps.now();
    if (address.blockedUntil) {
      await this.alertAdmins({
        title: `登录失败过多：地址 ${ip} 已被限制`,
        body: `地址 ${ip} 在 15 分钟内登录失败 ${address.failures} 次（最近尝试的用户名：${username}），已暂停其登录至 ${beijingDateTime(address.blockedUntil)}。`,
      });
    }
    if (account.blockedUntil) {
      await this.alertAdmins({
        title: `账号「${username}」已临时锁定`,
        body: `用户名「${username}」在 1 小时内从多个地址登录失败 ${account.failures} 次，已锁定至 ${beijingDateTime(account.blockedUntil)}（到期自动解除）。最近一次来自 ${ip}。`,
      });
      return new AppError('ACCOUNT_LOCKED', { retryAfterSeconds: secondsUntil(account.blockedUntil, now) });
    }
    const until = [address.blockedUntil, pair.blockedUntil].filter((d): d is Date => !!d).sort((a, b) => b.getTime() - a.getTime())[0];
    if (until) return new AppError('LOGIN_THROTTLED', { retryAfterSeconds: secondsUntil(until, now) });
    return new AppError('LOGIN_FAILED');
  }

  /** A success clears this address's count for the account and the account's count (not the address's own). */
  async succeeded(username: string, ip: string): Promise<void> {
    const k = keysOf(username, ip);
    await this.#throttle.clear([k.pair, k.account]);
  }

  /**
   * An administrator lifts an account's sign-in blocks early: the lock everywhere and the per-address blocks of that
   * username (not an address's own block, which covers every account). Returns how many blocks were lifted.
   */
  async unlock(username: string): Promise<number> {
    const k = keysOf(username, '');
    const blocked = (await this.#throttle.list(loginKeyPrefix)).map((r) => r.key)
      .filter((key) => key === k.account || (key.startsWith('login:pair:') && key.endsWith(`:${username}`)));
    if (blocked.length) await this.#throttle.clear([...new Set([...blocked, k.account])]);
    return blocked.length;
  }

  /** What an administrator sees: accounts locked and addresses throttled now. */
  async current() {
    const rows = await this.#throttle.list(loginKeyPrefix);
    return rows.map((r) => {
      const [, kind, ...rest] = r.key.split(':');
      return { kind: kind as 'address' | 'pair' | 'account', subject: rest.join(':'), failures: r.failures, blockedUntil: r.blockedUntil.toISOString() };
    });
  }
}
