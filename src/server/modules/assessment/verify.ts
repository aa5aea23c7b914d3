import { sql } from 'kysely';
import type { Difference, VerifyResult } from '../../../contracts/assessment.js';
import { deriveFacts, type Fact } from '../../../domain/assessment/facts.js';
import { countFacts, scorecards, type ScorecardRow } from '../../../domain/assessment/scorecard.js';
import { AppError } from '../../errors.js';
import { scoredDepartments } from './counts.js';
import { foldMergedUnits } from './unit-history.js';
import { factsAsOf, loadCaseInputs, rowToFact, type CurrentRow } from './facts-store.js';
import { factDepsOf, getPeriodRow, periodOf, type AssessDeps } from './periods.js';
import { schemeVersion } from './scheme-store.js';
import { compareRows, snapshotDigest } from './snapshot.js';
import { compareSuggestionSection, suggestionSectionOf } from './suggestion-section.js';
import { compareItemSection, itemSectionOf } from './item-section.js';
import { compareDirectAnswerSection, directAnswerSectionOf } from './direct-answer-section.js';
import { computeSections, storedCursors } from './period-sections.js';

const maxCaseDifferences = 50;
const factSignature = (f: Fact) => JSON.stringify([f.caseId, f.departmentId, f.measure, f.at.toISOString(), f.hit, f.rating, f.responded, f.resolved]);

/**
 * Recomputes a period from the event log itself (events up to the snapshot's cursor, derived in memory, not the
 * fact table), and compares with the snapshot: the figures, the snapshot's digest, and the stored facts its
 * drill-down lists come from. `ok` only when all agree.
 */
export async function verifyPeriod(deps: AssessDeps, key: string): Promise<VerifyResult> {
  const p = periodOf(key);
  const { db } = deps.database;
  const row = await getPeriodRow(db, key);
  if (!row) throw new AppError('ASSESSMENT_PERIOD_NOT_FOUND', { period: key });
  const cursor = Number(row.event_cursor);
  const fdeps = await factDepsOf(deps);
  const differences: Difference[] = [];

  if (snapshotDigest(row.key, row.scheme_version, cursor, row.figures, row.exclusions, row.sections ?? null) !== row.digest) {
    differences.push({ departmentId: null, departmentName: null, field: 'digest', snapshot: row.digest, recomputed: '快照内容与摘要不符（快照被改动）' });
  }

  // Cases that can hold a fact of the period: an event in it, an imported history, or a stored fact in it.
  const { rows: candidates } = await sql<{ case_id: number }>`
    SELECT DISTINCT case_id FROM case_events
    WHERE id <= ${cursor} AND ((at >= ${p.from} AND at < ${p.to}) OR type = 'case.imported')
    UNION
    SELECT DISTINCT case_id FROM assessment_facts
    WHERE valid_from <= ${cursor} AND (valid_to IS NULL OR valid_to > ${cursor}) AND at >= ${p.from} AND at < ${p.to}`.execute(db);
  const caseIds = candidates.map((r) => Number(r.case_id)).sort((a, b) => a - b);

  const derived: Fact[] = [];
  const stored: Fact[] = [];
  for (let i = 0; i < caseIds.length; i += 1000) {
    const ids = caseIds.slice(i, i + 1000);
    for (const { c, events } of await loadCaseInputs(db, ids, fdeps.kindOf, cursor)) derived.push(...deriveFacts(c, events, fdeps.policy));
    const rows = await factsAsOf(db, cursor)
      .select(['f.id', 'f.case_id', 'f.department_id', 'f.measure', 'f.at', 'f.hit', 'f.rating', 'f.responded', 'f.resolved', 'f.detail'])
      .where('f.case_id', 'in', ids).execute();
    stored.push(...(rows as CurrentRow[]).map(rowToFact));
  }

  const counts = await foldMergedUnits(db, countFacts(derived, p.from, p.to), p.to);
  const scheme = await schemeVersion(db, row.scheme_version);
  const recomputed = scorecards(await scoredDepartments(db, counts.keys(), p), counts, scheme);
  differences.push(...compareRows(row.figures as ScorecardRow[], recomputed));

  // The sections (items since 0047, then suggestions, direct answers): derived again from their event records up to the
  // stored cursors, as of the stored instant, the combined score from the stored case composites.
  if (row.sections) {
    const names = (await deps.directory.ready()).names();
    const again = await computeSections(db, p, scheme, row.figures as ScorecardRow[], names, storedCursors(row.sections));
    differences.push(...compareItemSection(itemSectionOf(row.sections), again.items ?? null));
    differences.push(...compareSuggestionSection(suggestionSectionOf(row.sections), again.suggestions ?? null));
    const direct = directAnswerSectionOf(row.sections);
    if (direct && again.directAnswers) differences.push(...compareDirectAnswerSection(direct, again.directAnswers));
  }

  // Facts behind the drill-down lists must be exactly what the events say.
  const relevant = (f: Fact) => f.measure === 'excluded' || (f.at >= p.from && f.at < p.to);
  const want = new Set(derived.filter(relevant).map(factSignature));
  const have = new Set(stored.filter(relevant).map(factSignature));
  let listed = 0;
  for (const [set, other, label] of [[have, want, '多出的事实'], [want, have, '缺少的事实']] as const) {
    for (const sig of set) {
      if (other.has(sig) || listed >= maxCaseDifferences) continue;
      listed++;
      const [caseId, departmentId, measure] = JSON.parse(sig) as [number, number, string];
      differences.push({ departmentId, departmentName: null, field: `facts.${measure}`, snapshot: label === '多出的事实' ? sig : null, recomputed: label === '缺少的事实' ? sig : `诉求 ${caseId}：${label}` });
    }
  }
  const names = (await deps.directory.ready()).names();
  for (const d of differences) if (d.departmentId !== null && !d.departmentName) d.departmentName = names.department(d.departmentId);
  return { period: key, ok: differences.length === 0, eventCursor: cursor, casesChecked: caseIds.length, differences };
}
