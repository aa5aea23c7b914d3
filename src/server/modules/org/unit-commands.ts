import type { Transaction } from 'kysely';
import type { UnitCreate, UnitEdit, UnitResult, UnitSplit } from '../../../contracts/org-units.js';
import { beijingDate } from '../../../domain/calendar/local-time.js';
import type { Actor } from '../../../domain/case/types.js';
import { isSelfOrDescendant, unitCodePattern } from '../../../domain/org/units.js';
import type { AdminAction } from '../../../domain/admin-audit/actions.js';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { inTransaction, type StaffUser, type Tx } from '../../kernel/index.js';
import { recordAdminChange, staffActor, type AdminActor } from '../admin-audit/index.js';
import {
  activeChildCount, activeUserCount, assertCodeFree, getUnit, insertUnit, lockOrganisation, openCaseCount, parentMap,
  recordChanges, reparentChildren, unitState, updateUnit,
} from './unit-store.js';

// The organisation's commands (单位管理): each checks, writes the unit and its dated history, and records the change in
// the admin audit trail, in one transaction. A merge or split also moves open work; the cases writer and the accounts'
// owner do that through hooks the app hands in (org sits below cases and auth: it cannot import them).

export interface OrgHooks {
  /** Moves the unit's open assignments to another unit with an event on each case's chain (cases/bulk-writes.ts). */
  moveOpenAssignments(tx: Tx, fromId: number, toId: number, effectiveOn: string, actor: Actor, now: Date): Promise<{ cases: number; assignments: number; caseIds: number[] }>;
  /** Moves the unit's accounts to another unit (auth/move-users.ts). */
  moveUsers(tx: Tx, fromId: number, toId: number): Promise<number[]>;
  /** The supervision area's writer: open supervision orders addressed to the unit go to its successor (supervision/move-orders.ts). */
  moveOpenOrders(tx: Tx, fromId: number, toId: number, toName: string, actor: Actor, now: Date): Promise<{ moved: number; closed: number; caseIds: number[] }>;
  /** The items' writer: open items the unit leads or co-handles, and its open orders on them, go to the successor (items/move-unit.ts). */
  moveUnitItems(tx: Tx, fromId: number, toId: number, toName: string, actor: Actor, now: Date): Promise<{ items: number; orders: number; closedOrders: number }>;
  /** The catalogue's writer: categories led by the merged unit are led by its successor. */
  moveCategoryLeads(tx: Tx, fromId: number, toId: number): Promise<number>;
  /** Called after commit, with the cases whose rows changed (the case cache forgets them). */
  casesChanged?(caseIds: number[]): void;
}

export interface CommandContext {
  db: import('../../kernel/index.js').Db;
  now: Date;
  user: StaffUser;
  address: string | null;
  hooks: OrgHooks;
}

