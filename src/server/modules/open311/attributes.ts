import {
  zOpen311AttributeInput, type Open311AdminAttribute, type Open311AdminService, type Open311AttributeChange, type Open311AttributeInput,
} from '../../../contracts/open311-attributes.js';
import type { AppDeps } from '../../deps.js';
import type { Open311AttributeRow } from '../../db/schema-open311.js';
import { AppError } from '../../errors.js';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { StaffUser, Tx } from '../../kernel/index.js';
import { recordAdminChange, staffActor } from '../admin-audit/index.js';
import { attributeProblem } from './attribute-rules.js';
import { leafCategories } from './services.js';

// The admin's console for the attributes a service (a leaf category) asks for. Every change writes a row in
// open311_attribute_changes (who, when, before and after) in the same transaction. Edits of one service are
// serialised on its category row; the unique (category_id, code) index settles a duplicate code.

type Change = 'created' | 'updated' | 'deleted' | 'reordered';

export function presentAdminAttribute(a: Open311AttributeRow): Open311AdminAttribute {
  return {
    id: a.id, categoryId: a.category_id, code: a.code, datatype: a.datatype, required: a.required, variable: a.variable,
    description: a.description, datatypeDescription: a.datatype_description, order: a.sort_order, values: a.value_list ?? [],
  };
}

export async function listAdminServices(deps: AppDeps): Promise<Open311AdminService[]> {
  const dir = await deps.directory.ready();
  const counts = await deps.database.db.selectFrom('open311_service_attributes')
    .select(['category_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('category_id').execute();
  const byCategory = new Map(counts.map((c) => [c.category_id, Number(c.n)]));
  return (await leafCategories(deps)).map((c) => ({
    categoryId: c.id, code: c.code, name: c.name, group: c.parentId != null ? dir.category(c.parentId)?.name ?? '' : '', attributeCount: byCategory.get(c.id) ?? 0,
  }));
}

/** The service of a category id: unknown → OPEN311_SERVICE_NOT_FOUND, a parent category → OPEN311_SERVICE_NOT_LEAF. */
export async function getAdminService(deps: AppDeps, categoryId: number): Promise<Open311AdminService> {
  const service = (await listAdminServices(deps)).find((s) => s.categoryId === categoryId);
  if (service) return service;
  const dir = await deps.directory.ready();
  throw new AppError(dir.category(categoryId) ? 'OPEN311_SERVICE_NOT_LEAF' : 'OPEN311_SERVICE_NOT_FOUND');
}

function rowsOf(db: Tx, categoryId: number) {
  return db.selectFrom('open311_service_attributes').selectAll().where('category_id', '=', categoryId).orderBy('sort_order').orderBy('id').execute();
}

export async function listAttributes(deps: AppDeps, categoryId: number): Promise<{ service: Open311AdminService; items: Open311AdminAttribute[] }> {
  const service = await getAdminService(deps, categoryId);
  return { service, items: (await rowsOf(deps.database.db, categoryId)).map(presentAdminAttribute) };
}

function parse(body: Open311AttributeInput) {
  const input = zOpen311AttributeInput.parse(body);
  const problem = attributeProblem(input);
  if (problem) throw new AppError(problem);
  return input;
}

async function lockService(tx: Tx, categoryId: number) {
  await tx.selectFrom('categories').select('id').where('id', '=', categoryId).forUpdate().execute();
}

/** The service's own change log, and the same change in the admin audit trail (安全审计). */
async function record(tx: Transaction<DB>, categoryId: number, attributeId: number | null, change: Change, before: unknown, after: unknown, user: StaffUser, now: Date, address: string | null) {
  await tx.insertInto('open311_attribute_changes').values({
    category_id: categoryId, attribute_id: attributeId, change, before: before == null ? null : JSON.stringify(before),
    after: after == null ? null : JSON.stringify(after), changed_by: user.id, changed_at: now,
  }).execute();
  const category = await tx.selectFrom('categories').select('name').where('id', '=', categoryId).executeTakeFirst();
  await recordAdminChange(tx, staffActor(user, address), {
    action: 'open311.attributes', targetType: 'open311', targetId: attributeId ?? categoryId, targetName: `Open311 服务属性：${category?.name ?? categoryId}`, before, after,
  }, now);
}

function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string }).code === '23505';
}

/** Renumbers 1, 2, … in the current order (after a deletion). */
async function renumber(tx: Tx, categoryId: number) {
  for (const [i, r] of (await rowsOf(tx, categoryId)).entries()) {
    if (r.sort_order !== i + 1) await tx.updateTable('open311_service_attributes').set({ sort_order: i + 1 }).where('id', '=', r.id).execute();
  }
}

