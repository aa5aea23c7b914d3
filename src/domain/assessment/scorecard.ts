import type { Fact } from './facts.js';
import { deductionMeasures, rateMeasures, type AssessmentScheme, type DeductionMeasure, type RateMeasure } from './scheme.js';

// Counts over facts → rates, composite, deductions and the ranking within each group. Pure: the run (SQL counts)
// and `assess verify` (counts from events in memory) both end here, so equal counts give equal scorecards.

export type DepartmentGroup = 'city' | 'district' | 'park';

/** What a period counts for one department. */
export interface DepartmentCounts {
  cases: number;
  followups: number;
  responded: number;
  resolved: number;
  satisfied: number;
  basically: number;
  signing: number;
  signingOnTime: number;
  replying: number;
  replyingOnTime: number;
  overdue: number;
  yellow: number;
  red: number;
  refused_return: number;
  redo: number;
}

export const emptyCounts = (): DepartmentCounts => ({
  cases: 0, followups: 0, responded: 0, resolved: 0, satisfied: 0, basically: 0, signing: 0, signingOnTime: 0,
  replying: 0, replyingOnTime: 0, overdue: 0, yellow: 0, red: 0, refused_return: 0, redo: 0,
});

/** Measure names of the drill-down (`measure=` in the URL): the rates, the deductions and the case count. */
export const drillMeasures = ['cases', ...rateMeasures, ...deductionMeasures] as const;
export type DrillMeasure = (typeof drillMeasures)[number];
export type DrillPart = 'numerator' | 'denominator';

/** Which fact measure a drill-down measure's denominator is made of (null: all the department's cases). */
export function denominatorFact(m: DrillMeasure): Fact['measure'] | null {
  switch (m) {
    case 'response': case 'resolution': case 'satisfaction': return 'followup';
    case 'signing': return 'signing';
    case 'replying': return 'replying';
    default: return null;
  }
}

/** Whether a fact is in the numerator of a drill-down measure. */
export function inNumerator(m: DrillMeasure, f: Fact): boolean {
  switch (m) {
    case 'cases': return true;
    case 'response': return f.measure === 'followup' && f.responded === true;
    case 'resolution': return f.measure === 'followup' && f.resolved === true;
    case 'satisfaction': return f.measure === 'followup' && (f.rating === 'satisfied' || f.rating === 'basically');
    case 'signing': case 'replying': return f.measure === m && f.hit;
    default: return f.measure === m;
  }
}

/** Counts of facts in [from, to), leaving out case–department pairs with an approved exclusion. */
export function countFacts(facts: readonly Fact[], from: Date, to: Date): Map<number, DepartmentCounts> {
  const excluded = new Set(facts.filter((f) => f.measure === 'excluded').map((f) => `${f.caseId}:${f.departmentId}`));
  const out = new Map<number, DepartmentCounts>();
  const caseSets = new Map<number, Set<number>>();
  for (const f of facts) {
    if (f.measure === 'excluded' || f.at.getTime() < from.getTime() || f.at.getTime() >= to.getTime()) continue;
    if (excluded.has(`${f.caseId}:${f.departmentId}`)) continue;
    let c = out.get(f.departmentId);
    if (!c) out.set(f.departmentId, (c = emptyCounts()));
    let s = caseSets.get(f.departmentId);
    if (!s) caseSets.set(f.departmentId, (s = new Set()));
    s.add(f.caseId);
    switch (f.measure) {
      case 'followup':
        c.followups++;
        if (f.responded) c.responded++;
        if (f.resolved) c.resolved++;
        if (f.rating === 'satisfied') c.satisfied++;
        if (f.rating === 'basically') c.basically++;
        break;
      case 'signing': c.signing++; if (f.hit) c.signingOnTime++; break;
      case 'replying': c.replying++; if (f.hit) c.replyingOnTime++; break;
      default: c[f.measure]++;
    }
  }
  for (const [dept, s] of caseSets) out.get(dept)!.cases = s.size;
  return out;
}

