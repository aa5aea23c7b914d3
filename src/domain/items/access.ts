import type { Role } from '../case/status.js';

// Who sees and does what on a supervised item (docs/items.md): supervisors (督查室/营商办) create, review, order and
// close; the lead unit's staff report; co-units see the item and may report their part; leaders see all; anyone
// else is told the item does not exist.

export interface ItemViewer {
  roles: readonly Role[];
  departmentId: number;
}

export interface ItemUnits {
  leadDepartmentId: number;
  coDepartmentIds: readonly number[];
}

export function isItemSupervisor(v: ItemViewer): boolean {
  return v.roles.includes('supervisor');
}

export function canSeeAllItems(v: ItemViewer): boolean {
  return v.roles.includes('supervisor') || v.roles.includes('leader');
}

export function isUnitStaff(v: ItemViewer): boolean {
  return v.roles.includes('handler') || v.roles.includes('head');
}

export function canSeeItem(v: ItemViewer, item: ItemUnits): boolean {
  if (canSeeAllItems(v)) return true;
  return isUnitStaff(v) && (item.leadDepartmentId === v.departmentId || item.coDepartmentIds.includes(v.departmentId));
}

/** The lead unit reports; a co-unit may report its part. */
export function canReport(v: ItemViewer, item: ItemUnits): boolean {
  return isUnitStaff(v) && (item.leadDepartmentId === v.departmentId || item.coDepartmentIds.includes(v.departmentId));
}
