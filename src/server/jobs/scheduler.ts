import { sql } from 'kysely';
import type { AppDeps } from '../deps.js';
import { closeExpiredRatings } from './close-expired-ratings.js';
import { startNotificationWorker } from './notification-worker.js';

// Same key in every process: only the process holding the lock runs a sweep, so several servers never double it.
const sweepLockKey = 73_210_002;

/** Runs the periodic sweeps; returns a handle to stop them. */
export function startJobs(deps: AppDeps, everyMs = 60_000): { stop(): void; runOnce(): Promise<number> } {
  const runOnce = async (): Promise<number> => {
    const work = () => closeExpiredRatings(deps);
    // A PGlite folder belongs to one process, and its single connection is needed by the work itself.
    if (deps.database.kind === 'pglite') return work();
    // On PostgreSQL, hold the session lock on one pooled connection while the work uses the others.
    return deps.database.db.connection().execute(async (conn) => {
      const got = await sql<{ ok: boolean }>`SELECT pg_try_advisory_lock(${sweepLockKey}) AS ok`.execute(conn);
      if (!got.rows[0]?.ok) return 0;
      try {
        return await work();
      } finally {
        await sql`SELECT pg_advisory_unlock(${sweepLockKey})`.execute(conn);
      }
    });
  };
  const timer = setInterval(() => {
    runOnce().catch((err) => deps.log.error({ err }, 'sweep failed'));
  }, everyMs);
  timer.unref();
  const notifications = startNotificationWorker(deps);
  return {
    stop: () => {
      clearInterval(timer);
      notifications.stop();
    },
    runOnce,
  };
}
