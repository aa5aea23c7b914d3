import { sql } from 'kysely';
import type { AppDeps } from '../../deps.js';
import { caseChangedChannel } from '../cases/index.js';

/**
 * publishCaseChange for many cases at once (a sweep can change tens of thousands): drops them from this process's
 * cache and sends every NOTIFY in one statement instead of one round trip per case.
 */
export async function publishCaseChanges(deps: AppDeps, caseIds: readonly number[]): Promise<void> {
  for (const id of caseIds) deps.cases.invalidate(id);
  if (deps.database.kind !== 'postgres' || !caseIds.length) return;
  await sql`SELECT pg_notify(${caseChangedChannel}, j.value) FROM json_array_elements_text(${JSON.stringify(caseIds.map(String))}::json) AS j`
    .execute(deps.database.db)
    .catch((err) => deps.log.warn({ err, count: caseIds.length }, 'case change notifications failed'));
}
