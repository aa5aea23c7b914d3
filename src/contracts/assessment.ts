import { z } from 'zod';
import { zStr } from './common.js';
import { zCaseType } from './cases.js';

// Assessment (考核) contracts. Owner: the assessment area.
// zRankingsLatest is also used by the dashboard (rankings panel) and the public statistics page: keep its shape.

const zRate = z.object({
  numerator: z.number().int(), denominator: z.number().int(), rate: z.number().nullable(),
  /** Satisfaction: 满意 + 基本满意 × weight = value (the weighted numerator); absent in periods published before it. */
  weighted: z.object({ satisfied: z.number().int(), basically: z.number().int(), basicallyWeight: z.number(), value: z.number() }).optional(),
});

export const zRankingsLatest = z.object({
  period: z.object({
    key: z.string(), // 2026-10, 2026-Q3, 2026
    kind: z.enum(['month', 'quarter', 'year']),
    from: z.string(),
    to: z.string(),
    publishedAt: z.string(),
    schemeVersion: z.number().int(),
  }).nullable(),
  rows: z.array(z.object({
    departmentId: z.number().int(),
    departmentName: z.string(),
    group: z.enum(['city', 'district', 'park']),
    /** Null when the department handled fewer cases than the scheme's minimum: listed, not ranked. */
    rank: z.number().int().nullable(),
    composite: z.number().nullable(),
    cases: z.number().int(),
    response: zRate,
    resolution: zRate,
    satisfaction: zRate,
  })),
});
export type RankingsLatest = z.infer<typeof zRankingsLatest>;

// ---- Scheme (考核方案) ----
const zWeight = z.number().min(0).max(1);
const zPoints = z.number().min(0).max(100);
export const zScheme = z.object({
  weights: z.object({ response: zWeight, resolution: zWeight, satisfaction: zWeight, signing: zWeight, replying: zWeight }),
  basicallyWeight: zWeight,
  deductions: z.object({ overdue: zPoints, yellow: zPoints, red: zPoints, refused_return: zPoints, redo: zPoints }),
  minimumCases: z.number().int().min(0).max(100_000),
  minimumRated: z.number().int().min(0).max(100_000).optional(),
  /**
   * Weights of the sections (督办事项: reports on time, milestones met; 建议提案: replies on time, proposers satisfied);
   * absent = no weight. All sections together at most 1.
   */
  sections: z.object({
    items: z.object({ reports: zWeight, milestones: zWeight }).optional(),
    suggestions: z.object({ replies: zWeight, ratings: zWeight }).optional(),
  }).optional(),
});
export const zSaveSchemeRequest = z.object({ scheme: zScheme, note: zStr().trim().max(500).default('') });
export const zSchemeVersion = z.object({
  version: z.number().int(), scheme: zScheme, note: z.string(), createdAt: z.string(), createdByName: z.string().nullable(),
});
export const zSchemeHistory = z.object({ current: zSchemeVersion, versions: z.array(zSchemeVersion) });
export type AssessmentSchemeDto = z.infer<typeof zScheme>;
export type SchemeVersion = z.infer<typeof zSchemeVersion>;
export type SchemeHistory = z.infer<typeof zSchemeHistory>;

// ---- Periods and scorecards ----
/** Checked by the server (ASSESSMENT_PERIOD_INVALID, with a zh-CN message) rather than by the schema. */
export const zPeriodKey = zStr().trim().min(1).max(16);
export const zDepartmentGroup = z.enum(['city', 'district', 'park']);
export const zScorecardRow = z.object({
  departmentId: z.number().int(),
  departmentName: z.string(),
  group: zDepartmentGroup,
  cases: z.number().int(),
  rank: z.number().int().nullable(),
  isRanked: z.boolean(),
  baseScore: z.number().nullable(),
  deductionPoints: z.number(),
  composite: z.number().nullable(),
  rates: z.object({ response: zRate, resolution: zRate, satisfaction: zRate, signing: zRate, replying: zRate }),
  deductions: z.object({ overdue: z.number().int(), yellow: z.number().int(), red: z.number().int(), refused_return: z.number().int(), redo: z.number().int() }),
});
export type ScorecardRowDto = z.infer<typeof zScorecardRow>;

