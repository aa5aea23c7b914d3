import { sql } from 'kysely';
import type { AppDeps } from '../../deps.js';

/** Channel the outbox trigger notifies on; workers LISTEN on it (PostgreSQL). */
export const outboxChannel = 'yw_notification_outbox';

/** Asks the workers to run now (e.g. after a replay): every process on PostgreSQL, this one on PGlite. */
export async function wakeWorkers(deps: AppDeps): Promise<void> {
  if (deps.database.kind === 'postgres') {
    await sql`SELECT pg_notify(${outboxChannel}, '')`.execute(deps.database.db).catch(() => undefined);
  } else {
    deps.notifications.hub.wake();
  }
}
