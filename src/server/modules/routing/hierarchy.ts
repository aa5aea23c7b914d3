import type { Hierarchy } from '../../../domain/routing/rules.js';
import type { Directory } from '../org/index.js';

/** Category and department lineages from the in-process directory (a parent covers its children in rules). */
export function hierarchyOf(dir: Directory): Hierarchy {
  const lineage = (start: number, parent: (id: number) => number | null | undefined) => {
    const out: number[] = [];
    for (let id: number | null | undefined = start; id != null && !out.includes(id); id = parent(id)) out.push(id);
    return out;
  };
  return {
    categoryLineage: (id) => lineage(id, (x) => dir.category(x)?.parentId),
    departmentLineage: (id) => lineage(id, (x) => dir.department(x)?.parentId),
  };
}

/** The district (or park) a place belongs to: a town's case is the district's for the model's features. */
export function districtLevel(dir: Directory, id: number | null | undefined): number | null {
  if (id == null) return null;
  const d = dir.department(id);
  return d?.kind === 'town' && d.parentId != null ? d.parentId : id;
}
