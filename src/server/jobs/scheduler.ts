import { sql } from 'kysely';
import type { AppDeps } from '../deps.js';
import { timedJob } from '../metrics.js';
import { runAssessmentFactJob } from '../modules/assessment/job.js';
import { sweepKnowledge } from '../modules/knowledge/index.js';
import { startRouterRetraining } from '../modules/routing/schedule.js';
import { startAttachmentMove } from '../modules/portal/move-to-store.js';
import { sweepItemLights } from '../modules/items/index.js';
import { runDailyHotspots } from '../modules/hotspots/index.js';
import { closeExpiredRatings } from './close-expired-ratings.js';
import { startNotificationWorker } from './notification-worker.js';
import { sweepSla, type SweepCounts } from './sla-sweep.js';

// Same key in every process: only the process holding the lock runs a sweep, so several servers never double it.
const sweepLockKey = 73_210_002;

/**
 * Runs `work` only if no other process is sweeping: on PostgreSQL it holds a session advisory lock on one pooled
 * connection while the work uses the others; returns null when another process holds it. A PGlite folder belongs
 * to one process, whose single connection the work itself needs (its transactions already run one at a time).
 */
export async function withSweepLock<T>(deps: AppDeps, work: () => Promise<T>): Promise<T | null> {
  if (deps.database.kind === 'pglite') return work();
  return deps.database.db.connection().execute(async (conn) => {
    const got = await sql<{ ok: boolean }>`SELECT pg_try_advisory_lock(${sweepLockKey}) AS ok`.execute(conn);
    if (!got.rows[0]?.ok) return null;
    try {
      return await work();
    } finally {
      await sql`SELECT pg_advisory_unlock(${sweepLockKey})`.execute(conn);
    }
  });
}

/** The SLA sweep under the lock; null when another process is running it. */
export function runSlaSweep(deps: AppDeps): Promise<SweepCounts | null> {
  return withSweepLock(deps, () => sweepSla(deps));
}

/**
 * Runs the periodic sweeps (the first shortly after start, so warnings are current when the first user logs in);
 * returns a handle to stop them. runOnce returns how many rating windows it closed.
 */
export function startJobs(deps: AppDeps, everyMs = 60_000, firstAfterMs = 2_000): { stop(): void; runOnce(): Promise<number> } {
  const runOnce = async (): Promise<number> => {
    const done = await withSweepLock(deps, async () => {
      // Each job's duration goes to yiwang_sweep_duration_seconds{job} (/metrics).
      const closed = await timedJob(deps.metrics, 'close_ratings', () => closeExpiredRatings(deps));
      await timedJob(deps.metrics, 'sla', () => sweepSla(deps));
      // Supervised items' lights (督办事项亮灯): its own crossings, chains and notices.
      await timedJob(deps.metrics, 'item_lights', () => sweepItemLights(deps))
        .catch((err) => deps.log.error({ err }, 'item light sweep failed'));
      // Assessment facts follow the event log, so a monthly run only counts what changed since the last one.
      await timedJob(deps.metrics, 'assessment_facts', () => runAssessmentFactJob(deps))
        .catch((err) => deps.log.error({ err }, 'assessment facts failed'));
      // Knowledge entries past validity or with a replaced basis are flagged to their owners (once each).
      await timedJob(deps.metrics, 'knowledge', () => sweepKnowledge(deps)).catch((err) => deps.log.error({ err }, 'knowledge sweep failed'));
      // 热点发现: once a day (the day's run is recorded; a restart does not repeat it, a supervisor can rerun it).
      await timedJob(deps.metrics, 'hotspots', () => runDailyHotspots(deps)).catch((err) => deps.log.error({ err }, 'hot-spot detection failed'));
      return closed;
    });
    return done ?? 0;
  };
  const timer = setInterval(() => {
    runOnce().catch((err) => deps.log.error({ err }, 'sweep failed'));
  }, everyMs);
  timer.unref();
  const first = setTimeout(() => {
    runOnce().catch((err) => deps.log.error({ err }, 'sweep failed'));
  }, firstAfterMs);
  first.unref();
  const notifications = startNotificationWorker(deps);
  // Daily, once enough newly handled cases have come in; keeps the model in use unless the new one scores better.
  const router = startRouterRetraining(deps);
  // Attachments written before the file store (migration 0028) move out of the database in the background.
  const attachments = startAttachmentMove(deps);
  return {
    stop: () => {
      clearTimeout(first);
      clearInterval(timer);
      notifications.stop();
      router.stop();
      attachments.stop();
    },
    runOnce,
  };
}
