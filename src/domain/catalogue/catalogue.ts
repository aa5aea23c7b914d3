import { caseKinds, type CaseKind } from '../case/status.js';

// Pure rules of the catalogue (问题类别): the tree, codes, case types. The server's commands and the Excel import both
// check through these, so a refusal reads the same from the console and from a file.

/** Chinese names of the case types (诉求类型), in the order the console shows them. */
export const caseKindLabels: Record<CaseKind, string> = Object.fromEntries(
  caseKinds.map((k) => [k, ({ consultation: '咨询', help: '求助', complaint: '投诉', report: '举报', suggestion: '建议', praise: '表扬' } as Record<string, string>)[k] ?? k]),
) as Record<CaseKind, string>;

/** A code: letters, digits, dot, dash, underscore; it is the Open311 service_code, so it never changes once created. */
export const categoryCodePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

export interface TreeNode {
  id: number;
  parentId: number | null;
  isActive: boolean;
}

/** The ids of `id` and everything below it. */
export function subtreeIds(nodes: readonly TreeNode[], id: number): Set<number> {
  const children = new Map<number, number[]>();
  for (const n of nodes) {
    if (n.parentId == null) continue;
    const list = children.get(n.parentId);
    if (list) list.push(n.id);
    else children.set(n.parentId, [n.id]);
  }
  const out = new Set<number>();
  const stack = [id];
  while (stack.length) {
    const x = stack.pop()!;
    if (out.has(x)) continue;
    out.add(x);
    stack.push(...(children.get(x) ?? []));
  }
  return out;
}

/** Moving `id` under `parentId` would make it its own ancestor. */
export function wouldCycle(nodes: readonly TreeNode[], id: number, parentId: number | null): boolean {
  return parentId != null && subtreeIds(nodes, id).has(parentId);
}

export function hasActiveChildren(nodes: readonly TreeNode[], id: number): boolean {
  return nodes.some((n) => n.parentId === id && n.isActive);
}

/** Depth from the root (a top-level group is 1); a broken chain stops counting. */
export function depthOf(nodes: readonly TreeNode[], id: number): number {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  let depth = 0;
  const seen = new Set<number>();
  for (let n = byId.get(id); n && !seen.has(n.id); n = n.parentId == null ? undefined : byId.get(n.parentId)) {
    seen.add(n.id);
    depth++;
  }
  return depth;
}

/** The default case type must be one the category accepts (an empty list accepts every type). */
export function kindAccepted(kind: string, accepted: readonly string[]): boolean {
  return accepted.length === 0 || accepted.includes(kind);
}

/** Tags as typed: trimmed, blanks dropped, each once, in the order given. */
export function cleanTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((t) => t.trim()).filter(Boolean))];
}

/** Splits a cell listing several names (、，,；; or line breaks). */
export function splitList(text: string): string[] {
  return text.split(/[、，,；;\n\r|]+/).map((s) => s.trim()).filter(Boolean);
}

/** Case types from their Chinese names or codes; unknown words are returned apart. */
export function parseKinds(text: string): { kinds: CaseKind[]; unknown: string[] } {
  const byWord = new Map<string, CaseKind>();
  for (const k of caseKinds) {
    byWord.set(k, k);
    byWord.set(caseKindLabels[k], k);
    byWord.set(`${caseKindLabels[k]}类`, k);
  }
  const kinds: CaseKind[] = [];
  const unknown: string[] = [];
  for (const w of splitList(text)) {
    const k = byWord.get(w);
    if (k) {
      if (!kinds.includes(k)) kinds.push(k);
    } else unknown.push(w);
  }
  return { kinds, unknown };
}
