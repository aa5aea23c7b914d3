import { z } from 'zod';
import { zStr } from './common.js';
import { importFields } from '../domain/import/fields.js';

// Wire shapes of bulk import (批量导入): mappings, uploads, dry runs, runs and their errors.

export const zImportField = z.enum(importFields);

/**
 * A saved mapping (by name in the database, or a JSON file for `yiwang import --mapping FILE`). Every part is
 * optional: what it leaves out is recognised from the headers.
 */
export const zImportMapping = z.object({
  /** Field → header text in the file; null ignores a column the recogniser would have picked. */
  columns: z.partialRecord(zImportField, zStr().max(200).nullable()).optional(),
  /** Source wall-clock offset from UTC in minutes (Beijing +480 is the default). */
  utcOffsetMinutes: z.number().int().min(-720).max(840).optional(),
  /** 05/03/2024 is 5 March (default: US month first, unless the first number is over 12). */
  dayFirst: z.boolean().optional(),
  /** Source department text → our department name or code (e.g. "DOT": "市交通运输局"). */
  departmentAliases: z.record(zStr().max(200), zStr().max(200)).optional(),
  /** Source category text → our category name or code. */
  categoryAliases: z.record(zStr().max(200), zStr().max(200)).optional(),
  /** Category (name or code) for rows whose category is missing or unknown; default 其他诉求. */
  defaultCategory: zStr().max(100).optional(),
  /** Text encoding of CSV/JSON files when detection guesses wrong (utf-8, gb18030, gbk, utf-16le). */
  encoding: zStr().max(20).optional(),
}).strict();
export type ImportMapping = z.infer<typeof zImportMapping>;

export const zSourceName = zStr().trim().regex(/^[\p{L}\p{N}_.-]{1,50}$/u, '来源名称须为 1–50 个字符（字母、数字、汉字、-、_、.）');

export const zSavedMapping = z.object({
  name: z.string(),
  mapping: zImportMapping,
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
});
export type SavedMapping = z.infer<typeof zSavedMapping>;

export const zSaveMappingRequest = z.object({ mapping: zImportMapping });

export const zImportFormat = z.enum(['csv', 'xlsx', 'json', 'jsonl']);

export const zRecognisedColumn = z.object({
  index: z.number().int(),
  header: z.string(),
  field: zImportField.nullable(),
  label: z.string().nullable(),
});

export const zImportPreviewRow = z.object({
  rowNumber: z.number().int(),
  /** create | update | skip | fail */
  outcome: z.enum(['create', 'update', 'skip', 'fail']),
  errors: z.array(z.string()),
  warnings: z.array(z.string()),
  /** What would be written, in words (zh-CN). */
  summary: z.object({
    key: z.string().nullable(),
    title: z.string().nullable(),
    createdAt: z.string().nullable(),
    status: z.string().nullable(),
    department: z.string().nullable(),
    category: z.string().nullable(),
    changes: z.array(z.string()),
  }),
});
export type ImportPreviewRow = z.infer<typeof zImportPreviewRow>;

export const zImportCounts = z.object({
  read: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int(),
  failed: z.number().int(),
  /** Rows taken with data-quality or other warnings (not failures). */
  warned: z.number().int(),
});
export type ImportCounts = z.infer<typeof zImportCounts>;

export const zUploadResponse = z.object({
  uploadId: z.string(),
  fileName: z.string(),
  size: z.number().int(),
  format: zImportFormat,
  encoding: z.string(),
  headerRow: z.number().int(),
  columns: z.array(zRecognisedColumn),
});
export type UploadResponse = z.infer<typeof zUploadResponse>;

export const zDryRunRequest = z.object({
  uploadId: zStr().min(1).max(100),
  source: zSourceName,
  mappingName: zStr().max(100).optional(),
  mapping: zImportMapping.optional(),
  /** Rows shown per page of the dry run (all rows are checked and counted). */
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export const zDryRunResponse = z.object({
  counts: zImportCounts,
  columns: z.array(zRecognisedColumn),
  rows: z.array(zImportPreviewRow),
  /** More rows than `limit` had something to show. */
  truncated: z.boolean(),
});
export type DryRunResponse = z.infer<typeof zDryRunResponse>;

export const zStartRunRequest = zDryRunRequest.omit({ limit: true });

export const zImportRunStatus = z.enum(['running', 'interrupted', 'finished', 'failed']);

export const zImportRun = z.object({
  id: z.number().int(),
  source: z.string(),
  fileName: z.string(),
  fileSize: z.number().int(),
  format: z.string(),
  status: zImportRunStatus,
  /** Rows read so far (data rows, not counting the header). */
  position: z.number().int(),
  counts: zImportCounts,
  errorCount: z.number().int(),
  message: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  heartbeatAt: z.string(),
  startedBy: z.string().nullable(),
});
export type ImportRun = z.infer<typeof zImportRun>;

export const zImportRunList = z.object({ items: z.array(zImportRun) });

export const zImportRunError = z.object({
  rowNumber: z.number().int(),
  kind: z.enum(['error', 'warning']),
  message: z.string(),
  key: z.string().nullable(),
});
export const zImportRunErrors = z.object({ items: z.array(zImportRunError), total: z.number().int() });