export async function createAttribute(deps: AppDeps, user: StaffUser, categoryId: number, body: Open311AttributeInput, address: string | null = null): Promise<Open311AdminAttribute> {
  await getAdminService(deps, categoryId);
  const a = parse(body);
  const now = deps.now();
  try {
    return await deps.database.db.transaction().execute(async (tx) => {
      await lockService(tx, categoryId);
      const max = await tx.selectFrom('open311_service_attributes').select((eb) => eb.fn.max('sort_order').as('m')).where('category_id', '=', categoryId).executeTakeFirst();
      const row = await tx.insertInto('open311_service_attributes').values({
        category_id: categoryId, code: a.code, datatype: a.datatype, required: a.required, variable: a.variable, description: a.description,
        datatype_description: a.datatypeDescription, sort_order: Number(max?.m ?? 0) + 1, value_list: JSON.stringify(a.values),
      }).returningAll().executeTakeFirstOrThrow();
      const shown = presentAdminAttribute(row);
      await record(tx, categoryId, row.id, 'created', null, shown, user, now, address);
      return shown;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('OPEN311_ATTRIBUTE_CODE_TAKEN', a.code);
    throw err;
  }
}

async function lockedAttribute(tx: Tx, id: number): Promise<Open311AttributeRow> {
  const found = await tx.selectFrom('open311_service_attributes').select('category_id').where('id', '=', id).executeTakeFirst();
  if (!found) throw new AppError('OPEN311_ATTRIBUTE_NOT_FOUND');
  await lockService(tx, found.category_id);
  const row = await tx.selectFrom('open311_service_attributes').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('OPEN311_ATTRIBUTE_NOT_FOUND');
  return row;
}

/** Replaces the attribute's fields; its place in the order stays. */
export async function updateAttribute(deps: AppDeps, user: StaffUser, id: number, body: Open311AttributeInput, address: string | null = null): Promise<Open311AdminAttribute> {
  const a = parse(body);
  const now = deps.now();
  try {
    return await deps.database.db.transaction().execute(async (tx) => {
      const old = await lockedAttribute(tx, id);
      const row = await tx.updateTable('open311_service_attributes').set({
        code: a.code, datatype: a.datatype, required: a.required, variable: a.variable, description: a.description,
        datatype_description: a.datatypeDescription, value_list: JSON.stringify(a.values),
      }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
      const shown = presentAdminAttribute(row);
      await record(tx, row.category_id, id, 'updated', presentAdminAttribute(old), shown, user, now, address);
      return shown;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('OPEN311_ATTRIBUTE_CODE_TAKEN', a.code);
    throw err;
  }
}

/** Removes the attribute; answers already given stay in open311_requests.attributes and the case text. */
export async function deleteAttribute(deps: AppDeps, user: StaffUser, id: number, address: string | null = null): Promise<void> {
  const now = deps.now();
  await deps.database.db.transaction().execute(async (tx) => {
    const old = await lockedAttribute(tx, id);
    await tx.deleteFrom('open311_service_attributes').where('id', '=', id).execute();
    await renumber(tx, old.category_id);
    await record(tx, old.category_id, id, 'deleted', presentAdminAttribute(old), null, user, now, address);
  });
}

/** The service's attributes in a new order: every attribute exactly once. */
export async function reorderAttributes(deps: AppDeps, user: StaffUser, categoryId: number, attributeIds: number[], address: string | null = null): Promise<void> {
  await getAdminService(deps, categoryId);
  const now = deps.now();
  await deps.database.db.transaction().execute(async (tx) => {
    await lockService(tx, categoryId);
    const rows = await rowsOf(tx, categoryId);
    const ids = new Set(rows.map((r) => r.id));
    if (attributeIds.length !== rows.length || new Set(attributeIds).size !== attributeIds.length || attributeIds.some((x) => !ids.has(x))) {
      throw new AppError('OPEN311_ATTRIBUTE_REORDER_INVALID');
    }
    const before = rows.map((r) => r.code);
    let moved = false;
    for (const [i, id] of attributeIds.entries()) {
      const r = rows.find((x) => x.id === id)!;
      if (r.sort_order !== i + 1) {
        moved = true;
        await tx.updateTable('open311_service_attributes').set({ sort_order: i + 1 }).where('id', '=', id).execute();
      }
    }
    const after = attributeIds.map((id) => rows.find((r) => r.id === id)!.code);
    if (moved) await record(tx, categoryId, null, 'reordered', before, after, user, now, address);
  });
}

export async function attributeChanges(deps: AppDeps, categoryId: number, limit = 100): Promise<Open311AttributeChange[]> {
  await getAdminService(deps, categoryId);
  const rows = await deps.database.db.selectFrom('open311_attribute_changes as c').leftJoin('users as u', 'u.id', 'c.changed_by')
    .select(['c.id', 'c.change', 'c.before', 'c.after', 'c.changed_at', 'u.display_name as changed_by_name'])
    .where('c.category_id', '=', categoryId).orderBy('c.id', 'desc').limit(limit).execute();
  return rows.map((r) => {
    const shown = (r.after ?? r.before) as { code?: unknown } | unknown[] | null;
    const code = shown && !Array.isArray(shown) && typeof shown.code === 'string' ? shown.code : null;
    return { id: Number(r.id), change: r.change, code, changedAt: r.changed_at.toISOString(), changedBy: r.changed_by_name ?? null, before: r.before, after: r.after };
  });
}
