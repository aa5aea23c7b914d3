import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { hashPassword } from './passwords.js';

/**
 * The first administrator of a new platform (`yiwang init`, the first-start page). A password printed by the command
 * line is one-time (`mustChange`); one the person typed on the first-start page is their own.
 */
export async function insertFirstAdmin(tx: Transaction<DB>, a: { username: string; displayName: string; departmentId: number; password: string; mustChange: boolean; at: Date }): Promise<number> {
  const hash = await hashPassword(a.password);
  const row = await tx.insertInto('users').values({
    username: a.username, display_name: a.displayName, role: 'admin', department_id: a.departmentId, password_hash: hash,
    must_change_password: a.mustChange, password_changed_at: a.mustChange ? null : a.at,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}
