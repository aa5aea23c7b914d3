import { sql, type Transaction } from 'kysely';
import type { CategoriesTable, DB } from '../../db/schema.js';
import type { CategoryChangesTable } from '../../db/schema-catalogue.js';
import type { Tx } from '../../kernel/index.js';
import type { CategoryState } from '../../../contracts/catalogue.js';

// All SQL that writes the catalogue: `categories` and `category_changes` (one writer per table).

export type { CategoryState } from '../../../contracts/catalogue.js';

/** What a change records as before/after: the category without its row bookkeeping. */
export type CategorySnapshot = Omit<CategoryState, 'id' | 'version'>;

export function snapshotOf(c: CategoryState | CategorySnapshot): CategorySnapshot {
  return {
    code: c.code, name: c.name, parentId: c.parentId, kind: c.kind, acceptedKinds: c.acceptedKinds, leadDepartmentId: c.leadDepartmentId,
    coDepartmentIds: c.coDepartmentIds, tags: c.tags, indicatorCodes: c.indicatorCodes, isActive: c.isActive, sortOrder: c.sortOrder,
  };
}

/** Catalogue commands line up behind one lock, so tree checks (cycles, active children) see a settled tree. */
export async function lockCatalogue(tx: Transaction<DB>): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(73210027)`.execute(tx);
}

export async function loadCategories(tx: Tx): Promise<CategoryState[]> {
  const rows = await tx.selectFrom('categories').selectAll().orderBy('sort_order').orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id, code: r.code, name: r.name, parentId: r.parent_id, kind: r.kind, acceptedKinds: r.accepted_kinds ?? [],
    leadDepartmentId: r.default_lead_department_id, coDepartmentIds: r.co_department_ids ?? [], tags: r.tags ?? [], indicatorCodes: r.indicator_codes ?? [], isActive: r.is_active,
    sortOrder: r.sort_order, version: r.version,
  }));
}

/** Codes of first-level indicators in any year (registry of the indicators area): what a category may be tagged with. */
export async function indicatorCodesKnown(tx: Tx): Promise<Set<string>> {
  const rows = await tx.selectFrom('indicators').select('code').distinct().where('parent_id', 'is', null).execute();
  return new Set(rows.map((r) => r.code));
}

export async function activeDepartmentIds(tx: Tx): Promise<Map<number, boolean>> {
  const rows = await tx.selectFrom('departments').select(['id', 'is_active']).execute();
  return new Map(rows.map((r) => [r.id, r.is_active]));
}

const columns = (s: CategorySnapshot) => ({
  name: s.name, parent_id: s.parentId, kind: s.kind as CategoriesTable['kind'],
  accepted_kinds: s.acceptedKinds, default_lead_department_id: s.leadDepartmentId, co_department_ids: s.coDepartmentIds, tags: s.tags, indicator_codes: s.indicatorCodes,
  is_active: s.isActive, sort_order: s.sortOrder,
});

export async function insertCategory(tx: Tx, s: CategorySnapshot, now: Date): Promise<number> {
  const row = await tx.insertInto('categories').values({ code: s.code, ...columns(s), updated_at: now }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Writes the new state when the row is still at `version`; false when someone changed it meanwhile. */
export async function updateCategory(tx: Tx, id: number, version: number, s: CategorySnapshot, now: Date): Promise<boolean> {
  const r = await tx.updateTable('categories').set({ ...columns(s), version: version + 1, updated_at: now })
    .where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertChange(tx: Tx, change: {
  categoryId: number; action: CategoryChangesTable['action']; effectiveDate: string; reason: string | null;
  before: CategorySnapshot | null; after: CategorySnapshot | null; userId: number | null; at: Date;
}): Promise<void> {
  await tx.insertInto('category_changes').values({
    category_id: change.categoryId, action: change.action, effective_date: change.effectiveDate, reason: change.reason,
    before: change.before ? JSON.stringify(change.before) : null, after: change.after ? JSON.stringify(change.after) : null,
    changed_by: change.userId, changed_at: change.at,
  }).execute();
}
