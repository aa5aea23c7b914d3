import { sql } from 'kysely';
import type { AppDeps } from '../../deps.js';
import { intArray } from '../../kernel/index.js';

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

/** The notice that stands for every case: its hearers drop their whole cache. */
const everyCase = '*';

/** Above this many cases one notice for every case is cheaper than a notice each, for sender and hearers alike. */
export const manyCaseChanges = 500;

/**
 * Many cases at once (a unit merge, an SLA sweep's batch): one NOTIFY statement for all of them; above
 * manyCaseChanges, one notice that drops every process's whole cache (a sweep's 25,000 notices cost it ~80 ms, and
 * each other process as many callbacks, to drop records of which it holds a few hundred at most).
 */
export async function publishCaseChanges(deps: AppDeps, caseIds: readonly number[]): Promise<void> {
  if (!caseIds.length) return;
  const many = caseIds.length > manyCaseChanges;
  if (many) deps.cases.clear();
  else for (const id of caseIds) deps.cases.invalidate(id);
  if (deps.database.kind !== 'postgres') return;
  const notify = many
    ? sql`SELECT pg_notify(${caseChangedChannel}, ${everyCase})`
    : sql`SELECT pg_notify(${caseChangedChannel}, x::text) FROM unnest(${intArray(caseIds)}::bigint[]) AS x`;
  await notify.execute(deps.database.db).catch((err) => {
    deps.log.warn({ err, cases: caseIds.length }, 'case change notification failed');
  });
}

/** Listens for other processes' case changes; returns a function that stops listening. */
export async function subscribeCaseChanges(deps: AppDeps): Promise<() => Promise<void>> {
  if (!deps.database.listen) return async () => {};
  return deps.database.listen(
    caseChangedChannel,
    (payload) => (payload === everyCase ? deps.cases.clear() : deps.cases.invalidate(Number(payload))),
    () => deps.cases.clear(),
  );
}
