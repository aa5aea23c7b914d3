// The assessment scheme (考核方案): which measures count and how. Versioned data an admin edits; pure checks here.

/** Rates that can carry weight in the composite score. */
export const rateMeasures = ['response', 'resolution', 'satisfaction', 'signing', 'replying'] as const;
export type RateMeasure = (typeof rateMeasures)[number];

/** Deductions: points off the composite per case in the period. */
export const deductionMeasures = ['overdue', 'yellow', 'red', 'refused_return', 'redo'] as const;
export type DeductionMeasure = (typeof deductionMeasures)[number];

export interface AssessmentScheme {
  /** Weights of the rates in the composite (0–1 each, must add up to 1). */
  weights: Record<RateMeasure, number>;
  /** How much a 基本满意 rating counts towards the satisfaction rate (satisfied counts 1). */
  basicallyWeight: number;
  /** Points deducted per case. */
  deductions: Record<DeductionMeasure, number>;
  /** A department with fewer cases than this in the period is listed but not ranked. */
  minimumCases: number;
  /**
   * A department with fewer followed-up (rated) cases than this — the denominator of the three rates — is listed but
   * not ranked either: one rated case must not rank a unit first. Absent in schemes saved before it existed (their
   * periods keep the rank they were published with); new schemes carry it.
   */
  minimumRated?: number;
  /**
   * Weights of the sections beside cases (docs/assessment.md, "Items section"): each 0–1, all sections' sum at most 1, the
   * share of the combined score they take from the case composite. Absent (the default) = no weight: case scores stay.
   */
  sections?: {
    /** 督办事项: reports on time, milestones met. */
    items?: { reports: number; milestones: number };
    /** 建议提案: replies on time, proposers satisfied (满意 or 基本满意). */
    suggestions?: { replies: number; ratings: number };
  };
}

/** The items section's weights of a scheme (0 and 0 when it gives none). */
export function itemSectionWeights(s: AssessmentScheme): { reports: number; milestones: number } {
  return { reports: s.sections?.items?.reports ?? 0, milestones: s.sections?.items?.milestones ?? 0 };
}

/** The suggestions section's weights of a scheme (0 and 0 when it gives none). */
export function suggestionSectionWeights(s: AssessmentScheme): { replies: number; ratings: number } {
  return { replies: s.sections?.suggestions?.replies ?? 0, ratings: s.sections?.suggestions?.ratings ?? 0 };
}

/** Common 12345 practice: 三率 0.1/0.5/0.4, 基本满意 0.9. */
export const defaultScheme: AssessmentScheme = {
  weights: { response: 0.1, resolution: 0.5, satisfaction: 0.4, signing: 0, replying: 0 },
  basicallyWeight: 0.9,
  deductions: { overdue: 0.5, yellow: 1, red: 2, refused_return: 0.5, redo: 1 },
  minimumCases: 5,
  minimumRated: 5,
};

export type SchemeProblem = 'ASSESSMENT_SCHEME_WEIGHTS_SUM' | 'ASSESSMENT_SCHEME_INVALID';

const isNumberIn = (v: unknown, lo: number, hi: number) => typeof v === 'number' && Number.isFinite(v) && v >= lo && v <= hi;

/** Why the scheme cannot be saved (a stable code and the offending field), or null. */
export function schemeProblem(s: AssessmentScheme): { code: SchemeProblem; field: string } | null {
  for (const m of rateMeasures) if (!isNumberIn(s.weights?.[m], 0, 1)) return { code: 'ASSESSMENT_SCHEME_INVALID', field: `weights.${m}` };
  if (!isNumberIn(s.basicallyWeight, 0, 1)) return { code: 'ASSESSMENT_SCHEME_INVALID', field: 'basicallyWeight' };
  for (const m of deductionMeasures) if (!isNumberIn(s.deductions?.[m], 0, 100)) return { code: 'ASSESSMENT_SCHEME_INVALID', field: `deductions.${m}` };
  if (!Number.isInteger(s.minimumCases) || s.minimumCases < 0 || s.minimumCases > 100_000) return { code: 'ASSESSMENT_SCHEME_INVALID', field: 'minimumCases' };
  if (s.minimumRated !== undefined && (!Number.isInteger(s.minimumRated) || s.minimumRated < 0 || s.minimumRated > 100_000)) return { code: 'ASSESSMENT_SCHEME_INVALID', field: 'minimumRated' };
  const items = s.sections?.items;
  if (items) {
    for (const k of ['reports', 'milestones'] as const) if (!isNumberIn(items[k], 0, 1)) return { code: 'ASSESSMENT_SCHEME_INVALID', field: `sections.items.${k}` };
    if (items.reports + items.milestones > 1 + 1e-9) return { code: 'ASSESSMENT_SCHEME_INVALID', field: 'sections.items' };
  }
  const suggestions = s.sections?.suggestions;
  if (suggestions) {
    for (const k of ['replies', 'ratings'] as const) if (!isNumberIn(suggestions[k], 0, 1)) return { code: 'ASSESSMENT_SCHEME_INVALID', field: `sections.suggestions.${k}` };
    // The sections together take at most the whole combined score from the case composite.
    const i = itemSectionWeights(s);
    if (i.reports + i.milestones + suggestions.replies + suggestions.ratings > 1 + 1e-9) return { code: 'ASSESSMENT_SCHEME_INVALID', field: 'sections.suggestions' };
  }
  const sum = rateMeasures.reduce((acc, m) => acc + s.weights[m], 0);
  // Weights are typed as decimals (0.1 + 0.5 + 0.4); allow floating-point noise, nothing more.
  if (Math.abs(sum - 1) > 1e-9) return { code: 'ASSESSMENT_SCHEME_WEIGHTS_SUM', field: 'weights' };
  return null;
}
