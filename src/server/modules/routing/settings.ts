import { AppError } from '../../errors.js';
import type { AppDeps } from '../../deps.js';
import type { StaffUser } from '../../kernel/index.js';
import { routerState, rulesTtlMs } from './state.js';
import { recordAdminChange, staffActor } from '../admin-audit/index.js';

export interface Settings {
  autoDispatch: boolean;
  threshold: number;
  /** The precision the city accepts; null = the fixed threshold (before migration 0040). */
  targetPrecision: number | null;
  updatedAt: Date | null;
}

/** Read on every routed submission: kept in this process for a few seconds, at once fresh after a change here. */
export async function cachedSettings(deps: AppDeps): Promise<Settings> {
  const state = routerState(deps.database);
  if (!state.settings || Date.now() - state.settings.loadedAt > rulesTtlMs) state.settings = { ...await getSettings(deps), loadedAt: Date.now() };
  return state.settings;
}

export async function getSettings(deps: AppDeps): Promise<Settings> {
  const row = await deps.database.db.selectFrom('routing_settings').selectAll().where('id', '=', 1).executeTakeFirst();
  return {
    autoDispatch: row?.auto_dispatch ?? true, threshold: row?.threshold ?? 0.85,
    targetPrecision: row?.target_precision == null ? null : Number(row.target_precision), updatedAt: row?.updated_at ?? null,
  };
}

export async function saveSettings(deps: AppDeps, user: StaffUser, input: { autoDispatch: boolean; threshold: number; targetPrecision?: number | null }, address: string | null = null): Promise<void> {
  // Below one half a top choice can be less likely than the other departments together: never automatic.
  if (!(input.threshold >= 0.5 && input.threshold <= 1)) throw new AppError('ROUTING_THRESHOLD_INVALID');
  const current = await getSettings(deps);
  // Absent: unchanged (clients from before 0040 send only the switch and the threshold).
  const s = { ...input, targetPrecision: input.targetPrecision === undefined ? current.targetPrecision : input.targetPrecision };
  if (s.targetPrecision != null && !(s.targetPrecision >= 0.5 && s.targetPrecision <= 0.999)) throw new AppError('ROUTING_PRECISION_INVALID');
  await deps.database.db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('routing_settings').select(['auto_dispatch', 'threshold', 'target_precision']).where('id', '=', 1).forUpdate().executeTakeFirst();
    await tx.updateTable('routing_settings')
      .set({ auto_dispatch: s.autoDispatch, threshold: s.threshold, target_precision: s.targetPrecision, updated_at: deps.now(), updated_by: user.id })
      .where('id', '=', 1).execute();
    await recordAdminChange(tx, staffActor(user, address), {
      action: 'routing.settings', targetType: 'routing', targetId: 'settings', targetName: '自动分派设置',
      before: before ? { autoDispatch: before.auto_dispatch, threshold: Number(before.threshold), targetPrecision: before.target_precision == null ? null : Number(before.target_precision) } : null,
      after: { autoDispatch: s.autoDispatch, threshold: s.threshold, targetPrecision: s.targetPrecision },
    }, deps.now());
  });
  routerState(deps.database).settings = null;
}