/** The effective date: given (not later than today, Beijing) or today. */
export function effectiveDate(given: string | undefined, now: Date): string {
  const today = beijingDate(now);
  if (given === undefined) return today;
  const d = new Date(`${given}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== given || given > today || given < '1949-10-01') {
    throw new AppError('UNIT_EFFECTIVE_DATE_INVALID', { effectiveOn: given });
  }
  return given;
}

function checkCode(code: string) {
  if (!unitCodePattern.test(code)) throw new AppError('UNIT_CODE_INVALID', { code });
}

async function checkParent(tx: Tx, parentId: number | null) {
  if (parentId == null) return;
  const p = await tx.selectFrom('departments').select(['id', 'is_active']).where('id', '=', parentId).executeTakeFirst();
  if (!p) throw new AppError('UNIT_PARENT_NOT_FOUND', { parentId });
  if (!p.is_active) throw new AppError('UNIT_PARENT_INACTIVE', { parentId });
}

async function run<T>(ctx: CommandContext, fn: (tx: Transaction<DB>, actor: AdminActor) => Promise<T>): Promise<T> {
  return inTransaction(ctx.db, async (tx) => {
    await lockOrganisation(tx);
    return fn(tx, staffActor(ctx.user, ctx.address));
  });
}

export async function createUnit(ctx: CommandContext, input: UnitCreate): Promise<UnitResult> {
  const on = effectiveDate(input.effectiveOn, ctx.now);
  checkCode(input.code);
  return run(ctx, async (tx, actor) => {
    await assertCodeFree(tx, input.code);
    await checkParent(tx, input.parentId);
    const row = await insertUnit(tx, { name: input.name, code: input.code, kind: input.kind, parentId: input.parentId, phone: input.phone ?? null, sortOrder: input.sortOrder });
    await recordChanges(tx, [{ departmentId: row.id, change: 'create', effectiveOn: on, after: unitState(row), by: ctx.user.id, at: ctx.now }]);
    await recordAdminChange(tx, actor, { action: 'unit.create', targetType: 'unit', targetId: row.id, targetName: row.name, after: { ...unitState(row), effectiveOn: on } }, ctx.now);
    return { id: row.id };
  });
}

export async function editUnit(ctx: CommandContext, id: number, input: UnitEdit): Promise<UnitResult> {
  const on = effectiveDate(input.effectiveOn, ctx.now);
  if (input.code !== undefined) checkCode(input.code);
  return run(ctx, async (tx, actor) => {
    const before = await getUnit(tx, id);
    if (input.code !== undefined && input.code !== before.code) await assertCodeFree(tx, input.code, id);
    const patch = {
      ...(input.name !== undefined ? { name: input.name } : {}), ...(input.code !== undefined ? { code: input.code } : {}),
      ...(input.kind !== undefined ? { kind: input.kind } : {}), ...(input.phone !== undefined ? { phone: input.phone || null } : {}),
      ...(input.sortOrder !== undefined ? { sort_order: input.sortOrder } : {}),
    };
    const after = await updateUnit(tx, id, patch);
    const renamed = after.name !== before.name;
    const others = (['code', 'kind', 'phone', 'sort_order'] as const).some((k) => after[k] !== before[k]);
    const changes = [];
    if (renamed) changes.push({ departmentId: id, change: 'rename' as const, effectiveOn: on, before: { name: before.name }, after: { name: after.name }, by: ctx.user.id, at: ctx.now });
    if (others) changes.push({ departmentId: id, change: 'update' as const, effectiveOn: on, before: unitState(before), after: unitState(after), by: ctx.user.id, at: ctx.now });
    await recordChanges(tx, changes);
    if (renamed || others) {
      const action: AdminAction = renamed ? 'unit.rename' : 'unit.update';
      await recordAdminChange(tx, actor, { action, targetType: 'unit', targetId: id, targetName: after.name, before: unitState(before), after: { ...unitState(after), effectiveOn: on } }, ctx.now);
    }
    return { id };
  });
}

export async function moveUnit(ctx: CommandContext, id: number, parentId: number | null, effectiveOn?: string): Promise<UnitResult> {
  const on = effectiveDate(effectiveOn, ctx.now);
  return run(ctx, async (tx, actor) => {
    const before = await getUnit(tx, id);
    if (!before.is_active) throw new AppError('UNIT_INACTIVE', { id });
    if (parentId != null) {
      const parents = await parentMap(tx);
      if (!parents.has(parentId)) throw new AppError('UNIT_PARENT_NOT_FOUND', { parentId });
      if (isSelfOrDescendant(id, parentId, (x) => parents.get(x))) throw new AppError('UNIT_CYCLE', { id, parentId });
      await checkParent(tx, parentId);
    }
    if (before.parent_id === parentId) return { id };
    const after = await updateUnit(tx, id, { parent_id: parentId });
    await recordChanges(tx, [{ departmentId: id, change: 'move', effectiveOn: on, before: { parentId: before.parent_id }, after: { parentId }, by: ctx.user.id, at: ctx.now }]);
    await recordAdminChange(tx, actor, { action: 'unit.move', targetType: 'unit', targetId: id, targetName: after.name, before: { parentId: before.parent_id }, after: { parentId, effectiveOn: on } }, ctx.now);
    return { id };
  });
}

/** The case actor of events an admin's organisation change writes. */
const caseActor = (user: StaffUser): Actor => ({ userId: user.id, role: user.role, departmentId: user.departmentId });

/**
 * Moves everything a retiring unit holds to `toId`: open assignments (with an event per case), accounts, active
 * children and the categories it leads. Returns the counts.
 */
async function handOver(ctx: CommandContext, tx: Tx, fromId: number, toId: number, on: string) {
  const work = await ctx.hooks.moveOpenAssignments(tx, fromId, toId, on, caseActor(ctx.user), ctx.now);
  // After the assignments: the successor now holds the cases the orders are about.
  const toName = (await getUnit(tx, toId)).name;
  const orders = await ctx.hooks.moveOpenOrders(tx, fromId, toId, toName, caseActor(ctx.user), ctx.now);
  const items = await ctx.hooks.moveUnitItems(tx, fromId, toId, toName, caseActor(ctx.user), ctx.now);
  const users = await ctx.hooks.moveUsers(tx, fromId, toId);
  const children = await reparentChildren(tx, fromId, toId);
  const categories = await ctx.hooks.moveCategoryLeads(tx, fromId, toId);
  if (children.length) {
    await recordChanges(tx, children.map((c) => ({ departmentId: c, change: 'move' as const, effectiveOn: on, before: { parentId: fromId }, after: { parentId: toId }, by: ctx.user.id, at: ctx.now })));
  }
  return {
    cases: work.cases, assignments: work.assignments, orders: orders.moved + orders.closed, users: users.length, children: children.length, categories,
    items: items.items, itemOrders: items.orders + items.closedOrders,
    caseIds: [...new Set([...work.caseIds, ...orders.caseIds])],
  };
}

export async function mergeUnit(ctx: CommandContext, id: number, targetId: number, effectiveOn?: string): Promise<UnitResult> {
  const on = effectiveDate(effectiveOn, ctx.now);
  if (id === targetId) throw new AppError('UNIT_MERGE_SELF', { id });
  let caseIds: number[] = [];
  const result = await run(ctx, async (tx, actor) => {
    const from = await getUnit(tx, id);
    if (!from.is_active) throw new AppError('UNIT_INACTIVE', { id });
    const to = await getUnit(tx, targetId);
    if (!to.is_active) throw new AppError('UNIT_TARGET_INACTIVE', { id: targetId });
    // The successor takes the merged unit's children: it must not be one of them.
    const parents = await parentMap(tx);
    if (isSelfOrDescendant(id, targetId, (x) => parents.get(x))) throw new AppError('UNIT_CYCLE', { id, parentId: targetId });
    const moved = await handOver(ctx, tx, id, targetId, on);
    caseIds = moved.caseIds;
    await updateUnit(tx, id, { is_active: false, successor_id: targetId, retired_on: on });
    await recordChanges(tx, [
      { departmentId: id, change: 'merge', effectiveOn: on, before: unitState(from), otherId: targetId, after: { successorId: targetId, moved: { ...moved, caseIds: undefined } }, by: ctx.user.id, at: ctx.now },
      { departmentId: targetId, change: 'merged_in', effectiveOn: on, otherId: id, after: { from: from.name }, by: ctx.user.id, at: ctx.now },
    ]);
    const { caseIds: _ids, ...counts } = moved;
    await recordAdminChange(tx, actor, {
      action: 'unit.merge', targetType: 'unit', targetId: id, targetName: from.name,
      before: unitState(from), after: { successorId: targetId, successorName: to.name, effectiveOn: on, ...counts },
    }, ctx.now);
    return { id, moved: { cases: moved.cases, assignments: moved.assignments, orders: moved.orders, users: moved.users, children: moved.children } };
  });
  ctx.hooks.casesChanged?.(caseIds);
  return result;
}

export async function splitUnit(ctx: CommandContext, id: number, input: UnitSplit): Promise<UnitResult> {
  const on = effectiveDate(input.effectiveOn, ctx.now);
  if (input.retire && input.openWorkTo == null) throw new AppError('UNIT_SPLIT_INVALID');
  if (input.openWorkTo != null && input.openWorkTo >= input.units.length) throw new AppError('UNIT_SPLIT_INVALID');
  const codes = input.units.map((u) => u.code.toLowerCase());
  if (new Set(codes).size !== codes.length) throw new AppError('UNIT_CODE_TAKEN', { code: input.units.find((u, i) => codes.indexOf(u.code.toLowerCase()) !== i)?.code });
  for (const u of input.units) checkCode(u.code);
  let caseIds: number[] = [];
  const result = await run(ctx, async (tx, actor) => {
    const from = await getUnit(tx, id);
    if (!from.is_active) throw new AppError('UNIT_INACTIVE', { id });
    const created = [];
    for (const u of input.units) {
      await assertCodeFree(tx, u.code);
      created.push(await insertUnit(tx, { name: u.name, code: u.code, kind: u.kind ?? from.kind, parentId: from.parent_id, phone: u.phone ?? null }));
    }
    await recordChanges(tx, created.map((c) => ({ departmentId: c.id, change: 'create' as const, effectiveOn: on, after: unitState(c), otherId: id, by: ctx.user.id, at: ctx.now })));
    let moved = { cases: 0, assignments: 0, orders: 0, users: 0, children: 0 };
    if (input.openWorkTo != null) {
      const target = created[input.openWorkTo];
      const m = await handOver(ctx, tx, id, target.id, on);
      caseIds = m.caseIds;
      moved = { cases: m.cases, assignments: m.assignments, orders: m.orders, users: m.users, children: m.children };
    }
    if (input.retire) {
      await updateUnit(tx, id, { is_active: false, successor_id: created[input.openWorkTo!].id, retired_on: on });
    }
    const newIds = created.map((c) => c.id);
    await recordChanges(tx, [{ departmentId: id, change: 'split', effectiveOn: on, before: unitState(from), after: { retired: input.retire, openWorkTo: input.openWorkTo == null ? null : newIds[input.openWorkTo], moved }, newIds, by: ctx.user.id, at: ctx.now }]);
    await recordAdminChange(tx, actor, {
      action: 'unit.split', targetType: 'unit', targetId: id, targetName: from.name, before: unitState(from),
      after: { units: created.map((c) => ({ id: c.id, name: c.name, code: c.code })), retired: input.retire, effectiveOn: on, ...moved },
    }, ctx.now);
    return { id, createdIds: newIds, moved };
  });
  ctx.hooks.casesChanged?.(caseIds);
  return result;
}

export async function deactivateUnit(ctx: CommandContext, id: number, effectiveOn?: string): Promise<UnitResult> {
  const on = effectiveDate(effectiveOn, ctx.now);
  return run(ctx, async (tx, actor) => {
    const before = await getUnit(tx, id);
    if (!before.is_active) throw new AppError('UNIT_INACTIVE', { id });
    const open = await openCaseCount(tx, id);
    if (open > 0) throw new AppError('UNIT_HAS_OPEN_CASES', { openCases: open });
    const users = await activeUserCount(tx, id);
    if (users > 0) throw new AppError('UNIT_HAS_ACTIVE_USERS', { activeUsers: users });
    const children = await activeChildCount(tx, id);
    if (children > 0) throw new AppError('UNIT_HAS_ACTIVE_CHILDREN', { activeChildren: children });
    const after = await updateUnit(tx, id, { is_active: false, retired_on: on });
    await recordChanges(tx, [{ departmentId: id, change: 'deactivate', effectiveOn: on, before: unitState(before), after: unitState(after), by: ctx.user.id, at: ctx.now }]);
    await recordAdminChange(tx, actor, { action: 'unit.deactivate', targetType: 'unit', targetId: id, targetName: before.name, before: unitState(before), after: { ...unitState(after), effectiveOn: on } }, ctx.now);
    return { id };
  });
}

export async function reactivateUnit(ctx: CommandContext, id: number, effectiveOn?: string): Promise<UnitResult> {
  const on = effectiveDate(effectiveOn, ctx.now);
  return run(ctx, async (tx, actor) => {
    const before = await getUnit(tx, id);
    if (before.is_active) throw new AppError('UNIT_ALREADY_ACTIVE', { id });
    await checkParent(tx, before.parent_id);
    // A merged unit that comes back is its own unit again: routing and assessment stop following it to the successor.
    const after = await updateUnit(tx, id, { is_active: true, successor_id: null, retired_on: null });
    await recordChanges(tx, [{ departmentId: id, change: 'reactivate', effectiveOn: on, before: unitState(before), after: unitState(after), by: ctx.user.id, at: ctx.now }]);
    await recordAdminChange(tx, actor, { action: 'unit.reactivate', targetType: 'unit', targetId: id, targetName: before.name, before: unitState(before), after: { ...unitState(after), effectiveOn: on } }, ctx.now);
    return { id };
  });
}
