import type { IndicatorReforms, ReformCreate } from '../../../contracts/indicators.js';
import type { ItemSummary } from '../../../contracts/items.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { hasRole, type StaffUser } from '../../kernel/index.js';
import { actorOf } from '../cases/index.js';
import { createItem, itemsByOrigin, workingTimeOfDeps } from '../items/index.js';
import { leadOf } from './figures.js';
import { getIndicatorRow, type IndicatorRow } from './repository.js';

// Reform measures (改革举措): an indicator's measures are supervised items with origin ('indicator', id). They are
// written only through the items area's createItem (one writer); this area reads them back with itemsByOrigin and
// joins their lights to the indicator's (ADR 22). Measures hang on the first-level indicator.

export const reformOrigin = 'indicator';
export type ReformLight = IndicatorReforms['reformLight'];

/** The worst light of the open measures: red, else yellow, else green; 'none' without an open measure. */
export function reformLightOf(reforms: readonly Pick<ItemSummary, 'light' | 'state'>[]): ReformLight {
  const open = reforms.filter((r) => r.state !== 'closed');
  if (!open.length) return 'none';
  if (open.some((r) => r.light === 'red')) return 'red';
  return open.some((r) => r.light === 'yellow') ? 'yellow' : 'green';
}

async function firstLevel(deps: AppDeps, id: number): Promise<IndicatorRow> {
  const row = await getIndicatorRow(deps.database.db, id);
  if (!row) throw new AppError('INDICATOR_NOT_FOUND');
  return leadOf(deps.database.db, row);
}

function addBlocked(user: StaffUser): string | null {
  if (!user.permissions.includes('item:manage') || !hasRole(user, 'supervisor')) return '只有督查室（营商办）可以新建改革举措';
  return null;
}

/** The reforms of many first-level indicators at once, by indicator id. */
export async function reformsByIndicator(deps: AppDeps, ids: readonly number[]): Promise<Map<number, ItemSummary[]>> {
  const all = await itemsByOrigin(deps, reformOrigin, ids);
  const out = new Map<number, ItemSummary[]>();
  for (const r of all) {
    const id = r.origin!.id;
    out.set(id, [...(out.get(id) ?? []), r]);
  }
  return out;
}

export async function indicatorReforms(deps: AppDeps, user: StaffUser, id: number): Promise<IndicatorReforms> {
  const first = await firstLevel(deps, id);
  const reforms = (await reformsByIndicator(deps, [first.id])).get(first.id) ?? [];
  const blocked = addBlocked(user);
  return { indicatorId: first.id, reformLight: reformLightOf(reforms), reforms, canAdd: blocked === null, addBlockedReason: blocked };
}

/** 新建改革举措: a supervised item made from the indicator, led by the indicator's lead unit unless said otherwise. */
export async function createReform(deps: AppDeps, user: StaffUser, id: number, input: ReformCreate): Promise<{ id: number; code: string }> {
  const first = await firstLevel(deps, id);
  const blocked = addBlocked(user);
  if (blocked) throw new AppError('FORBIDDEN');
  const leadDepartmentId = input.leadDepartmentId ?? first.leadDepartmentId;
  if (leadDepartmentId === null) throw new AppError('INDICATOR_LEAD_REQUIRED');
  const sourceRef = input.sourceRef || `${first.year}年评价指标 ${first.code} ${first.name}`;
  return deps.database.db.transaction().execute((tx) => createItem(tx, { ...input, leadDepartmentId, sourceRef }, actorOf(user),
    { now: deps.now(), calendar: workingTimeOfDeps(deps), origin: { type: reformOrigin, id: first.id } }));
}
