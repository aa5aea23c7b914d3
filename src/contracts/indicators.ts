import { z } from 'zod';
import { zId, zStr, zText } from './common.js';
import { zCreateItemRequest, zItemSummary } from './items.js';

// Wire shapes of the indicators area (营商环境评价指标): the registry, figures with evidence and review, the problems
// touching an indicator, requests to press a unit, and stories (城市故事). /api/indicators, /api/stories, /api/public/stories.

export const indicatorSystems = ['national', 'province'] as const;
export const indicatorSystemLabels: Record<(typeof indicatorSystems)[number], string> = { national: '国家营商环境评价', province: '省营商环境监测' };
export const zSystem = z.enum(indicatorSystems);
const zNum = z.number().finite();
const zTarget = zNum.nullable().default(null);
export const zIndicatorCode = zStr().trim().regex(/^[A-Za-z0-9._-]{1,40}$/);

export const zIndicatorFields = z.object({
  name: zText(60),
  definition: zStr().trim().max(2000).default(''),
  unit: zStr().trim().max(20).default(''),
  direction: z.enum(['higher', 'lower']).default('higher'),
  weight: zNum.min(0).max(100).default(0),
  leadDepartmentId: z.number().int().positive().nullable().default(null),
  responsibleDepartmentIds: z.array(z.number().int().positive()).max(30).default([]),
  targetProvinceBest: zTarget,
  targetBenchmark: zTarget,
  targetCommitment: zTarget,
  sortOrder: z.number().int().min(0).max(100000).optional(),
});
export const zIndicatorCreate = zIndicatorFields.extend({
  year: z.number().int().min(2000).max(2100),
  system: zSystem,
  code: zStr().trim().min(1).max(40),
  parentId: z.number().int().positive().nullable().default(null),
});
export type IndicatorCreate = z.infer<typeof zIndicatorCreate>;
export const zIndicatorUpdate = zIndicatorFields.extend({ version: z.number().int().positive() });
export type IndicatorUpdate = z.infer<typeof zIndicatorUpdate>;
export const zCopyYear = z.object({ system: zSystem, fromYear: z.number().int().min(2000).max(2100), toYear: z.number().int().min(2000).max(2100) });

export const zLight = z.enum(['green', 'yellow', 'red', 'none']);

export const zIndicator = z.object({
  id: z.number(), year: z.number(), system: zSystem, code: z.string(), parentId: z.number().nullable(), name: z.string(),
  definition: z.string(), unit: z.string(), direction: z.enum(['higher', 'lower']), weight: z.number(),
  leadDepartmentId: z.number().nullable(), leadDepartmentName: z.string().nullable(), responsibleDepartmentIds: z.array(z.number()),
  responsibleDepartmentNames: z.array(z.string()),
  targetProvinceBest: z.number().nullable(), targetBenchmark: z.number().nullable(), targetCommitment: z.number().nullable(),
  sortOrder: z.number(), version: z.number(),
});
export type Indicator = z.infer<typeof zIndicator>;
export const zIndicatorList = z.object({
  year: z.number(), system: zSystem, years: z.array(z.number()),
  items: z.array(zIndicator.extend({ light: zLight, isMine: z.boolean() })),
});
export type IndicatorList = z.infer<typeof zIndicatorList>;
export const zIndicatorListQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional(), system: zSystem.default('national'), period: zStr().optional() });

export const zEvidence = z.object({ id: z.number(), fileName: z.string(), mime: z.string(), size: z.number() });
export const zFigureStep = z.object({
  action: z.enum(['file', 'refile', 'accept', 'return', 'correct']), valueBefore: z.number().nullable(), valueAfter: z.number().nullable(),
  reason: z.string().nullable(), by: z.string(), at: z.string(),
});
export const zFigure = z.object({
  id: z.number(), indicatorId: z.number(), period: z.string(), periodLabel: z.string(), value: z.number(), note: z.string(),
  status: z.enum(['filed', 'returned', 'accepted']), returnReason: z.string().nullable(), departmentName: z.string(), filedBy: z.string(),
  filedAt: z.string(), reviewedAt: z.string().nullable(), version: z.number(), light: zLight, previousValue: z.number().nullable(),
  evidence: z.array(zEvidence), steps: z.array(zFigureStep),
  allowedActions: z.array(z.enum(['refile', 'accept', 'return', 'correct'])),
});
export type Figure = z.infer<typeof zFigure>;

export const zPlatformFigures = z.object({
  period: z.string(), periodLabel: z.string(), categoryIds: z.array(z.number()),
  cases: z.number(), closed: z.number(), unsatisfied: z.number(),
  responseRate: z.number().nullable(), resolutionRate: z.number().nullable(), satisfactionRate: z.number().nullable(),
  medianHandlingHours: z.number().nullable(),
});
export type PlatformFigures = z.infer<typeof zPlatformFigures>;

