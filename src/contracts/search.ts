import { z } from 'zod';
import { zCaseStatus, zCaseSummary, zCaseType, zChannel, zRating } from './cases.js';
import { zDate, zId, zStr } from './common.js';

// 查询: one search for staff over every case the person may see (docs/search.md).

/**
 * What the text box means: `auto` reads it (digits: a phone or a code fragment; a credit code; otherwise words of the
 * text, the submitter's name or the enterprise's name); the others take it as that one thing only.
 */
export const searchFields = ['auto', 'code', 'phone', 'name', 'enterprise', 'text'] as const;
export const zSearchField = z.enum(searchFields);
export type SearchField = z.infer<typeof zSearchField>;

/** The first page counts matches up to this many; beyond it the answer says "more than". */
export const searchCountCap = 1_000;

export const zSearchQuery = z.object({
  q: zStr().trim().max(50).optional(),
  field: zSearchField.default('auto'),
  /** 来电历史: the caller's whole number, exact (the desk asks while the number is typed). */
  phone: zStr().trim().max(20).optional(),
  /** Beijing dates, both included. */
  from: zDate().optional(),
  to: zDate().optional(),
  districtId: zId.optional(),
  /** 主办单位. */
  departmentId: zId.optional(),
  categoryId: zId.optional(),
  caseType: zCaseType.optional(),
  channel: zChannel.optional(),
  status: zCaseStatus.optional(),
  warningLevel: z.enum(['yellow', 'red']).optional(),
  rating: zRating.optional(),
  cursor: zStr().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type SearchQuery = z.infer<typeof zSearchQuery>;

export const zSearchHit = zCaseSummary.extend({
  submitterName: z.string(),
  /** Masked (138****5678): the whole number is on the case page. */
  submitterPhone: z.string(),
  enterpriseName: z.string().nullable(),
});
export type SearchHit = z.infer<typeof zSearchHit>;

export const zSearchPage = z.object({
  items: z.array(zSearchHit),
  nextCursor: z.string().nullable(),
  /**
   * Counted on the first page only (null on later pages). capped: there are at least `count` matches, not all counted
   * (more than searchCountCap, or a filter on the case kept few of the first matches of a common word).
   */
  total: z.object({ count: z.number(), capped: z.boolean() }).nullable(),
});
export type SearchPage = z.infer<typeof zSearchPage>;
