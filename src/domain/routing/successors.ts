// The trained router learned its labels from past dispatches: a unit merged since then still has its class in the
// model. Its share goes to the unit that carries its work now, added to that unit's own.

export interface Scored {
  departmentId: number;
  confidence: number;
  words: string[];
}

/** Maps each suggestion to its successor, adding up the confidences of labels that now name the same unit. Best first. */
export function toSuccessors<T extends Scored>(suggestions: readonly T[], successorOf: (id: number) => number, n = 3): T[] {
  const byUnit = new Map<number, T>();
  for (const s of suggestions) {
    const id = successorOf(s.departmentId);
    const seen = byUnit.get(id);
    if (seen) byUnit.set(id, { ...seen, confidence: seen.confidence + s.confidence });
    else byUnit.set(id, { ...s, departmentId: id });
  }
  return [...byUnit.values()].sort((a, b) => b.confidence - a.confidence).slice(0, n);
}
