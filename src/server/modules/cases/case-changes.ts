import { sql } from 'kysely';
import type { AppDeps } from '../../deps.js';

export const caseChangedChannel = 'yw_case_changed';

/**
 * Tells every process that a case changed, after its transaction committed: this process drops its cached record
 * at once; on PostgreSQL the others hear it through NOTIFY. (A PGlite folder has one process.)
 */
export async function publishCaseChange(deps: AppDeps, caseId: number): Promise<void> {
  deps.cases.invalidate(caseId);
  if (deps.database.kind === 'postgres') {
    await sql`SELECT pg_notify(${caseChangedChannel}, ${String(caseId)})`.execute(deps.database.db).catch((err) => {
      deps.log.warn({ err, caseId }, 'case change notification failed');
    });
  }
}

/** Many cases at once (a unit merge): one NOTIFY statement for all of them. */
export async function publishCaseChanges(deps: AppDeps, caseIds: number[]): Promise<void> {
  for (const id of caseIds) deps.cases.invalidate(id);
  if (deps.database.kind === 'postgres' && caseIds.length) {
    await sql`SELECT pg_notify(${caseChangedChannel}, x::text) FROM unnest(${caseIds}::bigint[]) AS x`.execute(deps.database.db).catch((err) => {
      deps.log.warn({ err, cases: caseIds.length }, 'case change notification failed');
    });
  }
}

/** Listens for other processes' case changes; returns a function that stops listening. */
export async function subscribeCaseChanges(deps: AppDeps): Promise<() => Promise<void>> {
  if (!deps.database.listen) return async () => {};
  return deps.database.listen(
    caseChangedChannel,
    (payload) => deps.cases.invalidate(Number(payload)),
    () => deps.cases.clear(),
  );
}
