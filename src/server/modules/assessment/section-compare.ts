import type { Difference } from '../../../contracts/assessment.js';

// Field-by-field differences between a stored section's rows and a recomputation (verify), shared by every section.
// A field a stored row lacks (written before the field existed) reads as null.

export function compareSectionRows<R extends { departmentId: number; departmentName: string }>(section: string, stored: readonly R[] | undefined,
  recomputed: readonly R[] | undefined, fields: ReadonlyArray<readonly [string, (r: R) => unknown]>): Difference[] {
  const out: Difference[] = [];
  const before = new Map((stored ?? []).map((r) => [r.departmentId, r]));
  const after = new Map((recomputed ?? []).map((r) => [r.departmentId, r]));
  for (const id of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(id);
    const b = after.get(id);
    const name = (a ?? b)!.departmentName;
    if (!a || !b) {
      out.push({ departmentId: id, departmentName: name, field: `${section}.department`, snapshot: a ? 'listed' : null, recomputed: b ? 'listed' : null });
      continue;
    }
    for (const [field, get] of fields) {
      const x = get(a) ?? null;
      const y = get(b) ?? null;
      if (JSON.stringify(x) !== JSON.stringify(y)) out.push({ departmentId: id, departmentName: name, field: `${section}.${field}`, snapshot: x, recomputed: y });
    }
  }
  return out;
}
