import { sql, type Transaction } from 'kysely';
import { unitGroup, type UnitKind } from '../../../domain/org/units.js';
import type { DB, DepartmentRow } from '../../db/schema.js';
import type { UnitChange } from '../../db/schema-org.js';
import { AppError } from '../../errors.js';
import type { Tx } from '../../kernel/index.js';

// All SQL that writes units (departments) and their history (department_changes). The commands decide; this writes.

/** Serialises organisation changes across requests and processes: a cycle check holds only if no move runs beside it. */
export async function lockOrganisation(tx: Transaction<DB>): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(73210025)`.execute(tx);
}

export async function getUnit(tx: Tx, id: number): Promise<DepartmentRow> {
  const row = await tx.selectFrom('departments').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('UNIT_NOT_FOUND', { id });
  return row;
}

export async function parentMap(tx: Tx): Promise<Map<number, number | null>> {
  const rows = await tx.selectFrom('departments').select(['id', 'parent_id']).execute();
  return new Map(rows.map((r) => [r.id, r.parent_id]));
}

export async function assertCodeFree(tx: Tx, code: string, exceptId?: number): Promise<void> {
  let q = tx.selectFrom('departments').select('id').where(sql`lower(code)`, '=', code.toLowerCase());
  if (exceptId != null) q = q.where('id', '<>', exceptId);
  if (await q.executeTakeFirst()) throw new AppError('UNIT_CODE_TAKEN', { code });
}

export interface NewUnit {
  name: string;
  code: string;
  kind: UnitKind;
  parentId: number | null;
  phone: string | null;
  sortOrder?: number;
}

export async function insertUnit(tx: Tx, u: NewUnit): Promise<DepartmentRow> {
  const order = u.sortOrder ?? Number((await sql<{ n: number }>`SELECT coalesce(max(sort_order), 0) + 1 AS n FROM departments`.execute(tx)).rows[0].n);
  return tx.insertInto('departments').values({
    code: u.code, name: u.name, kind: u.kind, dept_group: unitGroup(u.kind), parent_id: u.parentId, phone: u.phone, sort_order: order,
  }).returningAll().executeTakeFirstOrThrow();
}

export type UnitPatch = Partial<Pick<DepartmentRow, 'name' | 'code' | 'kind' | 'phone' | 'sort_order' | 'parent_id' | 'is_active' | 'successor_id' | 'retired_on'>>;

export async function updateUnit(tx: Tx, id: number, patch: UnitPatch): Promise<DepartmentRow> {
  const set: Record<string, unknown> = { ...patch };
  if (patch.kind) set.dept_group = unitGroup(patch.kind);
  return tx.updateTable('departments').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function reparentChildren(tx: Tx, fromId: number, toId: number): Promise<number[]> {
  const rows = await tx.updateTable('departments').set({ parent_id: toId }).where('parent_id', '=', fromId).where('is_active', '=', true)
    .returning('id').execute();
  return rows.map((r) => r.id);
}

export interface ChangeRow {
  departmentId: number;
  change: UnitChange;
  effectiveOn: string;
  before?: unknown;
  after?: unknown;
  otherId?: number | null;
  newIds?: number[];
  by: number | null;
  at: Date;
}

export async function recordChanges(tx: Tx, changes: ChangeRow[]): Promise<void> {
  if (!changes.length) return;
  await tx.insertInto('department_changes').values(changes.map((c) => ({
    department_id: c.departmentId, change: c.change, effective_on: c.effectiveOn,
    before: c.before === undefined ? null : JSON.stringify(c.before), after: c.after === undefined ? null : JSON.stringify(c.after),
    other_id: c.otherId ?? null, new_ids: c.newIds ?? [], recorded_at: c.at, recorded_by: c.by,
  }))).execute();
}

/** Open assignments (pending or signed) held by the unit, counted by case. */
export async function openCaseCount(tx: Tx, id: number): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(DISTINCT case_id) AS n FROM assignments WHERE department_id = ${id} AND status IN ('pending', 'signed')`.execute(tx);
  return Number(r.rows[0].n);
}

export async function activeUserCount(tx: Tx, id: number): Promise<number> {
  const r = await tx.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).where('department_id', '=', id).where('is_active', '=', true)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function activeChildCount(tx: Tx, id: number): Promise<number> {
  const r = await tx.selectFrom('departments').select((eb) => eb.fn.countAll<number>().as('n')).where('parent_id', '=', id).where('is_active', '=', true)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The plain JSON of a unit kept in history and in the admin audit trail. */
export function unitState(d: DepartmentRow) {
  return { name: d.name, code: d.code, kind: d.kind, parentId: d.parent_id, phone: d.phone, sortOrder: d.sort_order, isActive: d.is_active, successorId: d.successor_id };
}
