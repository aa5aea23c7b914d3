import { categoryCodePattern, hasActiveChildren, kindAccepted, wouldCycle } from '../../../domain/catalogue/catalogue.js';
import type { ErrorCode } from '../../../domain/errors.js';
import type { CategorySnapshot, CategoryState } from './repository.js';

/**
 * Whether `next` may be the state of category `id` (null: a new one) in the catalogue `all`, given which departments
 * exist and are active. Returns the refusal's code, or null. Units kept from `before` are not re-checked for being
 * active: a category whose lead unit was retired can still be renamed (its warning says to change the unit).
 */
export function refusalOf(next: CategorySnapshot, before: CategorySnapshot | null, id: number | null, all: readonly CategoryState[], departments: ReadonlyMap<number, boolean>): ErrorCode | null {
  if (!before && !categoryCodePattern.test(next.code)) return 'CATEGORY_CODE_INVALID';
  if (all.some((c) => c.code.toLowerCase() === next.code.toLowerCase() && c.id !== id)) return 'CATEGORY_CODE_TAKEN';
  if (next.parentId != null) {
    const parent = all.find((c) => c.id === next.parentId);
    if (!parent) return 'CATEGORY_NOT_FOUND';
    if (id != null && wouldCycle(all, id, next.parentId)) return 'CATEGORY_CYCLE';
    if (next.isActive && !parent.isActive) return 'CATEGORY_PARENT_INACTIVE';
  }
  const units = [next.leadDepartmentId, ...next.coDepartmentIds].filter((x): x is number => x != null);
  if (units.some((u) => !departments.has(u))) return 'DEPARTMENT_NOT_FOUND';
  const kept = new Set([before?.leadDepartmentId, ...(before?.coDepartmentIds ?? [])]);
  if (units.some((u) => !kept.has(u) && departments.get(u) === false)) return 'CATEGORY_UNIT_INACTIVE';
  if (next.leadDepartmentId != null && next.coDepartmentIds.includes(next.leadDepartmentId)) return 'LEAD_IN_CO';
  if (new Set(next.coDepartmentIds).size !== next.coDepartmentIds.length) return 'DUPLICATE_DEPARTMENT';
  if (!kindAccepted(next.kind, next.acceptedKinds)) return 'CATEGORY_KIND_NOT_ACCEPTED';
  if (!next.isActive && id != null && hasActiveChildren(all, id)) return 'CATEGORY_HAS_ACTIVE_CHILDREN';
  return null;
}

/** The parts of a snapshot that differ (for the history list and the import's "unchanged"). */
export function sameSnapshot(a: CategorySnapshot, b: CategorySnapshot): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
