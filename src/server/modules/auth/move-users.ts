import type { Tx } from '../../kernel/index.js';

/**
 * Accounts of a unit merged into another move to the successor (the organisation's merge, in its transaction).
 * Returns the ids moved. Sessions stay: the session reads the account's unit on each request.
 */
export async function moveUsersToUnit(tx: Tx, fromId: number, toId: number): Promise<number[]> {
  const rows = await tx.updateTable('users').set({ department_id: toId }).where('department_id', '=', fromId).returning('id').execute();
  return rows.map((r) => r.id);
}