export const zIndicatorDetail = z.object({
  indicator: zIndicator.extend({ light: zLight, isMine: z.boolean() }),
  measures: z.array(zIndicator.extend({ light: zLight, figures: z.array(zFigure) })),
  periods: z.array(z.string()),
  platform: z.array(zPlatformFigures),
  canFile: z.boolean(), canReview: z.boolean(), fileBlockedReason: z.string().nullable(),
});
export type IndicatorDetail = z.infer<typeof zIndicatorDetail>;

export const zFileFigure = z.object({
  period: zStr().trim(), value: zNum, note: zStr().trim().max(500).default(''),
  evidenceIds: z.array(z.number().int().positive()).max(10).default([]),
  version: z.number().int().positive().optional(),
});
export const zReviewFigure = z.discriminatedUnion('action', [
  z.object({ action: z.literal('accept'), version: z.number().int().positive() }),
  z.object({ action: z.literal('return'), version: z.number().int().positive(), reason: zStr().trim().max(500) }),
  z.object({ action: z.literal('correct'), version: z.number().int().positive(), value: zNum, reason: zStr().trim().max(500) }),
]);
export type ReviewFigure = z.infer<typeof zReviewFigure>;

export const zIndicatorCase = z.object({
  id: z.number(), code: z.string(), title: z.string(), status: z.string(), categoryName: z.string(), enterpriseName: z.string().nullable(),
  holdingDepartments: z.array(z.object({ id: z.number(), name: z.string() })), rating: z.string().nullable(), createdAt: z.string(),
  warningLevel: z.string(), openPress: z.boolean(),
});
export const zIndicatorProblems = z.object({
  indicatorId: z.number(), total: z.number(), unsatisfied: z.number(), open: z.number(),
  hotSpots: z.array(z.object({ categoryId: z.number(), categoryName: z.string(), cases: z.number(), unsatisfied: z.number() })),
  byDepartment: z.array(z.object({ departmentId: z.number(), departmentName: z.string(), open: z.number() })),
  items: z.array(zIndicatorCase),
});
export type IndicatorProblems = z.infer<typeof zIndicatorProblems>;
export const zProblemsQuery = z.object({ only: z.enum(['all', 'open', 'unsatisfied']).default('all') });

export const zPressCreate = z.object({ caseId: z.number().int().positive(), departmentId: z.number().int().positive(), reason: zText(500) });
export const zPressRequest = z.object({
  id: z.number(), indicatorId: z.number(), indicatorName: z.string(), caseId: z.number(), caseCode: z.string(), caseTitle: z.string(),
  departmentId: z.number(), departmentName: z.string(), requestingDepartmentName: z.string(), requestedBy: z.string(), reason: z.string(),
  status: z.enum(['open', 'ordered', 'declined']), requestedAt: z.string(), orderId: z.number().nullable(), declineReason: z.string().nullable(),
});
export const zPressList = z.object({ items: z.array(zPressRequest) });
export const zPressDecide = z.discriminatedUnion('action', [
  z.object({ action: z.literal('order'), demands: zText(1000), deadlineWorkingDays: z.number().int().min(1).max(60).default(3) }),
  z.object({ action: z.literal('decline'), reason: zText(500) }),
]);