export interface Rate {
  numerator: number;
  denominator: number;
  /** 0–1, null when nothing to count. */
  rate: number | null;
  /**
   * Satisfaction only: how the numerator is weighted (满意 counts 1, 基本满意 the scheme's weight), so a page can show
   * what it counts: 97.9% = (12 + 2 × 0.9) / 14, not "14/14".
   */
  weighted?: { satisfied: number; basically: number; basicallyWeight: number; value: number };
}

export interface ScorecardRow {
  departmentId: number;
  departmentName: string;
  group: DepartmentGroup;
  cases: number;
  /** Null when under the minimum number of cases (listed, not ranked) or nothing to score. */
  rank: number | null;
  isRanked: boolean;
  /** Weighted rates (0–100) before deductions. */
  baseScore: number | null;
  deductionPoints: number;
  /** baseScore − deductionPoints, two decimals. */
  composite: number | null;
  rates: Record<RateMeasure, Rate>;
  deductions: Record<DeductionMeasure, number>;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
const rate = (numerator: number, denominator: number, weighted = numerator): Rate => ({
  numerator, denominator, rate: denominator > 0 ? round(weighted / denominator, 6) : null,
});

export interface ScoredDepartment {
  id: number;
  name: string;
  group: DepartmentGroup;
  sortOrder: number;
}

/** Every listed department's scorecard, ranked within its group by composite (ties share a rank). */
export function scorecards(departments: readonly ScoredDepartment[], counts: ReadonlyMap<number, DepartmentCounts>, scheme: AssessmentScheme): ScorecardRow[] {
  const rows = departments.map((d): ScorecardRow => {
    const c = counts.get(d.id) ?? emptyCounts();
    const rates: Record<RateMeasure, Rate> = {
      response: rate(c.responded, c.followups),
      resolution: rate(c.resolved, c.followups),
      satisfaction: {
        ...rate(c.satisfied + c.basically, c.followups, c.satisfied + scheme.basicallyWeight * c.basically),
        weighted: { satisfied: c.satisfied, basically: c.basically, basicallyWeight: scheme.basicallyWeight, value: round(c.satisfied + scheme.basicallyWeight * c.basically, 4) },
      },
      signing: rate(c.signingOnTime, c.signing),
      replying: rate(c.replyingOnTime, c.replying),
    };
    const deductions = { overdue: c.overdue, yellow: c.yellow, red: c.red, refused_return: c.refused_return, redo: c.redo };
    // Weights of rates with nothing to count are spread over the others, so a department is not punished for them.
    let weight = 0;
    let sum = 0;
    for (const [m, r] of Object.entries(rates) as [RateMeasure, Rate][]) {
      if (r.rate === null || scheme.weights[m] === 0) continue;
      weight += scheme.weights[m];
      sum += scheme.weights[m] * r.rate * 100;
    }
    const deductionPoints = round(deductionMeasures.reduce((acc, m) => acc + scheme.deductions[m] * deductions[m], 0), 4);
    const baseScore = weight > 0 ? round(sum / weight, 4) : null;
    const composite = baseScore === null ? null : round(baseScore - deductionPoints, 2);
    // The minimum sample holds for the cases and for the followed-up cases the rates are made of.
    const isRanked = c.cases >= scheme.minimumCases && c.followups >= (scheme.minimumRated ?? 0) && composite !== null && c.cases > 0;
    return { departmentId: d.id, departmentName: d.name, group: d.group, cases: c.cases, rank: null, isRanked, baseScore, deductionPoints, composite, rates, deductions };
  });
  const order = new Map(departments.map((d, i) => [d.id, i]));
  for (const group of ['city', 'district', 'park'] as const) {
    const ranked = rows.filter((r) => r.group === group && r.isRanked)
      .sort((a, b) => b.composite! - a.composite! || order.get(a.departmentId)! - order.get(b.departmentId)!);
    ranked.forEach((r, i) => {
      r.rank = i > 0 && ranked[i - 1].composite === r.composite ? ranked[i - 1].rank : i + 1;
    });
  }
  const groupOrder = { city: 0, district: 1, park: 2 };
  return rows.sort((a, b) => groupOrder[a.group] - groupOrder[b.group]
    || (a.rank ?? Infinity) - (b.rank ?? Infinity)
    || order.get(a.departmentId)! - order.get(b.departmentId)!);
}
