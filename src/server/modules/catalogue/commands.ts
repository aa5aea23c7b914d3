import type { Transaction } from 'kysely';
import type { CategoryCreate, CategoryMove, CategoryStatusChange, CategoryUpdate } from '../../../contracts/catalogue.js';
import { cleanTags } from '../../../domain/catalogue/catalogue.js';
import type { AdminAction } from '../../../domain/admin-audit/actions.js';
import { beijingDate } from '../../../domain/calendar/local-time.js';
import type { DB } from '../../db/schema.js';
import type { CategoryChangesTable } from '../../db/schema-catalogue.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { inTransaction, type StaffUser } from '../../kernel/index.js';
import { recordAdminChange, staffActor } from '../admin-audit/index.js';
import { refusalOf, sameSnapshot } from './check.js';
import {
  activeDepartmentIds, indicatorCodesKnown, insertCategory, insertChange, loadCategories, lockCatalogue, snapshotOf, updateCategory,
  type CategorySnapshot, type CategoryState,
} from './repository.js';

// The catalogue's commands: create, edit, move, deactivate, reactivate. Each is one transaction under the catalogue
// lock: the row, its history entry (category_changes, with the effective date) and the admin audit entry commit
// together. The directory (names and the intake's category list) is reloaded after commit.

export interface Caller {
  user: StaffUser;
  address: string | null;
}

/** The effective date given, or today in Beijing; never a day after today. */
export function effectiveDateOf(deps: AppDeps, given: string | undefined): string {
  const today = beijingDate(deps.now());
  if (given && given > today) throw new AppError('CATEGORY_DATE_INVALID', { today });
  return given ?? today;
}

async function run<T>(deps: AppDeps, fn: (tx: Transaction<DB>, all: CategoryState[], departments: Map<number, boolean>) => Promise<T>): Promise<T> {
  const out = await inTransaction(deps.database.db, async (tx) => {
    await lockCatalogue(tx);
    return fn(tx, await loadCategories(tx), await activeDepartmentIds(tx));
  });
  deps.directory.invalidate();
  return out;
}

const actions: Record<CategoryChangesTable['action'], AdminAction> = {
  create: 'category.create', update: 'category.update', move: 'category.move', deactivate: 'category.deactivate',
  reactivate: 'category.reactivate', import: 'category.import',
};

/** History and audit of one change, in the change's transaction. */
export async function recordChange(deps: AppDeps, tx: Transaction<DB>, caller: Caller, change: {
  id: number; action: CategoryChangesTable['action']; effectiveDate: string; reason: string | null; before: CategorySnapshot | null; after: CategorySnapshot;
}, audit = true): Promise<void> {
  const now = deps.now();
  await insertChange(tx, { categoryId: change.id, action: change.action, effectiveDate: change.effectiveDate, reason: change.reason, before: change.before, after: change.after, userId: caller.user.id, at: now });
  if (audit) {
    await recordAdminChange(tx, staffActor(caller.user, caller.address), {
      action: actions[change.action], targetType: 'category', targetId: change.id, targetName: change.after.name,
      before: change.before, after: { ...change.after, effectiveDate: change.effectiveDate, ...(change.reason ? { reason: change.reason } : {}) },
    }, now);
  }
}

function current(all: CategoryState[], id: number, version: number): CategoryState {
  const c = all.find((x) => x.id === id);
  if (!c) throw new AppError('CATEGORY_NOT_FOUND');
  if (c.version !== version) throw new AppError('CATEGORY_STALE', { version: c.version });
  return c;
}

/** New indicator tags must name a first-level indicator of the registry; tags kept from before are not re-checked. */
async function checkIndicatorCodes(tx: Transaction<DB>, codes: readonly string[], kept: readonly string[]): Promise<void> {
  const added = codes.filter((c) => !kept.includes(c));
  if (!added.length) return;
  const known = await indicatorCodesKnown(tx);
  if (added.some((c) => !known.has(c))) throw new AppError('INDICATOR_UNKNOWN_TAG');
}

function refuse(code: ReturnType<typeof refusalOf>): void {
  if (code) throw new AppError(code);
}

