import type { AssessmentScheme } from './scheme.js';

// What the sections beside the case figures share (docs/assessment.md, ADR 0021, ADR 0025): a unit's tally of hits
// over two fact measures, and the combined score that blends the case composite with every weighted section rate.

export interface Ratio { numerator: number; denominator: number }

/** Facts of a section: a record (item, suggestion), a unit, and whether it met the mark. */
export interface SectionFact { departmentId: number; hit: boolean }

export interface UnitTally { departmentId: number; records: number; first: Ratio; second: Ratio }

/**
 * Per unit (ordered by department id): distinct records, and hits over facts of the first measure and of the second
 * (every fact is one or the other).
 */
export function tallyByUnit<F extends SectionFact>(facts: readonly F[], recordOf: (f: F) => number, isFirst: (f: F) => boolean): UnitTally[] {
  const by = new Map<number, { records: Set<number>; a: [number, number]; b: [number, number] }>();
  for (const f of facts) {
    const u = by.get(f.departmentId) ?? { records: new Set<number>(), a: [0, 0], b: [0, 0] };
    u.records.add(recordOf(f));
    const pair = isFirst(f) ? u.a : u.b;
    pair[1]++;
    if (f.hit) pair[0]++;
    by.set(f.departmentId, u);
  }
  return [...by.entries()].sort((x, y) => x[0] - y[0]).map(([departmentId, u]) => ({
    departmentId, records: u.records.size, first: { numerator: u.a[0], denominator: u.a[1] }, second: { numerator: u.b[0], denominator: u.b[1] },
  }));
}

const round = (n: number) => Math.round(n * 10_000) / 10_000;

/**
 * composite × (1 − w) + Σ wᵢ × rateᵢ × 100 over the weighted rates with a denominator (w = their weights' sum); a unit
 * without a case composite gets the sections' own score (weights renormalised). Null when no weight is given at all,
 * so a scheme that weights no section leaves every case score as it was. The order of the parts is the order of the
 * sum: the items section's parts come first, so a snapshot made when only items carried weight recomputes exactly.
 */
export function blendScore(composite: number | null, parts: ReadonlyArray<readonly [number, Ratio]>): number | null {
  if (parts.reduce((s, [wt]) => s + wt, 0) <= 0) return null;
  const counted = parts.filter(([, p]) => p.denominator > 0);
  const w = counted.reduce((s, [wt]) => s + wt, 0);
  const section = counted.reduce((s, [wt, p]) => s + wt * (p.numerator / p.denominator) * 100, 0);
  return round(composite === null ? (w > 0 ? section / w : 0) : composite * (1 - w) + section);
}

const none: Ratio = { numerator: 0, denominator: 0 };

/** A unit's section figures the combined score is made of (absent: the unit has no row in that section). */
export interface UnitSections {
  items?: { reports: Ratio; milestones: Ratio };
  suggestions?: { replies: Ratio; ratings: Ratio };
}

/** The unit's combined score under the scheme's section weights (items first, then suggestions), or null. */
export function combinedScore(scheme: AssessmentScheme, composite: number | null, u: UnitSections): number | null {
  const i = scheme.sections?.items;
  const s = scheme.sections?.suggestions;
  return blendScore(composite, [
    [i?.reports ?? 0, u.items?.reports ?? none], [i?.milestones ?? 0, u.items?.milestones ?? none],
    [s?.replies ?? 0, u.suggestions?.replies ?? none], [s?.ratings ?? 0, u.suggestions?.ratings ?? none],
  ]);
}

interface ItemFigures { departmentId: number; reports: Ratio; milestones: Ratio; combined: number | null }
interface SuggestionFigures { departmentId: number; replies: Ratio; ratings: Ratio; combined?: number | null }

/**
 * Sets every section row's `combined`: one score per unit over all weighted sections, the same in each section the
 * unit has a row in.
 */
export function applyCombined(scheme: AssessmentScheme, composite: (departmentId: number) => number | null,
  items: ItemFigures[], suggestions: SuggestionFigures[]): void {
  const units = new Map<number, UnitSections>();
  const unit = (d: number) => units.get(d) ?? units.set(d, {}).get(d)!;
  for (const r of items) unit(r.departmentId).items = r;
  for (const r of suggestions) unit(r.departmentId).suggestions = r;
  for (const r of [...items, ...suggestions]) r.combined = combinedScore(scheme, composite(r.departmentId), units.get(r.departmentId)!);
}
