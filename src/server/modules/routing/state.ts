import type { ModelInUse } from './precision.js';
import type { RoutingRule } from '../../../domain/routing/rules.js';
import type { Database } from '../../db/engine.js';

// What each process keeps of the routing area per database: the rules (reloaded at most every few seconds, at
// once after an edit here), the model in use (its version re-checked every few seconds, the bytes loaded only when
// it changes). Whether a training runs is per process (models.ts).

export interface RouterState {
  rules: { list: RoutingRule[]; activeDepartments: Set<number>; loadedAt: number } | null;
  rulesLoading: Promise<void> | null;
  model: ModelInUse | null;
  modelCheckedAt: number;
  modelLoading: Promise<void> | null;
  settings: { autoDispatch: boolean; threshold: number; targetPrecision: number | null; updatedAt: Date | null; loadedAt: number } | null;
}

const states = new WeakMap<Database, RouterState>();

export function routerState(database: Database): RouterState {
  let s = states.get(database);
  if (!s) {
    s = { rules: null, rulesLoading: null, model: null, modelCheckedAt: 0, modelLoading: null, settings: null };
    states.set(database, s);
  }
  return s;
}

export const rulesTtlMs = 5_000;
export const modelTtlMs = 5_000;
