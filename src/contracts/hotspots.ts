import { z } from 'zod';
import { zDate as zStrictDate, zId, zStr } from './common.js';

// Wire shapes of hot spots (热点发现): the day's list, a hot spot with its cases and trend, the district map, running
// the detection, taking a hot spot up (a governance task, the month's topic).

export const zHotspotKind = z.enum(['spike', 'cluster']);

export const zHotspotListQuery = z.object({
  /** A detection day; the latest one when left out. */
  day: zStrictDate().optional(),
  kind: zHotspotKind.optional(),
  districtId: zId.optional(),
});

export const zHotspotSummary = z.object({
  id: z.number(),
  detectedOn: z.string(),
  kind: zHotspotKind,
  districtId: z.number(),
  districtName: z.string(),
  categoryId: z.number(),
  categoryName: z.string(),
  words: z.array(z.string()),
  recentCount: z.number(),
  baseline: z.number().nullable(),
  ratio: z.number().nullable(),
  summary: z.string(),
  windowStart: z.string(),
  windowEnd: z.string(),
  /** The governance task made from this hot spot or an earlier day's same hot spot. */
  item: z.object({ id: z.number(), code: z.string(), title: z.string() }).nullable(),
  topicMonth: z.string().nullable(),
  /** When it (or the same hot spot on an earlier day) became a task or a topic. */
  takenUpAt: z.string().nullable(),
});
export type HotspotSummary = z.infer<typeof zHotspotSummary>;

/** The thresholds the supervision office sets (ADR 23; docs/hotspots.md). */
export const zHotspotParams = z.object({
  /** 统计窗口（天）. */
  windowDays: z.number().int().min(7).max(60),
  /** 常态：此前若干周的平均. */
  baselineWeeks: z.number().int().min(2).max(26),
  /** 数量激增：至少多少件… */
  minSpikeCases: z.number().int().min(3).max(10_000),
  /** …且至少为常态的几倍. */
  minRatio: z.number().min(1.5).max(50),
  /** 相似聚集：至少多少件说到同一词语… */
  minClusterCases: z.number().int().min(3).max(10_000),
  /** …且占该组诉求的比例. */
  clusterShare: z.number().min(0.1).max(1),
});
export type HotspotParamsDto = z.infer<typeof zHotspotParams>;
export const zHotspotParamsView = z.object({
  params: zHotspotParams,
  defaults: zHotspotParams,
  /** Null while the defaults apply. */
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
  canEdit: z.boolean(),
});
export type HotspotParamsView = z.infer<typeof zHotspotParamsView>;

export const zHotspotList = z.object({
  /** The detection day shown (null before the first detection). */
  day: z.string().nullable(),
  /** Recent detection days, newest first (for the day picker). */
  days: z.array(z.string()),
  lastRunAt: z.string().nullable(),
  casesRead: z.number().nullable(),
  hotspots: z.array(zHotspotSummary),
  canRun: z.boolean(),
  /** The thresholds the detection uses now (the page says them). */
  params: zHotspotParams,
});
export type HotspotList = z.infer<typeof zHotspotList>;

export const zHotspotCase = z.object({
  id: z.number(), code: z.string(), title: z.string(), status: z.string(), createdAt: z.string(), address: z.string().nullable(),
});

export const zHotspotTrend = z.object({
  weeks: z.array(z.object({ week: z.string(), count: z.number() })),
  /** Monday of the week the hot spot was taken up (else detected). */
  turnWeek: z.string(),
  turnLabel: z.string(),
  beforePerWeek: z.number(),
  afterPerWeek: z.number().nullable(),
  verdict: z.enum(['fell', 'flat', 'rose']).nullable(),
});
export type HotspotTrend = z.infer<typeof zHotspotTrend>;

export const zHotspotDetail = z.object({
  hotspot: zHotspotSummary,
  cases: z.array(zHotspotCase),
  trend: zHotspotTrend,
  /** Why 转为治理任务 / 设为每月一题 cannot be used (null when it can). */
  convertBlocked: z.string().nullable(),
  topicBlocked: z.string().nullable(),
  /** Why 取消每月一题 cannot be used (null when it can, or when the hot spot is no topic). */
  topicUndoBlocked: z.string().nullable(),
  /** The month 设为每月一题 would set. */
  topicMonthNext: z.string(),
  /** The lead unit and end date the task form starts from. */
  defaults: z.object({ leadDepartmentId: z.number(), endDate: z.string(), title: z.string() }),
});
export type HotspotDetail = z.infer<typeof zHotspotDetail>;

export const zHotspotConvert = z.object({
  title: zStr().trim().min(1).max(200).optional(),
  /** The district when left out. */
  leadDepartmentId: zId.optional(),
  coDepartmentIds: z.array(zId).max(20).default([]),
  leaderName: zStr().trim().max(50).default('分管副市长'),
  /** 90 days on when left out. */
  endDate: zStrictDate().optional(),
});
export type HotspotConvert = z.infer<typeof zHotspotConvert>;

export const zHotspotTopic = z.object({ month: zStr().trim() });

export const zHotspotRunResult = z.object({ day: z.string(), found: z.number(), casesRead: z.number(), seconds: z.number() });

export const zHotspotMap = z.object({
  day: z.string().nullable(),
  districts: z.array(z.object({ name: z.string(), districtId: z.number(), hotspots: z.number(), cases: z.number(), top: z.string().nullable() })),
});
export type HotspotMap = z.infer<typeof zHotspotMap>;
