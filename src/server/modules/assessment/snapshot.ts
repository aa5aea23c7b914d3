import { createHash } from 'node:crypto';
import type { Difference, Exclusion, PeriodDetail, PeriodSummary } from '../../../contracts/assessment.js';
import { canonicalJson } from '../../../domain/audit/chain.js';
import { hasEnded, type Period } from '../../../domain/assessment/period.js';
import type { ScorecardRow } from '../../../domain/assessment/scorecard.js';
import type { AssessmentPeriodRow } from '../../db/schema-assessment.js';
import type { Tx } from '../../kernel/index.js';
import type { Names } from '../org/index.js';
import { factsAsOf } from './facts-store.js';
import { itemSectionOf } from './item-section.js';
import { suggestionSectionOf } from './suggestion-section.js';
import { directAnswerSectionOf } from './direct-answer-section.js';

/**
 * What a snapshot's digest covers: change any figure in the row and `verify` sees the digest no longer matches.
 * Sections (0047) join the digest only when present, so a snapshot made before them keeps its digest.
 */
export function snapshotDigest(key: string, schemeVersion: number, eventCursor: number, figures: unknown, exclusions: unknown, sections: unknown = null): string {
  const body = sections === null || sections === undefined
    ? { key, schemeVersion, eventCursor, figures, exclusions }
    : { key, schemeVersion, eventCursor, figures, exclusions, sections };
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

/** Approved exclusions (as of the cursor) of case–department pairs that have facts in the period. */
export async function periodExclusions(db: Tx, p: Pick<Period, 'from' | 'to'>, cursor: number, names: Names): Promise<Exclusion[]> {
  const list = await factsAsOf(db, cursor).innerJoin('cases as c', 'c.id', 'f.case_id')
    .select(['f.case_id', 'f.department_id', 'f.detail', 'f.at', 'c.code']).where('f.measure', '=', 'excluded')
    .orderBy('f.case_id').orderBy('f.department_id').execute();
  if (!list.length) return [];
  const inPeriod = await factsAsOf(db, cursor).select(['f.case_id', 'f.department_id'])
    .where('f.measure', '<>', 'excluded').where('f.at', '>=', p.from).where('f.at', '<', p.to)
    .where('f.case_id', 'in', [...new Set(list.map((r) => Number(r.case_id)))]).execute();
  const counted = new Set(inPeriod.map((r) => `${r.case_id}:${r.department_id}`));
  return list.filter((r) => counted.has(`${r.case_id}:${r.department_id}`)).map((r) => {
    const d = (r.detail ?? {}) as Record<string, unknown>;
    return {
      caseId: Number(r.case_id), caseCode: r.code, departmentId: r.department_id, departmentName: names.department(r.department_id) ?? '',
      reason: typeof d.reasonLabel === 'string' ? d.reasonLabel : String(d.reason ?? ''),
      decidedByName: typeof d.decidedByName === 'string' ? d.decidedByName : null,
      decidedAt: new Date(r.at).toISOString(), appealId: typeof d.appealId === 'number' ? d.appealId : null,
    };
  });
}

const rateFields = ['response', 'resolution', 'satisfaction', 'signing', 'replying'] as const;
const deductionFields = ['overdue', 'yellow', 'red', 'refused_return', 'redo'] as const;

/** Field-by-field differences between a snapshot's rows and a recomputation (empty when they agree). */
export function compareRows(snapshot: ScorecardRow[], recomputed: ScorecardRow[]): Difference[] {
  const out: Difference[] = [];
  const before = new Map(snapshot.map((r) => [r.departmentId, r]));
  const after = new Map(recomputed.map((r) => [r.departmentId, r]));
  const diff = (r: ScorecardRow, field: string, a: unknown, b: unknown) => {
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ departmentId: r.departmentId, departmentName: r.departmentName, field, snapshot: a, recomputed: b });
  };
  for (const id of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(id);
    const b = after.get(id);
    if (!a || !b) {
      const r = (a ?? b)!;
      out.push({ departmentId: id, departmentName: r.departmentName, field: 'department', snapshot: a ? 'listed' : null, recomputed: b ? 'listed' : null });
      continue;
    }
    diff(a, 'cases', a.cases, b.cases);
    for (const m of rateFields) {
      diff(a, `${m}.numerator`, a.rates[m].numerator, b.rates[m].numerator);
      diff(a, `${m}.denominator`, a.rates[m].denominator, b.rates[m].denominator);
    }
    for (const m of deductionFields) diff(a, m, a.deductions[m], b.deductions[m]);
    diff(a, 'composite', a.composite, b.composite);
    diff(a, 'rank', a.rank, b.rank);
  }
  return out;
}

export function presentSummary(r: AssessmentPeriodRow, names: Names, now: Date): PeriodSummary {
  return {
    key: r.key, kind: r.kind, from: new Date(r.starts_at).toISOString(), to: new Date(r.ends_at).toISOString(), status: r.status,
    schemeVersion: r.scheme_version, eventCursor: Number(r.event_cursor), computedAt: new Date(r.computed_at).toISOString(),
    computedByName: names.user(r.computed_by), publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null,
    publishedByName: names.user(r.published_by), digest: r.digest,
    canPublish: r.status === 'computed' && hasEnded({ key: r.key, kind: r.kind, from: new Date(r.starts_at), to: new Date(r.ends_at) }, now),
  };
}

export function presentDetail(r: AssessmentPeriodRow, names: Names, now: Date): PeriodDetail {
  return { ...presentSummary(r, names, now), rows: r.figures as ScorecardRow[], exclusions: r.exclusions as Exclusion[], itemSection: itemSectionOf(r.sections), suggestionSection: suggestionSectionOf(r.sections),
    directAnswerSection: directAnswerSectionOf(r.sections) };
}
