import { buildVocabulary, displayTerm, documentTerms, vectorize, type FeatureSet, type RoutingDocument, type SparseVector } from './features.js';
import { evaluate, reliability, type Evaluation, type ReliabilityBin } from './metrics.js';
import { drivingTerms, fitLinear, fitTemperature, logits, rank, seededRandom, type LinearModel, type TrainOptions } from './model.js';
import { createTokenizer, type Tokenizer } from './tokenize.js';

// The trained router end to end: split, features, fit, calibrate on held-out cases, evaluate; and scoring. Pure
// apart from the segmenter's dictionary (loaded in memory).

export interface LabelledCase {
  doc: RoutingDocument;
  /** The department that finally handled it. */
  departmentId: number;
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
  /** Default 'words+chars'. */
  features?: FeatureSet;
}

export interface HeldOutReport {
  evaluation: Evaluation;
  ece: number;
  reliability: ReliabilityBin[];
}

export interface TrainedRouter {
  model: LinearModel;
  trainingSize: number;
  heldOut: LabelledCase[];
  report: HeldOutReport;
  timings: { featuresMs: number; fitMs: number; totalMs: number };
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

export function trainRouter(cases: readonly LabelledCase[], opts: RouterTrainOptions = {}): TrainedRouter {
  const started = performance.now();
  const tokenizer = createTokenizer(opts.userWords ?? [], opts.stopWords ?? []);
  const { train, heldOut } = splitHeldOut(cases, opts.heldOutShare ?? 0.2, opts.seed);
  const minPerClass = opts.minPerClass ?? 3;
  const perClass = new Map<number, number>();
  for (const c of train) perClass.set(c.departmentId, (perClass.get(c.departmentId) ?? 0) + 1);
  const classes = [...perClass.entries()].filter(([, n]) => n >= minPerClass).map(([d]) => d).sort((a, b) => a - b);
  if (classes.length < 2) throw new NotEnoughData(`need at least two departments with ${minPerClass} handled cases`);
  const classIndex = new Map(classes.map((d, i) => [d, i]));
  const usable = train.filter((c) => classIndex.has(c.departmentId));
  const features = opts.features ?? 'words+chars';
  const termLists = usable.map((c) => documentTerms(c.doc, tokenizer, features));
  const vocab = buildVocabulary(termLists, opts.minDf ?? (usable.length > 20_000 ? 3 : 2), opts.maxTerms ?? 60_000);
  const xs = termLists.map((t) => vectorize(t, vocab));
  const featuresDone = performance.now();
  // Larger sets need fewer passes: each pass already sees many examples of every department.
  const epochs = opts.epochs ?? (usable.length >= 50_000 ? 3 : usable.length >= 20_000 ? 4 : 5);
  const { weights, bias } = fitLinear(xs, usable.map((c) => classIndex.get(c.departmentId)!), classes.length, vocab.terms.length, { ...opts, epochs });
  const fitDone = performance.now();
  const model: LinearModel = { classes, vocab, weights, bias, temperature: 1, userWords: [...tokenizer.userWords], stopWords: [...tokenizer.stopWords], features };
  // Segment the held-out cases once: calibration (known departments) and evaluation (all) use the same vectors.
  const heldXs = heldOut.map((c) => vectorize(documentTerms(c.doc, tokenizer, features), vocab));
  const knownAt = heldOut.flatMap((c, i) => (classIndex.has(c.departmentId) ? [i] : []));
  model.temperature = fitTemperature(knownAt.map((i) => logits(model, heldXs[i])), knownAt.map((i) => classIndex.get(heldOut[i].departmentId)!));
  const report = reportOn(model, heldXs, heldOut.map((c) => c.departmentId));
  return {
    model,
    trainingSize: usable.length,
    heldOut,
    report,
    timings: { featuresMs: featuresDone - started, fitMs: fitDone - featuresDone, totalMs: performance.now() - started },
  };
}

function reportOn(model: LinearModel, xs: readonly SparseVector[], gold: number[]): HeldOutReport {
  const predicted: number[] = [];
  const conf: number[] = [];
  for (const x of xs) {
    const { ranked } = rank(model, x, 1);
    predicted.push(ranked[0].departmentId);
    conf.push(ranked[0].confidence);
  }
  const evaluation = evaluate(gold, predicted);
  const rel = reliability(conf, predicted.map((p, i) => p === gold[i]));
  return { evaluation, ece: rel.ece, reliability: rel.bins };
}

/** Accuracy, macro-F1, per-department figures and reliability of a model's top choice on labelled cases. */
export function evaluateRouter(model: LinearModel, cases: readonly LabelledCase[], tokenizer = tokenizerFor(model)): HeldOutReport {
  return reportOn(model, cases.map((c) => vectorize(documentTerms(c.doc, tokenizer, model.features), model.vocab)), cases.map((c) => c.departmentId));
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
    words: drivingTerms(model, x, r.classIndex, 8).map((t) => displayTerm(t.term)).filter((t): t is string => t != null).slice(0, 5),
  }));
}
