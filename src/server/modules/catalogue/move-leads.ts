import type { Tx } from '../../kernel/index.js';

/** Categories led by a merged unit are led by its successor from now on. */
export async function moveCategoryLeads(tx: Tx, fromId: number, toId: number): Promise<number> {
  const rows = await tx.updateTable('categories').set({ default_lead_department_id: toId }).where('default_lead_department_id', '=', fromId)
    .returning('id').execute();
  return rows.length;
}