export async function createCategory(deps: AppDeps, caller: Caller, input: CategoryCreate): Promise<number> {
  const effectiveDate = effectiveDateOf(deps, input.effectiveDate);
  return run(deps, async (tx, all, departments) => {
    const next: CategorySnapshot = {
      code: input.code, name: input.name, parentId: input.parentId, kind: input.kind, acceptedKinds: input.acceptedKinds,
      leadDepartmentId: input.leadDepartmentId, coDepartmentIds: input.coDepartmentIds, tags: cleanTags(input.tags), indicatorCodes: [...new Set(input.indicatorCodes)], isActive: true,
      sortOrder: input.sortOrder ?? Math.max(-1, ...all.map((c) => c.sortOrder)) + 1,
    };
    refuse(refusalOf(next, null, null, all, departments));
    await checkIndicatorCodes(tx, next.indicatorCodes, []);
    const id = await insertCategory(tx, next, deps.now());
    await recordChange(deps, tx, caller, { id, action: 'create', effectiveDate, reason: null, before: null, after: next });
    return id;
  });
}

export async function updateCategoryFields(deps: AppDeps, caller: Caller, id: number, input: CategoryUpdate): Promise<void> {
  const effectiveDate = effectiveDateOf(deps, input.effectiveDate);
  await run(deps, async (tx, all, departments) => {
    const c = current(all, id, input.version);
    const before = snapshotOf(c);
    const next: CategorySnapshot = {
      ...before, name: input.name, kind: input.kind, acceptedKinds: input.acceptedKinds, leadDepartmentId: input.leadDepartmentId,
      coDepartmentIds: input.coDepartmentIds, tags: cleanTags(input.tags), indicatorCodes: [...new Set(input.indicatorCodes)], sortOrder: input.sortOrder ?? before.sortOrder,
    };
    refuse(refusalOf(next, before, id, all, departments));
    await checkIndicatorCodes(tx, next.indicatorCodes, before.indicatorCodes);
    // Saving the drawer without a change writes no history.
    if (sameSnapshot(before, next)) return;
    if (!(await updateCategory(tx, id, c.version, next, deps.now()))) throw new AppError('CATEGORY_STALE');
    await recordChange(deps, tx, caller, { id, action: 'update', effectiveDate, reason: null, before, after: next });
  });
}

export async function moveCategory(deps: AppDeps, caller: Caller, id: number, input: CategoryMove): Promise<void> {
  const effectiveDate = effectiveDateOf(deps, input.effectiveDate);
  await run(deps, async (tx, all, departments) => {
    const c = current(all, id, input.version);
    const before = snapshotOf(c);
    const siblings = all.filter((x) => x.parentId === input.parentId && x.id !== id);
    const next: CategorySnapshot = { ...before, parentId: input.parentId, sortOrder: Math.max(before.sortOrder, ...siblings.map((x) => x.sortOrder + 1)) };
    refuse(refusalOf(next, before, id, all, departments));
    if (before.parentId === next.parentId) return;
    if (!(await updateCategory(tx, id, c.version, next, deps.now()))) throw new AppError('CATEGORY_STALE');
    await recordChange(deps, tx, caller, { id, action: 'move', effectiveDate, reason: null, before, after: next });
  });
}

/**
 * Deactivation takes effect at once (the effective date records when it held, and may be earlier): the category is
 * no longer offered for new cases; open cases in it keep working and keep its name. A group with active children is
 * refused. Reactivation needs an active parent.
 */
export async function setCategoryActive(deps: AppDeps, caller: Caller, id: number, active: boolean, input: CategoryStatusChange): Promise<void> {
  const effectiveDate = effectiveDateOf(deps, input.effectiveDate);
  await run(deps, async (tx, all, departments) => {
    const c = current(all, id, input.version);
    if (c.isActive === active) throw new AppError(active ? 'CATEGORY_ALREADY_ACTIVE' : 'CATEGORY_ALREADY_INACTIVE');
    const before = snapshotOf(c);
    const next: CategorySnapshot = { ...before, isActive: active };
    refuse(refusalOf(next, before, id, all, departments));
    if (!(await updateCategory(tx, id, c.version, next, deps.now()))) throw new AppError('CATEGORY_STALE');
    await recordChange(deps, tx, caller, { id, action: active ? 'reactivate' : 'deactivate', effectiveDate, reason: input.reason, before, after: next });
  });
}
