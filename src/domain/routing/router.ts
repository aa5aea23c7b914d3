import { csrOfInterned, csrRow, type CsrMatrix } from './csr.js';
import { csrOfDocuments, internDocuments } from './intern.js';
import { displayTerm, documentTerms, vectorize, type FeatureSet, type RoutingDocument, type SparseVector } from './features.js';
import { fitPlatt, plattProbability } from './calibrate.js';
import { crossValidate, type CrossValidation } from './cv.js';
import { evaluate, reliability, type Evaluation, type ReliabilityBin } from './metrics.js';
import { drivingTerms, fitLinear, rank, seededRandom, type LinearModel, type TrainOptions } from './model.js';
import type { ScoredCase } from './threshold.js';
import { createTokenizer, type Tokenizer } from './tokenize.js';

// The trained router end to end (ADR 0016): split off a held-out share, features, k-fold cross-validation on the
// training share (chooses the L2 penalty; its out-of-fold scores calibrate the confidences by Platt scaling and are
// what the thresholds are chosen on), the final fit on the whole training share, and the held-out evaluation
// (which took no part in any choice). And scoring. Pure apart from the segmenter's dictionary (loaded in memory).

export interface LabelledCase {
  doc: RoutingDocument;
  /** The department that finally handled it. */
  departmentId: number;
  /** How much the case counts in training (a desk's correction counts more); default 1. */
  weight?: number;
}

export interface RouterTrainOptions extends TrainOptions {
  /** Extra user-dictionary words (place and department names). */
  userWords?: readonly string[];
  /** The city's names, dropped like stop words (domain/settings/city.ts, cityWords). */
  stopWords?: readonly string[];
  /** Share of cases held out for calibration and evaluation (default one fifth). */
  heldOutShare?: number;
  /** Departments with fewer training cases are not learned (default 3). */
  minPerClass?: number;
  minDf?: number;
  maxTerms?: number;
  /** Default 'chars2' (ADR 0024; 'words+chars3' under ADR 0016). */
  features?: FeatureSet;
  /** 'stratified' (default): every fifth case of each department; 'time': the last share in input order (oldest first). */
  split?: 'stratified' | 'time';
  /** Cross-validation: folds (default 3), L2 grid, at most this many cases (default 4,000; 3 epochs). */
  folds?: number;
  l2Grid?: readonly number[];
  cvMaxCases?: number;
}

export interface HeldOutReport {
  evaluation: Evaluation;
  ece: number;
  reliability: ReliabilityBin[];
  /** Each case: the department put first, its confidence, right or not. */
  scored: ScoredCase[];
}

export interface CrossValidationSummary {
  folds: number;
  cases: number;
  grid: number[];
  chosenL2: number;
  macroF1ByL2: number[];
  accuracyByL2: number[];
}

export interface TrainedRouter {
  model: LinearModel;
  trainingSize: number;
  heldOut: LabelledCase[];
  report: HeldOutReport;
  crossValidation: CrossValidationSummary;
  /** Out-of-fold cases of the training share with calibrated confidences: thresholds are chosen on these. */
  outOfFold: ScoredCase[];
  /** The held-out cases as the final model scores them (department not learned = wrong): to check the choice. */
  heldOutScored: ScoredCase[];
  timings: { featuresMs: number; cvMs: number; fitMs: number; totalMs: number };
}

export class NotEnoughData extends Error {}

/** Deterministic split: every `1/share`-th case of each department (in input order, after a seeded shuffle) is held out. */
export function splitHeldOut(cases: readonly LabelledCase[], share: number, seed = 7): { train: LabelledCase[]; heldOut: LabelledCase[] } {
  const rand = seededRandom(seed);
  const order = cases.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const seen = new Map<number, number>();
  const train: LabelledCase[] = [];
  const heldOut: LabelledCase[] = [];
  const every = Math.max(2, Math.round(1 / share));
  for (const i of order) {
    const c = cases[i];
    const n = (seen.get(c.departmentId) ?? 0) + 1;
    seen.set(c.departmentId, n);
    (n % every === 0 ? heldOut : train).push(c);
  }
  return { train, heldOut };
}

/** The last `share` of the cases in their order (oldest first) held out: a test on what came later. */
export function splitByTime(cases: readonly LabelledCase[], share: number): { train: LabelledCase[]; heldOut: LabelledCase[] } {
  const cut = cases.length - Math.round(cases.length * share);
  return { train: cases.slice(0, cut), heldOut: cases.slice(cut) };
}

/**
 * Passes of SGD for a training set of n cases: a budget of about 40,000 steps, at most 5 passes and at least one
 * (a fraction of a pass below 40,000 cases is allowed: 2.5 passes at 16,000). A large set needs no more steps than a
 * middling one to converge (each pass already sees every department thousands of times); training time then grows
 * with one pass, not five (ADR 0024).
 */
export function epochsFor(n: number): number {
  return Math.min(5, Math.max(1, 40_000 / Math.max(1, n)));
}

