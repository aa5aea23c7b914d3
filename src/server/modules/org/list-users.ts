import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

export async function listUsers(db: Kysely<DB>) {
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('departments as d', 'd.id', 'u.department_id')
    .select(['u.id', 'u.username', 'u.display_name', 'u.role', 'u.department_id', 'd.name as department_name', 'u.is_active'])
    .orderBy('u.id')
    .execute();
  return rows.map((r) => ({
    id: r.id, username: r.username, displayName: r.display_name, role: r.role, departmentId: r.department_id,
    departmentName: r.department_name, isActive: r.is_active,
  }));
}
