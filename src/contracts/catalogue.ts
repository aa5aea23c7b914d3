import { z } from 'zod';
import { caseKinds } from '../domain/case/status.js';
import { zDate, zStr, zText } from './common.js';

// Wire shapes of the catalogue (问题类别) screen and API: /api/catalogue.

const zKind = z.enum(caseKinds);
const zTag = zStr().trim().min(1).max(30);

export const zCategoryFields = z.object({
  name: zText(60),
  kind: zKind,
  acceptedKinds: z.array(zKind).max(caseKinds.length).default([]),
  leadDepartmentId: z.number().int().positive().nullable().default(null),
  coDepartmentIds: z.array(z.number().int().positive()).max(30).default([]),
  tags: z.array(zTag).max(30).default([]),
  /** First-level indicator codes (营商环境评价指标) the category's cases count toward. */
  indicatorCodes: z.array(zStr().trim().regex(/^[A-Za-z0-9._-]{1,40}$/)).max(10).default([]),
  sortOrder: z.number().int().min(0).max(1_000_000).optional(),
  /** When the change holds from (Beijing date, not later than today); default today. */
  effectiveDate: zDate().optional(),
});
export const zCategoryCreate = zCategoryFields.extend({
  code: zStr().trim().min(1).max(40),
  parentId: z.number().int().positive().nullable().default(null),
});
export type CategoryCreate = z.infer<typeof zCategoryCreate>;
export const zCategoryUpdate = zCategoryFields.extend({ version: z.number().int().positive() });
export type CategoryUpdate = z.infer<typeof zCategoryUpdate>;

export const zCategoryMove = z.object({
  parentId: z.number().int().positive().nullable(),
  version: z.number().int().positive(),
  effectiveDate: zDate().optional(),
});
export type CategoryMove = z.infer<typeof zCategoryMove>;

export const zCategoryStatusChange = z.object({
  reason: zText(500),
  version: z.number().int().positive(),
  effectiveDate: zDate().optional(),
});
export type CategoryStatusChange = z.infer<typeof zCategoryStatusChange>;

/** A category as stored: the server's repository reads it, the list presents it, the web drawer edits a part of it. */
export const zCategoryState = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  parentId: z.number().nullable(),
  kind: z.string(),
  acceptedKinds: z.array(z.string()),
  leadDepartmentId: z.number().nullable(),
  coDepartmentIds: z.array(z.number()),
  tags: z.array(z.string()),
  indicatorCodes: z.array(z.string()),
  isActive: z.boolean(),
  sortOrder: z.number(),
  version: z.number(),
});
export type CategoryState = z.infer<typeof zCategoryState>;
/** What the category drawer's form holds. */
export const zCategoryFormValues = zCategoryState.pick({
  code: true, name: true, parentId: true, kind: true, acceptedKinds: true, leadDepartmentId: true, coDepartmentIds: true, tags: true, indicatorCodes: true,
});
export type CategoryFormValues = z.infer<typeof zCategoryFormValues>;

export const zCatalogueCategory = zCategoryState.extend({
  updatedAt: z.string(),
  /** Cases in this category not yet closed, rejected or merged. */
  openCases: z.number(),
  /** Problems an admin should see: the default lead or a co-unit is inactive, the parent is inactive. */
  warnings: z.array(z.string()),
});
export type CatalogueCategory = z.infer<typeof zCatalogueCategory>;
export const zCatalogueList = z.object({ items: z.array(zCatalogueCategory) });

export const zCategoryChange = z.object({
  id: z.number(),
  action: z.enum(['create', 'update', 'move', 'deactivate', 'reactivate', 'import']),
  effectiveDate: z.string(),
  reason: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  changedBy: z.string().nullable(),
  changedAt: z.string(),
});
export type CategoryChange = z.infer<typeof zCategoryChange>;

export const zCategoryPolicy = z.object({
  id: z.number(),
  scope: z.enum(['category', 'all']),
  urgency: z.string(),
  reply: z.string(),
  sign: z.string(),
  version: z.number(),
});
export type CategoryPolicy = z.infer<typeof zCategoryPolicy>;

export const zCategoryDetail = z.object({
  category: zCatalogueCategory,
  history: z.array(zCategoryChange),
  /** The time-limit policies that apply (its own, else those for every category); edited on the policies screen. */
  policies: z.array(zCategoryPolicy),
  /** Routing rules that name this category. */
  rules: z.array(z.object({ id: z.number(), name: z.string(), isActive: z.boolean() })),
});
export type CategoryDetail = z.infer<typeof zCategoryDetail>;

export const zCatalogueImportRequest = z.object({
  fileName: zStr().trim().min(1).max(200),
  /** The file's bytes in base64 (.xlsx or .csv; a catalogue is small). */
  contentBase64: zStr().max(8 * 1024 * 1024),
  dryRun: z.boolean(),
});
export type CatalogueImportRequest = z.infer<typeof zCatalogueImportRequest>;

export const zCatalogueImportRow = z.object({
  rowNumber: z.number(),
  code: z.string(),
  name: z.string(),
  action: z.enum(['create', 'update', 'unchanged', 'error']),
  problems: z.array(z.string()),
});
export type CatalogueImportRow = z.infer<typeof zCatalogueImportRow>;
export const zCatalogueImportResult = z.object({
  dryRun: z.boolean(),
  rows: z.array(zCatalogueImportRow),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  failed: z.number(),
});
export type CatalogueImportResult = z.infer<typeof zCatalogueImportResult>;

/** The columns of the catalogue sheet, as exported and as the import reads them. */
export const catalogueColumns = ['类别编码', '类别名称', '上级类别', '默认诉求类型', '受理类型', '默认牵头单位', '默认协办单位', '标签', '状态'] as const;
