import type { ColumnType, Generated } from 'kysely';

// Kysely row types for the routing tables (migration 0013). Merged into DB in schema.ts.
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface StoredRuleConditions {
  categoryIds: number[];
  districtIds: number[];
  keywords: string[];
  keywordMode: 'any' | 'all';
  locations: string[];
}

export interface StoredRuleFlag {
  code: string;
  otherRuleId?: number;
  departmentIds?: number[];
}

export interface RoutingRulesTable {
  id: Generated<number>;
  name: string;
  position: number;
  is_active: Generated<boolean>;
  is_deleted: Generated<boolean>;
  version: Generated<number>;
  conditions: Json<StoredRuleConditions>;
  lead_department_id: number;
  co_department_ids: Json<number[]>;
  flags: Json<StoredRuleFlag[]>;
  created_at: Timestamp;
  updated_at: Timestamp;
  updated_by: number | null;
}

export interface RoutingRuleVersionsTable {
  rule_id: number;
  version: number;
  snapshot: Json<Record<string, unknown>>;
  flags: Json<StoredRuleFlag[]>;
  saved_by: number | null;
  saved_at: Timestamp;
  change: 'created' | 'updated' | 'deleted' | 'reordered';
}

export interface RoutingModelsTable {
  id: Generated<number>;
  version: number;
  status: 'active' | 'retired' | 'rejected';
  trigger: string;
  trained_at: Timestamp;
  trained_by: number | null;
  training_size: number;
  held_out_size: number;
  accuracy: number;
  macro_f1: number;
  ece: number;
  temperature: number;
  baseline_version: number | null;
  baseline_accuracy: number | null;
  baseline_macro_f1: number | null;
  department_ids: Json<number[]>;
  report: Json<Record<string, unknown>>;
  decision: string;
  data: Uint8Array | null;
  activated_at: Timestamp | null;
  /** Out-of-fold and held-out scored cases, cross-validation figures (migration 0040); null before. */
  calibration: ColumnType<StoredCalibration | null, string | null, string | null>;
}

/** Scored cases as parallel arrays: department put first, confidence (4 decimals), right (1) or not (0). */
export interface StoredScored {
  d: number[];
  c: number[];
  y: number[];
}

export interface StoredCalibration {
  outOfFold: StoredScored;
  heldOut: StoredScored;
  crossValidation: { folds: number; cases: number; grid: number[]; chosenL2: number; macroF1ByL2: number[]; accuracyByL2: number[] };
  platt: { a: number; b: number } | null;
}

export interface RoutingSettingsTable {
  id: number;
  auto_dispatch: Generated<boolean>;
  threshold: Generated<number>;
  /** The precision the city accepts (migration 0040); null = the fixed threshold above. */
  target_precision: number | null;
  updated_at: Timestamp | null;
  updated_by: number | null;
}

export interface RoutingDecisionsTable {
  id: Generated<number>;
  case_id: number;
  decided_at: Timestamp;
  source: 'rule' | 'model' | 'none';
  dispatched: boolean;
  rule_id: number | null;
  rule_version: number | null;
  model_version: number | null;
  confidence: number | null;
  threshold: number | null;
  lead_department_id: number | null;
  co_department_ids: Json<number[]>;
  suggestions: Json<{ departmentId: number; confidence: number | null; words: string[] }[]>;
  reason: string;
}

export interface RoutingTables {
  routing_rules: RoutingRulesTable;
  routing_rule_versions: RoutingRuleVersionsTable;
  routing_models: RoutingModelsTable;
  routing_settings: RoutingSettingsTable;
  routing_decisions: RoutingDecisionsTable;
}
