import { z } from 'zod';
import { zStr } from './common.js';

// Wire shapes of the routing area (一触即发): rules, the "try it" box, the trained router's models and settings,
// and the suggestions shown for a waiting case.

const zIds = z.array(z.coerce.number().int().positive()).max(200);
const zWords = z.array(zStr().trim().max(50)).max(200);

export const zRuleFlagCode = z.enum(['NO_CONDITIONS', 'EMPTY_KEYWORDS', 'INACTIVE_DEPARTMENT', 'LEAD_IN_CO', 'SHADOWED', 'CONFLICT', 'DUPLICATE', 'INACTIVE_CATEGORY']);
export type RuleFlagCodeWire = z.infer<typeof zRuleFlagCode>;

export const ruleFlagMessages: Record<RuleFlagCodeWire, string> = {
  NO_CONDITIONS: '未设置任何条件：规则不会生效（不设默认派单）',
  EMPTY_KEYWORDS: '关键词均为空：请填写有效的词语或短语',
  INACTIVE_DEPARTMENT: '主办或协办单位已停用：规则不会生效',
  LEAD_IN_CO: '主办单位同时列为协办单位',
  SHADOWED: '被排在前面的更宽泛规则覆盖：本规则永远不会命中',
  CONFLICT: '与另一条规则条件相同但派往不同单位',
  DUPLICATE: '与另一条规则完全重复',
  INACTIVE_CATEGORY: '条件中的问题类别已停用：规则不会生效',
};

export const zRuleFlag = z.object({
  code: zRuleFlagCode,
  message: z.string(),
  otherRuleId: z.number().optional(),
  otherRuleName: z.string().optional(),
  departmentIds: z.array(z.number()).optional(),
  categoryIds: z.array(z.number()).optional(),
});
export type RuleFlag = z.infer<typeof zRuleFlag>;

export const zRuleInput = z.object({
  name: zStr().trim().min(1).max(100),
  isActive: z.boolean().default(true),
  categoryIds: zIds.default([]),
  districtIds: zIds.default([]),
  keywords: zWords.default([]),
  keywordMode: z.enum(['any', 'all']).default('any'),
  locations: zWords.default([]),
  leadDepartmentId: z.coerce.number().int().positive(),
  coDepartmentIds: zIds.default([]),
  /** 1-based place in the order of precedence; absent = last (new rule) or unchanged (update). */
  position: z.coerce.number().int().positive().optional(),
});
export type RuleInput = z.input<typeof zRuleInput>;

export const zRuleUpdate = zRuleInput.extend({ version: z.coerce.number().int().positive() });
export type RuleUpdate = z.input<typeof zRuleUpdate>;

export const zRule = z.object({
  id: z.number(),
  version: z.number(),
  name: z.string(),
  position: z.number(),
  isActive: z.boolean(),
  categoryIds: z.array(z.number()),
  districtIds: z.array(z.number()),
  keywords: z.array(z.string()),
  keywordMode: z.enum(['any', 'all']),
  locations: z.array(z.string()),
  leadDepartmentId: z.number(),
  coDepartmentIds: z.array(z.number()),
  flags: z.array(zRuleFlag),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
});
export type Rule = z.infer<typeof zRule>;

export const zRuleList = z.object({ items: z.array(zRule) });

export const zRuleVersion = z.object({
  version: z.number(),
  change: z.enum(['created', 'updated', 'deleted', 'reordered']),
  savedAt: z.string(),
  savedBy: z.string().nullable(),
  rule: zRule.omit({ flags: true, updatedAt: true, updatedBy: true }),
  flags: z.array(zRuleFlag),
});
export const zRuleHistory = z.object({ items: z.array(zRuleVersion) });
export type RuleVersion = z.infer<typeof zRuleVersion>;

export const zReorderRequest = z.object({ ruleIds: zIds.min(1) });

export const zTryRequest = z.object({
  title: zStr().max(200).default(''),
  text: zStr().max(5000).default(''),
  categoryId: z.coerce.number().int().positive().optional(),
  districtId: z.coerce.number().int().positive().optional(),
  address: zStr().max(200).optional(),
  enterpriseName: zStr().max(200).optional(),
});
export type TryRequest = z.input<typeof zTryRequest>;

export const zSuggestedDepartment = z.object({
  departmentId: z.number(),
  departmentName: z.string(),
  confidence: z.number().nullable(),
  words: z.array(z.string()),
  coDepartmentIds: z.array(z.number()).optional(),
});
export type SuggestedDepartment = z.infer<typeof zSuggestedDepartment>;

export const zRoutingResult = z.object({
  source: z.enum(['rule', 'model', 'none']),
  rule: z.object({ id: z.number(), version: z.number(), name: z.string(), leadDepartmentId: z.number(), coDepartmentIds: z.array(z.number()) }).nullable(),
  modelVersion: z.number().nullable(),
  suggestions: z.array(zSuggestedDepartment),
  /** Would a public submission with this text be dispatched without a person? */
  wouldDispatch: z.boolean(),
  /** The confidence the top department needed (its own threshold under a target precision; 1 = never by model). */
  threshold: z.number(),
  autoDispatch: z.boolean(),
  /** The precision the city accepts (null: the fixed threshold). */
  targetPrecision: z.number().nullable().optional(),
  /** Why the model dispatches nothing by itself (stable code and its message), e.g. too few cases to know its precision. */
  modelBlocked: z.object({ code: z.string(), message: z.string() }).nullable().optional(),
});
export type RoutingResult = z.infer<typeof zRoutingResult>;

