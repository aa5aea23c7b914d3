// Classification figures for the router: accuracy, macro-F1, per-class precision/recall, confusions, reliability. Pure.

export interface ClassFigures {
  label: number;
  support: number;
  predicted: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Confusion {
  actual: number;
  predicted: number;
  count: number;
}

export interface Evaluation {
  total: number;
  accuracy: number;
  /** Mean F1 over the classes that occur in the gold labels (classes never seen in gold are not averaged in). */
  macroF1: number;
  perClass: ClassFigures[];
  /** Off-diagonal pairs, most frequent first. */
  confusions: Confusion[];
}

/** `predicted[i]` is null when the router abstained (counts as wrong for its gold class). */
export function evaluate(gold: readonly number[], predicted: readonly (number | null)[]): Evaluation {
  if (gold.length !== predicted.length) throw new Error('gold and predicted differ in length');
  const support = new Map<number, number>();
  const predCount = new Map<number, number>();
  const hits = new Map<number, number>();
  const pairs = new Map<string, Confusion>();
  let correct = 0;
  for (let i = 0; i < gold.length; i++) {
    const g = gold[i];
    const p = predicted[i];
    support.set(g, (support.get(g) ?? 0) + 1);
    if (p != null) predCount.set(p, (predCount.get(p) ?? 0) + 1);
    if (p === g) {
      correct++;
      hits.set(g, (hits.get(g) ?? 0) + 1);
    } else if (p != null) {
      const key = `${g}>${p}`;
      const c = pairs.get(key) ?? { actual: g, predicted: p, count: 0 };
      c.count++;
      pairs.set(key, c);
    }
  }
  const labels = [...new Set([...support.keys(), ...predCount.keys()])].sort((a, b) => a - b);
  const perClass = labels.map((label): ClassFigures => {
    const tp = hits.get(label) ?? 0;
    const s = support.get(label) ?? 0;
    const pc = predCount.get(label) ?? 0;
    const precision = pc ? tp / pc : 0;
    const recall = s ? tp / s : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { label, support: s, predicted: pc, precision, recall, f1 };
  });
  const goldClasses = perClass.filter((c) => c.support > 0);
  return {
    total: gold.length,
    accuracy: gold.length ? correct / gold.length : 0,
    macroF1: goldClasses.length ? goldClasses.reduce((a, c) => a + c.f1, 0) / goldClasses.length : 0,
    perClass,
    confusions: [...pairs.values()].sort((a, b) => b.count - a.count || a.actual - b.actual || a.predicted - b.predicted),
  };
}

export interface ReliabilityBin {
  from: number;
  to: number;
  count: number;
  meanConfidence: number;
  accuracy: number;
}

/** Reliability of the top-1 confidence in ten bins, and the expected calibration error (weighted |acc − conf|). */
export function reliability(confidences: readonly number[], correct: readonly boolean[], bins = 10): { bins: ReliabilityBin[]; ece: number } {
  const out: ReliabilityBin[] = Array.from({ length: bins }, (_, i) => ({ from: i / bins, to: (i + 1) / bins, count: 0, meanConfidence: 0, accuracy: 0 }));
  confidences.forEach((c, i) => {
    const b = out[Math.min(bins - 1, Math.floor(c * bins))];
    b.count++;
    b.meanConfidence += c;
    b.accuracy += correct[i] ? 1 : 0;
  });
  let ece = 0;
  for (const b of out) {
    if (!b.count) continue;
    b.meanConfidence /= b.count;
    b.accuracy /= b.count;
    ece += (b.count / Math.max(1, confidences.length)) * Math.abs(b.accuracy - b.meanConfidence);
  }
  return { bins: out, ece };
}
