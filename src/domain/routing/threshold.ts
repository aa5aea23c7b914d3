// From the admin's precision to confidence thresholds, chosen on out-of-fold cases of the training data (each scored
// by a model that never saw it): per department where there are enough of its cases, else one threshold for all.
// Pure.
import { fitIsotonic } from './calibrate.js';

/** One scored case: the department the router put first, its calibrated confidence, and whether that was right. */
export interface ScoredCase {
  departmentId: number;
  confidence: number;
  correct: boolean;
}

/** Below this many out-of-fold cases a department gets the shared threshold. */
export const minCasesPerDepartment = 40;
/** Below this many cases per learned department (on average) or in all, the model dispatches nothing by itself. */
export const minCasesPerClassToDispatch = 20;
export const minCasesToDispatch = 200;

export interface ThresholdChoice {
  targetPrecision: number;
  /** Threshold for departments without their own; null when no threshold reaches the target (nothing dispatched). */
  shared: number | null;
  /** Department id → its own threshold (null: never reaches the target, never dispatched by model). */
  perDepartment: Record<string, number | null>;
  /** On the out-of-fold cases: share dispatched with no human, and precision among them. */
  expectedCoverage: number;
  expectedPrecision: number;
  /** Set when the model must not dispatch: too few cases to know its precision. */
  blocked: 'ROUTER_TOO_FEW_CASES' | null;
  cases: number;
}

/**
 * The lowest confidence t such that the cases scored ≥ t are right at least `target` of the time, taking the largest
 * such set (cuts only between distinct confidences, so ties go together). Null when not even the most confident
 * group reaches the target.
 */
export function thresholdFor(cases: readonly ScoredCase[], target: number): number | null {
  const sorted = [...cases].sort((x, y) => y.confidence - x.confidence);
  let right = 0;
  let best: number | null = null;
  for (let i = 0; i < sorted.length; i++) {
    if (sorted[i].correct) right++;
    const boundary = i + 1 === sorted.length || sorted[i + 1].confidence < sorted[i].confidence;
    if (boundary && right / (i + 1) >= target - 1e-12) best = sorted[i].confidence;
  }
  return best;
}

/**
 * The lowest confidence from which the cases are right at least `target` of the time *at that confidence*, not only
 * on average above it: the start of the first block of the isotonic fit of right-or-wrong on confidence whose share
 * right reaches the target (every later block does too). A cumulative threshold (thresholdFor) lets very confident
 * cases pay for doubtful ones, which holds only while new cases are as confident as the training cases; when they
 * are less alike (new wording, another author), more of them fall in the doubtful band and precision drops. This one
 * promises the target for any mix of confidences above it, as long as P(right | confidence) holds. Null when no block
 * reaches the target.
 */
export function marginalThresholdFor(cases: readonly ScoredCase[], target: number): number | null {
  const iso = fitIsotonic(cases.map((c) => c.confidence), cases.map((c) => c.correct));
  for (let i = 0; i < iso.from.length; i++) if (iso.value[i] >= target - 1e-12) return iso.from[i];
  return null;
}

/** 'marginal' (default since ADR 0024): marginalThresholdFor; 'cumulative': thresholdFor (ADR 0016). */
export type ThresholdRule = 'marginal' | 'cumulative';

export function chooseThresholds(cases: readonly ScoredCase[], target: number, learnedDepartments: number, rule: ThresholdRule = 'marginal'): ThresholdChoice {
  const pick = rule === 'marginal' ? marginalThresholdFor : thresholdFor;
  const blocked = cases.length < minCasesToDispatch || cases.length < minCasesPerClassToDispatch * Math.max(1, learnedDepartments);
  if (blocked) {
    return { targetPrecision: target, shared: null, perDepartment: {}, expectedCoverage: 0, expectedPrecision: 0, blocked: 'ROUTER_TOO_FEW_CASES', cases: cases.length };
  }
  const byDept = new Map<number, ScoredCase[]>();
  for (const c of cases) {
    const list = byDept.get(c.departmentId) ?? [];
    list.push(c);
    byDept.set(c.departmentId, list);
  }
  const shared = pick(cases, target);
  const perDepartment: Record<string, number | null> = {};
  for (const [d, list] of byDept) if (list.length >= minCasesPerDepartment) perDepartment[d] = pick(list, target);
  const choice: ThresholdChoice = { targetPrecision: target, shared, perDepartment, expectedCoverage: 0, expectedPrecision: 0, blocked: null, cases: cases.length };
  const o = dispatchOutcome(cases, choice);
  return { ...choice, expectedCoverage: o.coverage, expectedPrecision: o.precision };
}

/** The threshold that applies to a department's top choice; null = the model never dispatches it. */
export function thresholdOf(choice: ThresholdChoice, departmentId: number): number | null {
  if (choice.blocked) return null;
  const own = choice.perDepartment[departmentId];
  return own !== undefined ? own : choice.shared;
}

export function wouldDispatch(choice: ThresholdChoice, departmentId: number, confidence: number): boolean {
  const t = thresholdOf(choice, departmentId);
  return t != null && confidence >= t;
}

/** Share of `cases` the choice dispatches, and how many of those are right. */
export function dispatchOutcome(cases: readonly ScoredCase[], choice: ThresholdChoice): { coverage: number; precision: number; dispatched: number; right: number } {
  let dispatched = 0;
  let right = 0;
  for (const c of cases) {
    if (!wouldDispatch(choice, c.departmentId, c.confidence)) continue;
    dispatched++;
    if (c.correct) right++;
  }
  return { coverage: cases.length ? dispatched / cases.length : 0, precision: dispatched ? right / dispatched : 0, dispatched, right };
}

export interface CurvePoint {
  threshold: number;
  coverage: number;
  precision: number;
}

/** Precision against coverage for one shared threshold swept over the cases' confidences (at most `points` points). */
export function precisionCoverageCurve(cases: readonly ScoredCase[], points = 101): CurvePoint[] {
  const sorted = [...cases].sort((x, y) => y.confidence - x.confidence);
  const out: CurvePoint[] = [];
  if (!sorted.length) return out;
  const every = Math.max(1, Math.floor(sorted.length / (points - 1)));
  let right = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (sorted[i].correct) right++;
    const boundary = i + 1 === sorted.length || sorted[i + 1].confidence < sorted[i].confidence;
    if (boundary && ((i + 1) % every === 0 || i + 1 === sorted.length || out.length === 0)) {
      out.push({ threshold: sorted[i].confidence, coverage: (i + 1) / sorted.length, precision: right / (i + 1) });
    }
  }
  return out;
}