export const zModelSummary = z.object({
  version: z.number(),
  status: z.enum(['active', 'retired', 'rejected']),
  trigger: z.string(),
  trainedAt: z.string(),
  trainedBy: z.string().nullable(),
  trainingSize: z.number(),
  heldOutSize: z.number(),
  accuracy: z.number(),
  macroF1: z.number(),
  ece: z.number(),
  temperature: z.number(),
  departments: z.number(),
  baselineVersion: z.number().nullable(),
  baselineAccuracy: z.number().nullable(),
  baselineMacroF1: z.number().nullable(),
  decision: z.string(),
  activatedAt: z.string().nullable(),
  trainingSeconds: z.number().nullable(),
});
export type ModelSummary = z.infer<typeof zModelSummary>;

export const zDepartmentFigures = z.object({
  departmentId: z.number(),
  departmentName: z.string(),
  support: z.number(),
  precision: z.number(),
  recall: z.number(),
  f1: z.number(),
});

export const zModelDetail = zModelSummary.extend({
  perDepartment: z.array(zDepartmentFigures),
  confusions: z.array(z.object({ actual: z.string(), predicted: z.string(), count: z.number() })),
  reliability: z.array(z.object({ from: z.number(), to: z.number(), count: z.number(), meanConfidence: z.number(), accuracy: z.number() })),
});
export type ModelDetail = z.infer<typeof zModelDetail>;

export const zRoutingSettings = z.object({
  autoDispatch: z.boolean(),
  threshold: z.number(),
  /** The precision the city accepts; the platform chooses the thresholds (null: the fixed threshold above). */
  targetPrecision: z.number().nullable(),
  updatedAt: z.string().nullable(),
});
export type RoutingSettings = z.infer<typeof zRoutingSettings>;

export const zSettingsRequest = z.object({ autoDispatch: z.boolean(), threshold: z.number(), targetPrecision: z.number().nullable().optional() });

export const zCurvePoint = z.object({ threshold: z.number(), coverage: z.number(), precision: z.number() });

/** The thresholds the model in use dispatches at for the target precision, and what to expect of them. */
export const zPrecisionStatus = z.object({
  modelVersion: z.number(),
  targetPrecision: z.number(),
  blocked: z.object({ code: z.string(), message: z.string() }).nullable(),
  sharedThreshold: z.number().nullable(),
  perDepartment: z.array(z.object({ departmentId: z.number(), departmentName: z.string(), threshold: z.number().nullable(), cases: z.number() })),
  /** Out-of-fold cases of the training share (they chose the thresholds): share dispatched with no human, precision. */
  expectedCoverage: z.number(),
  expectedPrecision: z.number(),
  outOfFoldCases: z.number(),
  /** The held-out cases, which chose nothing. */
  heldOutCoverage: z.number(),
  heldOutPrecision: z.number(),
  heldOutCases: z.number(),
  curve: z.array(zCurvePoint),
  heldOutCurve: z.array(zCurvePoint),
  crossValidation: z.object({ folds: z.number(), cases: z.number(), grid: z.array(z.number()), chosenL2: z.number(), macroF1ByL2: z.array(z.number()) }),
});
export type PrecisionStatus = z.infer<typeof zPrecisionStatus>;

/** How the router did on real submissions, week by week: what it dispatched and whether the desk kept it. */
export const zLiveWeek = z.object({
  weekStart: z.string(),
  submissions: z.number(),
  /** Dispatched by the model with no human; kept = the lead is still that department, corrected = changed since. */
  modelDispatched: z.number(),
  modelKept: z.number(),
  modelCorrected: z.number(),
  /** Left to the desk with the model's suggestions: dispatched to its first suggestion or elsewhere. */
  suggestedTaken: z.number(),
  suggestedNotTaken: z.number(),
  byRule: z.number(),
});
export const zLiveFigures = z.object({ weeks: z.array(zLiveWeek) });
export type LiveFigures = z.infer<typeof zLiveFigures>;

export const zModelStatus = z.object({
  active: zModelDetail.nullable(),
  history: z.array(zModelSummary),
  settings: zRoutingSettings,
  training: z.boolean(),
  /** Closed and imported cases available for the next training. */
  availableCases: z.number(),
  /** For the model in use and the target precision (the settings' or 95 %); null without a model or for a model from before 0040. */
  precision: zPrecisionStatus.nullable().optional(),
  live: zLiveFigures.optional(),
});
export type ModelStatus = z.infer<typeof zModelStatus>;

export const zTrainResponse = z.object({ deployed: z.boolean(), model: zModelSummary });
export type TrainResponse = z.infer<typeof zTrainResponse>;

export const zCaseRouting = z.object({
  caseId: z.number(),
  status: z.string(),
  /** What the router decided when the case arrived (null for cases registered by staff or before routing existed). */
  decision: z.object({
    source: z.enum(['rule', 'model', 'none']),
    dispatched: z.boolean(),
    ruleId: z.number().nullable(),
    ruleVersion: z.number().nullable(),
    modelVersion: z.number().nullable(),
    confidence: z.number().nullable(),
    reason: z.string(),
    decidedAt: z.string(),
  }).nullable(),
  /** Current suggestions, best first (at most three). */
  result: zRoutingResult,
});
export type CaseRouting = z.infer<typeof zCaseRouting>;
