import type { Department } from '../../../contracts/org.js';

export interface TreeOption { value: number; title: string; children?: TreeOption[] }

/** The organisation as a tree for the unit pickers. */
export function unitTree(departments: readonly Department[]): TreeOption[] {
  const ids = new Set(departments.map((d) => d.id));
  const build = (parentId: number | null): TreeOption[] => departments
    .filter((d) => (parentId == null ? d.parentId == null || !ids.has(d.parentId) : d.parentId === parentId))
    .map((d) => {
      const children = build(d.id);
      return { value: d.id, title: d.name, ...(children.length ? { children } : {}) };
    });
  return build(null);
}

/** Categories as a tree for the parent picker, without `exclude` and everything below it (no cycles offered). */
export function categoryTree<C extends { id: number; parentId: number | null; name: string; isActive: boolean }>(all: readonly C[], exclude: number | null): TreeOption[] {
  const build = (parentId: number | null): TreeOption[] => all
    .filter((c) => c.parentId === parentId && c.id !== exclude)
    .map((c) => {
      const children = build(c.id);
      return { value: c.id, title: c.isActive ? c.name : `${c.name}（已停用）`, ...(children.length ? { children } : {}) };
    });
  return build(null);
}
