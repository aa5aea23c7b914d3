import { canSeeItem, type ItemViewer } from '../../../domain/items/index.js';
import type { ItemRow } from '../../db/schema-items.js';
import { AppError } from '../../errors.js';
import type { StaffUser, Tx } from '../../kernel/index.js';
import { lockItem } from './repository.js';

export function viewerOf(user: StaffUser): ItemViewer {
  return { roles: user.roles, departmentId: user.departmentId };
}

export function unitsOf(row: Pick<ItemRow, 'lead_department_id' | 'co_department_ids'>) {
  return { leadDepartmentId: row.lead_department_id, coDepartmentIds: row.co_department_ids };
}

/** Locks an item the user may see; anyone else is told it does not exist (ITEM_NOT_FOUND). */
export async function lockVisibleItem(tx: Tx, user: StaffUser, id: number): Promise<ItemRow> {
  const row = await lockItem(tx, id);
  if (!row || !canSeeItem(viewerOf(user), unitsOf(row))) throw new AppError('ITEM_NOT_FOUND');
  return row;
}
