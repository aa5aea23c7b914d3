import { sql } from 'kysely';
import type { Db } from './tx.js';

// Failure counts with blocks that end by themselves, in PostgreSQL (table failure_throttle, migration 0021) so that
// every server process shares them. Used where a guess is checked: sign-in and the tracking-link recovery. A key
// counts failures in a window that starts at its first failure; at `max` failures the key is blocked for `blockMs`,
// each further failure (after the block) doubles the block up to `maxBlockMs`. A lock (`resetOnBlock`) counts
// again from zero after its block (its window ends when it blocks), so it cannot be renewed by a single failure.

export interface FailureRule {
  /** Failures in one window before the key is blocked. */
  max: number;
  windowMs: number;
  /** The first block; doubled by each further failure up to `maxBlockMs` (default: no growth). */
  blockMs: number;
  maxBlockMs?: number;
  /** The count starts again after a block (a lock), instead of growing the next block. */
  resetOnBlock?: boolean;
}

export interface Failure {
  failures: number;
  /** Set when this failure blocked the key: refused until then. */
  blockedUntil: Date | null;
}

export interface Blocked {
  key: string;
  failures: number;
  blockedUntil: Date;
}

/** How often a process deletes ended rows (on a failure, at most this often). */
const sweepEveryMs = 60_000;

export class FailureThrottle {
  #lastSweep = 0;
  constructor(private readonly db: Db, private readonly now: () => Date) {}

  /** The keys among `keys` blocked now, each with the time it is free again. */
  async blocked(keys: string[]): Promise<Map<string, Date>> {
    if (keys.length === 0) return new Map();
    const at = this.now();
    const r = await sql<{ key: string; blocked_until: Date }>`
      SELECT key, blocked_until FROM failure_throttle WHERE key IN (${sql.join(keys)}) AND blocked_until > ${at}`.execute(this.db);
    return new Map(r.rows.map((row) => [row.key, new Date(row.blocked_until)]));
  }

  /** Every key starting with `prefix` that is blocked now (what an administrator sees). */
  async list(prefix: string): Promise<Blocked[]> {
    const at = this.now();
    const r = await sql<{ key: string; failures: number; blocked_until: Date }>`
      SELECT key, failures, blocked_until FROM failure_throttle
      WHERE key LIKE ${`${prefix.replace(/[\\%_]/g, '\\$&')}%`} AND blocked_until > ${at} ORDER BY blocked_until DESC, key`.execute(this.db);
    return r.rows.map((row) => ({ key: row.key, failures: Number(row.failures), blockedUntil: new Date(row.blocked_until) }));
  }

  /** Counts one failure of `key`; says whether it blocked the key. */
  async fail(key: string, rule: FailureRule): Promise<Failure> {
    const at = this.now();
    // A window starts again once it has ended and no block is running.
    const r = await sql<{ failures: number }>`
      INSERT INTO failure_throttle AS f (key, window_end, failures, blocked_until)
      VALUES (${key}, ${new Date(at.getTime() + rule.windowMs)}, 1, NULL)
      ON CONFLICT (key) DO UPDATE SET
        failures = CASE WHEN f.window_end <= ${at} AND (f.blocked_until IS NULL OR f.blocked_until <= ${at}) THEN 1 ELSE f.failures + 1 END,
        window_end = CASE WHEN f.window_end <= ${at} AND (f.blocked_until IS NULL OR f.blocked_until <= ${at}) THEN excluded.window_end ELSE f.window_end END,
        blocked_until = CASE WHEN f.window_end <= ${at} AND (f.blocked_until IS NULL OR f.blocked_until <= ${at}) THEN NULL ELSE f.blocked_until END
      RETURNING failures`.execute(this.db);
    const failures = Number(r.rows[0]!.failures);
    let blockedUntil: Date | null = null;
    if (failures >= rule.max) {
      const ms = Math.min(rule.blockMs * 2 ** Math.min(failures - rule.max, 30), rule.maxBlockMs ?? rule.blockMs);
      blockedUntil = new Date(at.getTime() + ms);
      if (rule.resetOnBlock) {
        await sql`UPDATE failure_throttle SET blocked_until = ${blockedUntil}, window_end = ${at} WHERE key = ${key}`.execute(this.db);
      } else {
        await sql`UPDATE failure_throttle SET blocked_until = GREATEST(COALESCE(blocked_until, ${blockedUntil}), ${blockedUntil}) WHERE key = ${key}`.execute(this.db);
      }
    }
    if (at.getTime() - this.#lastSweep >= sweepEveryMs) {
      this.#lastSweep = at.getTime();
      await sql`DELETE FROM failure_throttle WHERE window_end <= ${at} AND (blocked_until IS NULL OR blocked_until <= ${at})`.execute(this.db);
    }
    return { failures, blockedUntil };
  }

  /** Forgets `keys` (a success clears the counts that only its own guesses made). */
  async clear(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await sql`DELETE FROM failure_throttle WHERE key IN (${sql.join(keys)})`.execute(this.db);
  }
}

/** Whole seconds from now until `until`, at least 1. */
export function secondsUntil(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}