export function trainRouter(cases: readonly LabelledCase[], opts: RouterTrainOptions = {}): TrainedRouter {
  const started = performance.now();
  const tokenizer = createTokenizer(opts.userWords ?? [], opts.stopWords ?? []);
  const share = opts.heldOutShare ?? 0.2;
  const { train, heldOut } = opts.split === 'time' ? splitByTime(cases, share) : splitHeldOut(cases, share, opts.seed);
  const minPerClass = opts.minPerClass ?? 3;
  const perClass = new Map<number, number>();
  for (const c of train) perClass.set(c.departmentId, (perClass.get(c.departmentId) ?? 0) + 1);
  const classes = [...perClass.entries()].filter(([, n]) => n >= minPerClass).map(([d]) => d).sort((a, b) => a - b);
  if (classes.length < 2) throw new NotEnoughData(`need at least two departments with ${minPerClass} handled cases`);
  const classIndex = new Map(classes.map((d, i) => [d, i]));
  const usable = train.filter((c) => classIndex.has(c.departmentId));
  const features = opts.features ?? 'chars2';
  // Segmented once per case, terms interned as integer ids (intern.ts).
  const { vocab, matrix: xs } = csrOfInterned(internDocuments(usable.map((c) => c.doc), tokenizer, features), opts.minDf ?? (usable.length > 20_000 ? 3 : 2), opts.maxTerms ?? 100_000);
  const ys = usable.map((c) => classIndex.get(c.departmentId)!);
  const sampleWeights = usable.some((c) => c.weight != null && c.weight !== 1) ? usable.map((c) => c.weight ?? 1) : undefined;
  const featuresDone = performance.now();
  const loss = opts.loss ?? 'squared-hinge';
  const cv: CrossValidation = crossValidate(xs, ys, classes.length, vocab.terms.length, {
    folds: opts.folds, grid: opts.l2Grid ?? (opts.l2 != null ? [opts.l2] : undefined), maxCases: opts.cvMaxCases ?? 4_000, seed: opts.seed,
    learningRate: opts.learningRate, sampleWeights, loss, epochsFor: (n) => opts.epochs ?? Math.min(3, epochsFor(n)),
  });
  const cvDone = performance.now();
  const { weights, bias } = fitLinear(xs, ys, classes.length, vocab.terms.length, {
    ...opts, loss, l2: cv.chosenL2, epochs: opts.epochs ?? epochsFor(usable.length), sampleWeights,
  });
  const fitDone = performance.now();
  const platt = fitPlatt(cv.outOfFold.map((o) => o.margin), cv.outOfFold.map((o) => o.predicted === o.gold));
  const model: LinearModel = { classes, vocab, weights, bias, temperature: 1, platt, userWords: [...tokenizer.userWords], stopWords: [...tokenizer.stopWords], features, loss };
  const outOfFold: ScoredCase[] = cv.outOfFold.map((o) => ({ departmentId: classes[o.predicted], confidence: plattProbability(platt, o.margin), correct: o.predicted === o.gold }));
  const heldXs = csrOfDocuments(heldOut.map((c) => c.doc), tokenizer, features, vocab);
  const report = reportOn(model, heldXs, heldOut.map((c) => c.departmentId));
  return {
    model,
    trainingSize: usable.length,
    heldOut,
    report,
    crossValidation: {
      folds: cv.folds, cases: cv.outOfFold.length, grid: cv.grid, chosenL2: cv.chosenL2, macroF1ByL2: cv.macroF1ByL2, accuracyByL2: cv.accuracyByL2,
    },
    outOfFold,
    heldOutScored: report.scored,
    timings: { featuresMs: featuresDone - started, cvMs: cvDone - featuresDone, fitMs: fitDone - cvDone, totalMs: performance.now() - started },
  };
}

function reportOn(model: LinearModel, xs: CsrMatrix, gold: number[]): HeldOutReport {
  const predicted: number[] = [];
  const conf: number[] = [];
  for (let r = 0; r < xs.rows; r++) {
    const { ranked } = rank(model, csrRow(xs, r), 1);
    predicted.push(ranked[0].departmentId);
    conf.push(ranked[0].confidence);
  }
  const evaluation = evaluate(gold, predicted);
  const rel = reliability(conf, predicted.map((p, i) => p === gold[i]));
  const scored = predicted.map((p, i) => ({ departmentId: p, confidence: conf[i], correct: p === gold[i] }));
  return { evaluation, ece: rel.ece, reliability: rel.bins, scored };
}

/** Accuracy, macro-F1, per-department figures and reliability of a model's top choice on labelled cases. */
export function evaluateRouter(model: LinearModel, cases: readonly LabelledCase[], tokenizer = tokenizerFor(model)): HeldOutReport {
  return reportOn(model, csrOfDocuments(cases.map((c) => c.doc), tokenizer, model.features ?? 'words', model.vocab), cases.map((c) => c.departmentId));
}

const tokenizers = new WeakMap<LinearModel, Tokenizer>();

/** The segmenter a model was trained with (its user dictionary), built once per model. */
export function tokenizerFor(model: LinearModel): Tokenizer {
  let t = tokenizers.get(model);
  if (!t) {
    t = createTokenizer(model.userWords, model.stopWords ?? []);
    tokenizers.set(model, t);
  }
  return t;
}

export interface ModelSuggestion {
  departmentId: number;
  confidence: number;
  words: string[];
}

/** Top departments for a case with calibrated confidences and, per department, the words that drove it. */
export function suggestWithModel(model: LinearModel, doc: RoutingDocument, opts: { n?: number; excluded?: (departmentId: number) => boolean; tokenizer?: Tokenizer } = {}): ModelSuggestion[] {
  const tokenizer = opts.tokenizer ?? tokenizerFor(model);
  const x: SparseVector = vectorize(documentTerms(doc, tokenizer, model.features), model.vocab);
  if (x.index.length === 0) return [];
  const { ranked } = rank(model, x, opts.n ?? 3, opts.excluded);
  return ranked.map((r) => ({
    departmentId: r.departmentId,
    confidence: r.confidence,
    words: drivingTerms(model, x, r.classIndex, 8).map((t) => displayTerm(t.term, model.features)).filter((t): t is string => t != null).slice(0, 5),
  }));
}
