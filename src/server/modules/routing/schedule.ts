import { sql } from 'kysely';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { countTrainingCases, isTrainingRunning, trainAndMaybeDeploy } from './models.js';

// Retraining on a schedule: once a day (by default), when enough newly handled cases have come in since the model
// in use was trained. Under its own advisory lock on PostgreSQL, so one process of several trains. A check that finds
// a training already running in this process (one started from the console) skips: the next check sees its model.

const retrainLockKey = 73_210_013;

/** Retrains if there is no model or at least `minNew` more handled cases than the last model saw; null when skipped. */
export async function retrainIfDue(deps: AppDeps, minNew = 100) {
  if (isTrainingRunning()) return null;
  const { db } = deps.database;
  const last = await db.selectFrom('routing_models').select(['training_size', 'held_out_size']).orderBy('version', 'desc').limit(1).executeTakeFirst();
  const available = await countTrainingCases(db);
  if (last && available - (last.training_size + last.held_out_size) < minNew) return null;
  const run = () => trainAndMaybeDeploy(deps, { trigger: 'schedule' }).catch((err) => {
    if (err instanceof AppError && err.code === 'ROUTER_TRAINING_RUNNING') return null;
    throw err;
  });
  if (deps.database.kind === 'pglite') return run();
  return db.connection().execute(async (conn) => {
    const got = await sql<{ ok: boolean }>`SELECT pg_try_advisory_lock(${retrainLockKey}) AS ok`.execute(conn);
    if (!got.rows[0]?.ok) return null;
    try {
      return await run();
    } finally {
      await sql`SELECT pg_advisory_unlock(${retrainLockKey})`.execute(conn);
    }
  });
}

/** Starts the daily retraining; the scheduler calls this once and stops it on shutdown. */
export function startRouterRetraining(deps: AppDeps, everyMs = 24 * 3_600_000, firstAfterMs = 10 * 60_000): { stop(): void } {
  const tick = () => {
    retrainIfDue(deps)
      .then((r) => r && deps.log.info({ version: r.version, deployed: r.deployed, macroF1: r.macroF1 }, 'router retrained on schedule'))
      .catch((err) => deps.log.error({ err }, 'scheduled router training failed'));
  };
  const first = setTimeout(tick, firstAfterMs);
  first.unref();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return { stop: () => { clearTimeout(first); clearInterval(timer); } };
}