/** A story's before/after figure with its unit of measure (开办时间 3 → 1 个工作日). */
export const zStoryFigure = z.object({
  label: zStr().trim().min(1).max(40), unit: zStr().trim().min(1).max(20), before: z.number().finite().min(-1e12).max(1e12), after: z.number().finite().min(-1e12).max(1e12),
});
export type StoryFigure = z.infer<typeof zStoryFigure>;
export const zStoryCreate = z.object({
  /** The closed case by id, or by its 受理编号 as staff read it; or (instead) the finished reform measure (a supervised item). */
  caseId: z.number().int().positive().optional(), caseCode: zStr().trim().max(40).optional(), itemId: z.number().int().positive().optional(),
  indicatorCode: zStr().trim().max(40).nullable().default(null), title: zText(80), body: zText(5000),
  beforeText: zStr().trim().max(500).default(''), afterText: zStr().trim().max(500).default(''), figures: z.array(zStoryFigure).max(8).default([]),
  departmentIds: z.array(z.number().int().positive()).max(20).default([]), photoIds: z.array(z.number().int().positive()).max(9).default([]),
});
/** A finished (销号) reform measure a story may be told of: the nominator's unit leads or shares it, or a reviewer asks. */
export const zStoryReformOption = z.object({
  id: z.number(), code: z.string(), title: z.string(), indicatorCode: z.string().nullable(), indicatorName: z.string().nullable(), closedAt: z.string(),
  departmentIds: z.array(z.number()), targets: z.array(z.object({ name: z.string(), measure: z.string(), value: z.number(), progress: z.number() })),
});
export const zStoryReformOptions = z.object({ items: z.array(zStoryReformOption) });
export const zStoryReview = z.discriminatedUnion('action', [
  z.object({ action: z.literal('publish'), version: z.number().int().positive(), publicTitle: zText(80).optional(), publicBody: zText(5000).optional() }),
  z.object({ action: z.literal('return'), version: z.number().int().positive(), reason: zStr().trim().max(500) }),
]);
export const zStory = z.object({
  id: z.number(), caseId: z.number().nullable(), caseCode: z.string().nullable(), itemId: z.number().nullable(), itemCode: z.string().nullable(),
  indicatorCode: z.string().nullable(), title: z.string(), body: z.string(), beforeText: z.string(), afterText: z.string(), figures: z.array(zStoryFigure), departmentNames: z.array(z.string()), status: z.enum(['nominated', 'returned', 'published', 'withdrawn']),
  maskedTitle: z.string(), maskedBody: z.string(), reviewNote: z.string().nullable(), nominatedBy: z.string(), nominatedAt: z.string(),
  publishedAt: z.string().nullable(), photos: z.array(zEvidence), version: z.number(),
});
export type Story = z.infer<typeof zStory>;
export const zStoryList = z.object({ items: z.array(zStory) });
export const zPublicStory = z.object({
  id: z.number(), title: z.string(), body: z.string(), beforeText: z.string(), afterText: z.string(), figures: z.array(zStoryFigure),
  departmentNames: z.array(z.string()), fromReform: z.boolean(), indicatorName: z.string().nullable(), publishedAt: z.string(), photoIds: z.array(z.number()),
});
export const zPublicStoryList = z.object({ items: z.array(zPublicStory), total: z.number() });
export const zPublicStoryQuery = z.object({ q: zStr().trim().max(40).optional() });
export const zIdParams = z.object({ id: zId });

/** The registry's Excel columns, in order (export and import). */
export const indicatorColumns = ['指标编码', '上级编码', '指标名称', '定义', '计量单位', '方向', '权重', '牵头单位', '责任单位', '省内最优', '标杆城市', '本市承诺'] as const;
export const zIndicatorImport = z.object({
  year: z.number().int().min(2000).max(2100), system: zSystem,
  fileName: zStr().trim().min(1).max(200), contentBase64: zStr().max(8 * 1024 * 1024),
});
export const zIndicatorUpload = zEvidence;

// Reform measures (改革举措): supervised items made from an indicator (origin 'indicator'), and the leading group's
// dashboard and reports (issue 14 items 4 and 5).
export const zReformLight = z.enum(['green', 'yellow', 'red', 'none']);
export const zReformCreate = zCreateItemRequest.extend({
  sourceKind: zCreateItemRequest.shape.sourceKind.default('work_report'),
  /** The indicator's lead unit when left out. */
  leadDepartmentId: zId.optional(),
});
export type ReformCreate = z.infer<typeof zReformCreate>;
export const zIndicatorReforms = z.object({
  indicatorId: z.number(), reformLight: zReformLight, reforms: z.array(zItemSummary),
  canAdd: z.boolean(), addBlockedReason: z.string().nullable(),
});
export type IndicatorReforms = z.infer<typeof zIndicatorReforms>;

export const zDashboardMeasure = z.object({
  id: z.number(), name: z.string(), unit: z.string(), direction: z.enum(['higher', 'lower']), light: zLight,
  period: z.string().nullable(), periodLabel: z.string().nullable(), value: z.number().nullable(), previousValue: z.number().nullable(),
  commitment: z.number().nullable(), benchmark: z.number().nullable(), provinceBest: z.number().nullable(),
});
export const zDashboardRow = z.object({
  id: z.number(), code: z.string(), name: z.string(), leadDepartmentId: z.number().nullable(), leadDepartmentName: z.string().nullable(),
  light: zLight, reformLight: zReformLight, reforms: z.object({ red: z.number(), yellow: z.number(), green: z.number(), closed: z.number() }),
  measures: z.array(zDashboardMeasure),
});
export const zLeadingDashboard = z.object({ year: z.number(), system: zSystem, years: z.array(z.number()), rows: z.array(zDashboardRow) });
export type LeadingDashboard = z.infer<typeof zLeadingDashboard>;
export const zReportQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100), system: zSystem.default('national') });
export const zReportNote = z.object({ year: z.number().int().min(2000).max(2100), system: zSystem.default('national'), departmentId: zId.optional(), nextSteps: zStr().trim().max(5000) });
