import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

/** The first unit of a new platform (`yiwang init`): the city government's office, at the top of the tree. */
export async function insertTopUnit(tx: Transaction<DB>, unit: { code: string; name: string }): Promise<number> {
  const row = await tx.insertInto('departments')
    .values({ code: unit.code, name: unit.name, kind: 'office', dept_group: 'city', parent_id: null, sort_order: 0 })
    .returning('id').executeTakeFirstOrThrow();
  return row.id;
}
