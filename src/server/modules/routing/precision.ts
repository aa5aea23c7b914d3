import type { StoredCalibration, StoredScored } from '../../db/schema-routing.js';
import { chooseThresholds, dispatchOutcome, precisionCoverageCurve, type CurvePoint, type ScoredCase, type ThresholdChoice } from '../../../domain/routing/threshold.js';
import type { LinearModel } from '../../../domain/routing/model.js';

// From the admin's target precision to the thresholds the model in use dispatches at (ADR 0016): chosen on the
// model's out-of-fold cases (stored with it in routing_models.calibration), worked out once per model and target in
// each process.

export interface ModelInUse {
  version: number;
  model: LinearModel;
  /** Null for models stored before migration 0040: they keep the fixed threshold. */
  outOfFold: ScoredCase[] | null;
  choices?: Map<number, ThresholdChoice>;
}

export function packScored(cases: readonly ScoredCase[]): StoredScored {
  return { d: cases.map((c) => c.departmentId), c: cases.map((c) => Math.round(c.confidence * 1e4) / 1e4), y: cases.map((c) => (c.correct ? 1 : 0)) };
}

export function unpackScored(s: StoredScored | null | undefined): ScoredCase[] {
  if (!s) return [];
  return s.d.map((d, i) => ({ departmentId: d, confidence: s.c[i], correct: s.y[i] === 1 }));
}

/** The thresholds for `target` on a model's out-of-fold cases (cached per model); null for a model without them. */
export function choiceFor(current: ModelInUse, target: number): ThresholdChoice | null {
  if (!current.outOfFold) return null;
  current.choices ??= new Map();
  let c = current.choices.get(target);
  if (!c) {
    c = chooseThresholds(current.outOfFold, target, current.model.classes.length);
    current.choices.set(target, c);
  }
  return c;
}

export interface PrecisionView {
  choice: ThresholdChoice;
  /** The same thresholds on the held-out cases (which chose nothing): what to expect on new cases like them. */
  heldOut: { coverage: number; precision: number; cases: number };
  /** Precision against coverage for one shared threshold, out-of-fold and held-out. */
  curve: CurvePoint[];
  heldOutCurve: CurvePoint[];
}

export function precisionView(cal: StoredCalibration, target: number, classes: number): PrecisionView {
  const oof = unpackScored(cal.outOfFold);
  const held = unpackScored(cal.heldOut);
  const choice = chooseThresholds(oof, target, classes);
  const o = dispatchOutcome(held, choice);
  return { choice, heldOut: { coverage: o.coverage, precision: o.precision, cases: held.length }, curve: precisionCoverageCurve(oof), heldOutCurve: precisionCoverageCurve(held) };
}
