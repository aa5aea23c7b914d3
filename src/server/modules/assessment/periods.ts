import type { PeriodDetail, PeriodList, RunResult } from '../../../contracts/assessment.js';
import { hasEnded, parsePeriod, previousMonthKey, type Period } from '../../../domain/assessment/period.js';
import { scorecards, type ScorecardRow } from '../../../domain/assessment/scorecard.js';
import { AppError } from '../../errors.js';
import type { AppDeps } from '../../deps.js';

/** What computing and publishing need (the demo loader builds it without a whole runtime). */
export type AssessDeps = Pick<AppDeps, 'database' | 'now' | 'policy' | 'directory'>;
import type { Tx } from '../../kernel/index.js';
import { countCurrentFacts, scoredDepartments } from './counts.js';
import { foldMergedUnits } from './unit-history.js';
import { refreshFacts, withFactsLock, type FactDeps } from './facts-store.js';
import { currentScheme, schemeVersion } from './scheme-store.js';
import { suggestionEventCursor } from './suggestion-section.js';
import { itemEventCursor, sectionAsOf } from './item-section.js';
import { computeSections } from './period-sections.js';
import { compareRows, periodExclusions, presentDetail, presentSummary, snapshotDigest } from './snapshot.js';



export function periodOf(key: string): Period {
  const p = parsePeriod(key);
  // Four digits allow year 0000; the platform's records (and the working calendar) start in 1990.
  if (!p || p.from.getTime() < Date.UTC(1990, 0, 1)) throw new AppError('ASSESSMENT_PERIOD_INVALID', { period: key });
  return p;
}

export async function factDepsOf(deps: AssessDeps): Promise<FactDeps> {
  const dir = await deps.directory.ready();
  return { database: deps.database, policy: deps.policy, kindOf: (id) => dir.categoryKind(id) };
}

export const getPeriodRow = (db: Tx, key: string) => db.selectFrom('assessment_periods').selectAll().where('key', '=', key).executeTakeFirst();

/**
 * Computes a period: catches the facts up with the event log, counts them, scores and ranks. An unpublished
 * period's snapshot is replaced; a published one is never touched: the result says how a recomputation differs.
 */
export async function runPeriod(deps: AssessDeps, userId: number | null, key: string): Promise<RunResult> {
  const p = periodOf(key);
  const now = deps.now();
  // The current period may be computed (a provisional snapshot); one that has not begun has nothing to count.
  if (p.from.getTime() > now.getTime()) throw new AppError('ASSESSMENT_PERIOD_FUTURE', { period: key, startsAt: p.from.toISOString() });
  const fdeps = await factDepsOf(deps);
  const names = (await deps.directory.ready()).names();
  const result = await withFactsLock(deps.database, async (tx) => {
    const { cursor } = await refreshFacts(tx, fdeps);
    const existing = await getPeriodRow(tx, key);
    const scheme = existing?.status === 'published'
      ? { version: existing.scheme_version, scheme: await schemeVersion(tx, existing.scheme_version) }
      : await currentScheme(tx, now);
    const counts = await foldMergedUnits(tx, await countCurrentFacts(tx, p.from, p.to), p.to);
    const rows = scorecards(await scoredDepartments(tx, counts.keys(), p), counts, scheme.scheme);
    const exclusions = await periodExclusions(tx, p, cursor, names);
    if (existing?.status === 'published') {
      // Sections are not compared here: their events are written when they happen, so a later event cannot fall
      // before the snapshot's instant; only back-filled history (the demo) could, and `verify` checks the section.
      const differences = compareRows(existing.figures as ScorecardRow[], rows);
      const before = JSON.stringify((existing.exclusions as { caseId: number; departmentId: number }[]).map((e) => `${e.caseId}:${e.departmentId}`));
      const after = JSON.stringify(exclusions.map((e) => `${e.caseId}:${e.departmentId}`));
      if (before !== after) differences.push({ departmentId: null, departmentName: null, field: 'exclusions', snapshot: JSON.parse(before), recomputed: JSON.parse(after) });
      return { row: existing, frozen: true, differences };
    }
    const sections = await computeSections(tx, p, scheme.scheme, rows, names, {
      items: { cursor: await itemEventCursor(tx), asOf: sectionAsOf(p, now) }, suggestions: await suggestionEventCursor(tx), directAnswers: cursor,
    });
    const values = {
      key, kind: p.kind, starts_at: p.from, ends_at: p.to, status: 'computed' as const, scheme_version: scheme.version, event_cursor: cursor,
      figures: JSON.stringify(rows), exclusions: JSON.stringify(exclusions), sections: JSON.stringify(sections),
      digest: snapshotDigest(key, scheme.version, cursor, rows, exclusions, sections), computed_at: now, computed_by: userId,
    };
    const row = existing
      ? await tx.updateTable('assessment_periods').set(values).where('id', '=', existing.id).returningAll().executeTakeFirstOrThrow()
      : await tx.insertInto('assessment_periods').values(values).returningAll().executeTakeFirstOrThrow();
    return { row, frozen: false, differences: [] };
  });
  return { period: presentDetail(result.row, names, now), frozen: result.frozen, differences: result.differences };
}

/** Publishes a computed period once it has ended; from then on its snapshot is frozen. */
export async function publishPeriod(deps: AssessDeps, userId: number, key: string): Promise<PeriodDetail> {
  const p = periodOf(key);
  const now = deps.now();
  if (!hasEnded(p, now)) throw new AppError('ASSESSMENT_PERIOD_OPEN', { period: key, endsAt: p.to.toISOString() });
  const row = await withFactsLock(deps.database, async (tx) => {
    const existing = await getPeriodRow(tx, key);
    if (!existing) throw new AppError('ASSESSMENT_PERIOD_NOT_FOUND', { period: key });
    if (existing.status === 'published') throw new AppError('ASSESSMENT_PERIOD_PUBLISHED', { period: key });
    return tx.updateTable('assessment_periods').set({ status: 'published', published_at: now, published_by: userId })
      .where('id', '=', existing.id).returningAll().executeTakeFirstOrThrow();
  });
  return presentDetail(row, (await deps.directory.ready()).names(), now);
}

export async function getPeriod(deps: AppDeps, key: string): Promise<PeriodDetail> {
  periodOf(key);
  const row = await getPeriodRow(deps.database.db, key);
  if (!row) throw new AppError('ASSESSMENT_PERIOD_NOT_FOUND', { period: key });
  return presentDetail(row, (await deps.directory.ready()).names(), deps.now());
}

export async function listPeriods(deps: AppDeps): Promise<PeriodList> {
  const rows = await deps.database.db.selectFrom('assessment_periods').selectAll().orderBy('starts_at', 'desc').orderBy('kind').execute();
  const names = (await deps.directory.ready()).names();
  const now = deps.now();
  return { items: rows.map((r) => presentSummary(r, names, now)), suggestedKey: previousMonthKey(now) };
}