export const zExclusion = z.object({
  caseId: z.number().int(),
  caseCode: z.string(),
  departmentId: z.number().int(),
  departmentName: z.string(),
  reason: z.string(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string(),
  appealId: z.number().int().nullable(),
});
export type Exclusion = z.infer<typeof zExclusion>;

export const zPeriodSummary = z.object({
  key: z.string(),
  kind: z.enum(['month', 'quarter', 'year']),
  from: z.string(),
  to: z.string(),
  status: z.enum(['computed', 'published']),
  schemeVersion: z.number().int(),
  eventCursor: z.number().int(),
  computedAt: z.string(),
  computedByName: z.string().nullable(),
  publishedAt: z.string().nullable(),
  publishedByName: z.string().nullable(),
  digest: z.string(),
  canPublish: z.boolean(),
});
export const zPeriodList = z.object({ items: z.array(zPeriodSummary), suggestedKey: z.string() });
const zRatio = z.object({ numerator: z.number().int(), denominator: z.number().int() });
/** The items section of a snapshot (督办事项: per lead unit), absent in snapshots made before it existed. */
export const zItemSection = z.object({
  itemCursor: z.number().int(),
  asOf: z.string(),
  rows: z.array(z.object({
    departmentId: z.number().int(), departmentName: z.string(), items: z.number().int(), reports: zRatio, milestones: zRatio, combined: z.number().nullable(),
  })),
});
export type ItemSectionDto = z.infer<typeof zItemSection>;
/** The suggestions section (建议提案: replies on time, proposers' satisfaction per department). */
export const zSuggestionSection = z.object({
  eventCursor: z.number().int(),
  rows: z.array(z.object({
    departmentId: z.number().int(), departmentName: z.string(), suggestions: z.number().int(), replies: zRatio, ratings: zRatio,
    /** The unit's combined score (every weighted section); absent in snapshots made before this section had weights. */
    combined: z.number().nullable().optional(),
  })),
});
export type SuggestionSectionDto = z.infer<typeof zSuggestionSection>;
/**
 * 直接答复 (ADR 0025): cases the desk answered from the knowledge base and closed at intake, counted apart from handling,
 * per owner unit of the cited entry (answers / (answers + the unit's assessed cases)) and city-wide (answers / cases
 * registered). Same event cursor as the case figures; absent in snapshots made before it.
 */
export const zDirectAnswerSection = z.object({
  eventCursor: z.number().int(),
  city: zRatio,
  rows: z.array(z.object({ departmentId: z.number().int(), departmentName: z.string(), answers: zRatio })),
});
export type DirectAnswerSectionDto = z.infer<typeof zDirectAnswerSection>;
export const zPeriodDetail = zPeriodSummary.extend({
  rows: z.array(zScorecardRow), exclusions: z.array(zExclusion), itemSection: zItemSection.nullable(), suggestionSection: zSuggestionSection.nullable(),
  directAnswerSection: zDirectAnswerSection.nullable(),
});
export type PeriodSummary = z.infer<typeof zPeriodSummary>;
export type PeriodDetail = z.infer<typeof zPeriodDetail>;

export const zRunRequest = z.object({ period: zPeriodKey });
export const zDifference = z.object({
  departmentId: z.number().int().nullable(),
  departmentName: z.string().nullable(),
  field: z.string(),
  snapshot: z.unknown(),
  recomputed: z.unknown(),
});
export type Difference = z.infer<typeof zDifference>;
export const zRunResult = z.object({
  period: zPeriodDetail,
  /** True when the period was published: the snapshot stayed as it was and `differences` compares it with now. */
  frozen: z.boolean(),
  differences: z.array(zDifference),
});
export type RunResult = z.infer<typeof zRunResult>;

// ---- Drill-down ----
export const drillMeasureNames = ['cases', 'response', 'resolution', 'satisfaction', 'signing', 'replying', 'overdue', 'yellow', 'red', 'refused_return', 'redo'] as const;
export const zDrillQuery = z.object({
  period: zPeriodKey,
  department: z.coerce.number().int().positive(),
  measure: z.enum(drillMeasureNames),
  part: z.enum(['numerator', 'denominator']),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type DrillQuery = z.infer<typeof zDrillQuery>;
// ---- A department's figures by case type (诉求类型) ----
export const zCaseTypeBreakdownQuery = z.object({ period: zPeriodKey, department: z.coerce.number().int().positive() });
export type CaseTypeBreakdownQuery = z.infer<typeof zCaseTypeBreakdownQuery>;
export const zCaseTypeBreakdown = z.object({
  period: z.string(),
  departmentId: z.number().int(),
  /** Types with cases in the period only; their case counts add up to the department's. */
  rows: z.array(z.object({ caseType: zCaseType, cases: z.number().int(), rates: zScorecardRow.shape.rates, overdue: z.number().int() })),
});
export type CaseTypeBreakdown = z.infer<typeof zCaseTypeBreakdown>;

export const zDrillExportQuery = zDrillQuery.omit({ offset: true, limit: true });
export const zDrillItem = z.object({
  caseId: z.number().int(),
  code: z.string(),
  title: z.string(),
  status: z.string(),
  /** When the fact counts (dispatch, reply, rating, order…). */
  at: z.string(),
  onTime: z.boolean().nullable(),
  rating: z.string().nullable(),
  excluded: z.boolean(),
});
export type DrillItem = z.infer<typeof zDrillItem>;
export const zDrillPage = z.object({
  period: z.string(),
  departmentId: z.number().int(),
  departmentName: z.string(),
  measure: z.enum(drillMeasureNames),
  part: z.enum(['numerator', 'denominator']),
  /** The figure on the scorecard this list stands behind. */
  figure: z.number().int(),
  total: z.number().int(),
  items: z.array(zDrillItem),
});
export type DrillPage = z.infer<typeof zDrillPage>;

// ---- Appeals (申诉 / 不纳入考核) ----
export const appealReasons = ['out_of_scope', 'illegal_demand', 'malicious_repeat', 'already_concluded', 'force_majeure'] as const;
export const appealReasonLabels: Record<(typeof appealReasons)[number], string> = {
  out_of_scope: '不属于本单位职责范围',
  illegal_demand: '诉求不合法或不合理',
  malicious_repeat: '恶意重复诉求',
  already_concluded: '已依法办结（已有结论）',
  force_majeure: '不可抗力',
};
export const zAppealRequest = z.object({
  /** The case, by id (links from drill-downs) or by the tracking code people see (YW20261126-7K3QZP2M). */
  caseId: z.number().int().positive().optional(),
  caseCode: zStr().trim().toUpperCase().regex(/^YW\d{8}-[0-9A-Z]{4,12}$/, '受理编号格式不正确，形如 YW20261126-7K3QZP2M').optional(),
  reason: zStr(),
  evidence: zStr().max(5000),
  /** Optional attachment, base64 (≤ 5 MB decoded); its type is checked from the content. */
  file: z.object({ name: zStr().trim().min(1).max(200), base64: zStr().max(7_400_000) }).optional(),
});
export const zDecideAppealRequest = z.object({ decision: z.enum(['approve', 'refuse']), reason: zStr().max(2000) });
export const zAppeal = z.object({
  id: z.number().int(),
  caseId: z.number().int(),
  caseCode: z.string(),
  caseTitle: z.string(),
  departmentId: z.number().int(),
  departmentName: z.string(),
  reason: z.enum(appealReasons),
  reasonLabel: z.string(),
  evidence: z.string(),
  fileName: z.string().nullable(),
  fileType: z.string().nullable(),
  state: z.enum(['pending', 'approved', 'refused']),
  filedByName: z.string().nullable(),
  filedAt: z.string(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionReason: z.string().nullable(),
  canDecide: z.boolean(),
});
export const zAppealList = z.object({ items: z.array(zAppeal) });
export const zAppealQuery = z.object({ state: z.enum(['pending', 'approved', 'refused']).optional() });
export type Appeal = z.infer<typeof zAppeal>;

// ---- Verify ----
export const zVerifyResult = z.object({
  period: z.string(),
  ok: z.boolean(),
  eventCursor: z.number().int(),
  casesChecked: z.number().int(),
  differences: z.array(zDifference),
});
export type VerifyResult = z.infer<typeof zVerifyResult>;
export type PeriodList = z.infer<typeof zPeriodList>;

// ---- Items section drill-down (督办事项) ----
export const zItemDrillQuery = zDrillQuery.omit({ measure: true }).extend({ measure: z.enum(['item_report', 'item_milestone']) });
export type ItemDrillQuery = z.infer<typeof zItemDrillQuery>;
export const zItemDrillPage = z.object({
  period: z.string(), departmentId: z.number().int(), departmentName: z.string(), measure: z.string(), part: z.string(),
  /** The snapshot's figure; `total` (the facts derived again from the event record) always equals it. */
  figure: z.number().int(), total: z.number().int(),
  items: z.array(z.object({ itemId: z.number().int(), code: z.string(), title: z.string(), label: z.string(), dueAt: z.string(), hit: z.boolean() })),
});
export type ItemDrillPage = z.infer<typeof zItemDrillPage>;

// ---- Suggestions section drill-down (建议提案) ----
export const zSuggestionDrillQuery = zDrillQuery.omit({ measure: true }).extend({ measure: z.enum(['suggestion_reply', 'suggestion_rating']) });
export type SuggestionDrillQuery = z.infer<typeof zSuggestionDrillQuery>;
export const zSuggestionDrillPage = z.object({
  period: z.string(), departmentId: z.number().int(), departmentName: z.string(), measure: z.string(), part: z.string(),
  /** The snapshot's figure; `total` (the facts derived again from the event record) always equals it. */
  figure: z.number().int(), total: z.number().int(),
  items: z.array(z.object({ suggestionId: z.number().int(), label: z.string(), title: z.string(), at: z.string(), hit: z.boolean() })),
});
export type SuggestionDrillPage = z.infer<typeof zSuggestionDrillPage>;

// ---- Direct answers drill-down (直接答复) ----
/** `department` 0 = city-wide (the office only). Only the numerator lists cases: the direct answers themselves. */
export const zDirectAnswerDrillQuery = zDrillQuery.omit({ measure: true, department: true, part: true }).extend({
  department: z.coerce.number().int().min(0),
});
export type DirectAnswerDrillQuery = z.infer<typeof zDirectAnswerDrillQuery>;
export const zDirectAnswerDrillPage = z.object({
  period: z.string(), departmentId: z.number().int(), departmentName: z.string(),
  /** The snapshot's figure; `total` (derived again from the case events) always equals it. */
  figure: z.number().int(), total: z.number().int(),
  items: z.array(z.object({ caseId: z.number().int(), code: z.string(), title: z.string(), question: z.string(), at: z.string() })),
});
export type DirectAnswerDrillPage = z.infer<typeof zDirectAnswerDrillPage>;
