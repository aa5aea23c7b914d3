import type { ModelDetail, ModelSummary, Rule, RuleFlag, RuleVersion } from '../../../contracts/routing.js';
import { ruleFlagMessages } from '../../../contracts/routing.js';
import type { StoredRuleFlag } from '../../db/schema-routing.js';
import type { Selectable } from 'kysely';
import type { RoutingModelsTable } from '../../db/schema-routing.js';
import type { RoutingRule } from '../../../domain/routing/rules.js';
import { listRuleRows, toRule } from './rules-store.js';

type RuleRow = Awaited<ReturnType<typeof listRuleRows>>[number];

export function presentFlags(flags: StoredRuleFlag[], nameOf: (id: number) => string | undefined): RuleFlag[] {
  return flags.map((f) => ({
    code: f.code as RuleFlag['code'],
    message: ruleFlagMessages[f.code as RuleFlag['code']] ?? f.code,
    ...(f.otherRuleId != null ? { otherRuleId: f.otherRuleId, otherRuleName: nameOf(f.otherRuleId) } : {}),
    ...(f.departmentIds ? { departmentIds: f.departmentIds } : {}),
  }));
}

/**
 * The stored flags with INACTIVE_DEPARTMENT worked out again from the units as they are now: flags are stored when a
 * rule is saved, and a unit merged or deactivated later must show on the rule at once.
 */
export function withLiveUnitFlags(flags: StoredRuleFlag[], rule: RoutingRule, isActive: (id: number) => boolean): StoredRuleFlag[] {
  const rest = flags.filter((f) => f.code !== 'INACTIVE_DEPARTMENT');
  const inactive = [rule.leadDepartmentId, ...rule.coDepartmentIds].filter((id) => !isActive(id));
  if (!inactive.length) return rest;
  const at = rest.filter((f) => f.code === 'EMPTY_KEYWORDS' || f.code === 'NO_CONDITIONS').length;
  return [...rest.slice(0, at), { code: 'INACTIVE_DEPARTMENT', departmentIds: inactive }, ...rest.slice(at)];
}

export function presentRules(rows: RuleRow[], isActiveUnit?: (id: number) => boolean): Rule[] {
  const names = new Map(rows.map((r) => [r.id, r.name]));
  return rows.map((r) => ({
    ...toRule(r),
    flags: presentFlags(isActiveUnit ? withLiveUnitFlags(r.flags ?? [], toRule(r), isActiveUnit) : r.flags ?? [], (id) => names.get(id)),
    updatedAt: r.updated_at.toISOString(),
    updatedBy: r.updated_by_name ?? null,
  }));
}

export function presentVersion(v: { version: number; change: RuleVersion['change']; saved_at: Date; snapshot: Record<string, unknown>; flags: StoredRuleFlag[]; saved_by_name: string | null }, nameOf: (id: number) => string | undefined): RuleVersion {
  const r = v.snapshot as unknown as RoutingRule;
  return {
    version: v.version, change: v.change, savedAt: v.saved_at.toISOString(), savedBy: v.saved_by_name,
    rule: {
      id: r.id, version: r.version, name: r.name, position: r.position, isActive: r.isActive, categoryIds: r.categoryIds, districtIds: r.districtIds,
      keywords: r.keywords, keywordMode: r.keywordMode, locations: r.locations, leadDepartmentId: r.leadDepartmentId, coDepartmentIds: r.coDepartmentIds,
    },
    flags: presentFlags(v.flags ?? [], nameOf),
  };
}

type ModelRow = Omit<Selectable<RoutingModelsTable>, 'data' | 'calibration'> & { trained_by_name?: string | null };

export function presentModel(m: ModelRow): ModelSummary {
  const report = m.report as { seconds?: number };
  return {
    version: m.version, status: m.status, trigger: m.trigger, trainedAt: m.trained_at.toISOString(), trainedBy: m.trained_by_name ?? null,
    trainingSize: m.training_size, heldOutSize: m.held_out_size, accuracy: m.accuracy, macroF1: m.macro_f1, ece: m.ece,
    temperature: m.temperature, departments: (m.department_ids ?? []).length, baselineVersion: m.baseline_version,
    baselineAccuracy: m.baseline_accuracy, baselineMacroF1: m.baseline_macro_f1, decision: m.decision,
    activatedAt: m.activated_at ? m.activated_at.toISOString() : null, trainingSeconds: typeof report?.seconds === 'number' ? report.seconds : null,
  };
}

export function presentModelDetail(m: ModelRow): ModelDetail {
  const report = m.report as {
    perClass?: { label: number; departmentName: string; support: number; precision: number; recall: number; f1: number }[];
    confusions?: { actual: string; predicted: string; count: number }[];
    reliability?: ModelDetail['reliability'];
  };
  return {
    ...presentModel(m),
    perDepartment: (report.perClass ?? []).filter((c) => c.support > 0).map((c) => ({
      departmentId: c.label, departmentName: c.departmentName, support: c.support, precision: c.precision, recall: c.recall, f1: c.f1,
    })),
    confusions: report.confusions ?? [],
    reliability: report.reliability ?? [],
  };
}
