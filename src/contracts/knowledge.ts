import { z } from 'zod';
import { knowledgeVisibilities } from '../domain/knowledge/entry.js';
import { zCreateCaseRequest } from './cases.js';
import { zDate, zId, zStr, zText } from './common.js';

// 知识库 (docs/knowledge.md): entries, their versions, search at the desk and on the portal, direct answers.

export const zKnowledgeVisibility = z.enum(knowledgeVisibilities);
const zKeyword = zStr().trim().min(1).max(30);

/** An edit: every save is a new version, a draft until the owner unit approves it. */
export const zKnowledgeEntryInput = z.object({
  question: zText(200),
  answer: zText(5000),
  /** 政策依据: the document's title, and its number (文号). */
  basisTitle: zStr().trim().max(200).default(''),
  basisNumber: zStr().trim().max(100).nullable().optional(),
  /** This version's policy replaces that document number: entries citing it are flagged to their owners. */
  replacesBasisNumber: zStr().trim().max(100).nullable().optional(),
  /** 责任单位; absent or null is refused with KNOWLEDGE_OWNER_REQUIRED. */
  ownerUnitId: zId.nullable().optional(),
  validFrom: zDate(),
  validTo: zDate().nullable().optional(),
  visibility: zKnowledgeVisibility,
  keywords: z.array(zKeyword).max(20).default([]),
  note: zStr().trim().max(500).default(''),
});
export type KnowledgeEntryInput = z.infer<typeof zKnowledgeEntryInput>;

export const zKnowledgeState = z.enum(['draft', 'approved', 'approved_with_draft']);

export const zKnowledgeEntry = z.object({
  id: z.number(),
  ownerUnitId: z.number(),
  ownerUnitName: z.string(),
  latestVersion: z.number(),
  publishedVersion: z.number().nullable(),
  state: zKnowledgeState,
  question: z.string(),
  answer: z.string(),
  basisTitle: z.string(),
  basisNumber: z.string().nullable(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  visibility: zKnowledgeVisibility,
  keywords: z.array(z.string()),
  inForce: z.boolean(),
  flag: z.enum(['expired', 'replaced']).nullable(),
  basisReplacedBy: z.string().nullable(),
  source: z.enum(['manual', 'import', 'case']),
  sourceCaseId: z.number().nullable(),
  answeredCount: z.number(),
  helpfulCount: z.number(),
  updatedAt: z.string(),
  /** Whether this user may approve the latest draft (a head or supervisor of the owner unit). */
  canApprove: z.boolean(),
  canEdit: z.boolean(),
});
export type KnowledgeEntry = z.infer<typeof zKnowledgeEntry>;

export const zKnowledgeVersion = z.object({
  version: z.number(),
  status: z.enum(['draft', 'approved', 'superseded']),
  question: z.string(),
  answer: z.string(),
  basisTitle: z.string(),
  basisNumber: z.string().nullable(),
  replacesBasisNumber: z.string().nullable(),
  ownerUnitName: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  visibility: zKnowledgeVisibility,
  keywords: z.array(z.string()),
  note: z.string(),
  editedBy: z.string().nullable(),
  editedAt: z.string(),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
});
export const zKnowledgeDetail = z.object({ entry: zKnowledgeEntry, versions: z.array(zKnowledgeVersion) });

export const zKnowledgeListQuery = z.object({
  q: zStr().trim().max(100).optional(),
  state: z.enum(['all', 'draft', 'approved', 'flagged']).default('all'),
  ownerUnitId: zId.optional(),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export const zKnowledgePage = z.object({ items: z.array(zKnowledgeEntry), total: z.number() });

export const zKnowledgeSearchQuery = z.object({ q: zStr().max(500).default(''), limit: z.coerce.number().int().min(1).max(20).default(8) });

/** One search hit: the approved version in force. */
export const zKnowledgeHit = z.object({
  id: z.number(),
  version: z.number(),
  question: z.string(),
  answer: z.string(),
  basisTitle: z.string(),
  basisNumber: z.string().nullable(),
  ownerUnitName: z.string(),
  validTo: z.string().nullable(),
  visibility: zKnowledgeVisibility,
});
/** `notice`: KNOWLEDGE_QUERY_TOO_SHORT when the box holds nothing searchable (answered at once, with no rows). */
export const zKnowledgeHits = z.object({ items: z.array(zKnowledgeHit), notice: z.literal('KNOWLEDGE_QUERY_TOO_SHORT').nullable() });
export type KnowledgeHits = z.infer<typeof zKnowledgeHits>;

/** 直接答复: a new case registered and closed in one step, or a case waiting at the desk answered and closed. */
export const zDirectAnswerRequest = z.object({
  entryId: zId,
  caseId: zId.optional(),
  case: zCreateCaseRequest.optional(),
});
export const zDirectAnswerResult = z.object({ caseId: z.number(), code: z.string(), entryId: z.number(), version: z.number() });

export const zPublicKnowledgeQuery = z.object({ q: zStr().max(500).default('') });
export const zPublicKnowledgeHit = zKnowledgeHit.pick({ id: true, version: true, question: true, answer: true, basisTitle: true, basisNumber: true, ownerUnitName: true });
export const zPublicKnowledgeHits = z.object({ items: z.array(zPublicKnowledgeHit), notice: z.literal('KNOWLEDGE_QUERY_TOO_SHORT').nullable() });
/** "这解答了我的问题": counted, and nothing is submitted. */
export const zKnowledgeHelpfulRequest = z.object({ entryId: zId, version: zId });

export const zKnowledgeStatsQuery = z.object({ from: zDate(), to: zDate() });
export const zKnowledgeStats = z.object({
  from: z.string(),
  to: z.string(),
  /** Cases closed at the desk from an entry (直接答复). */
  directAnswers: z.number(),
  /** Cases registered in the period, all channels. */
  casesRegistered: z.number(),
  /** directAnswers / casesRegistered, 0 when none. */
  directAnswerRate: z.number(),
  /** Portal visitors answered before submitting. */
  portalAnswered: z.number(),
  topEntries: z.array(z.object({ id: z.number(), question: z.string(), directAnswers: z.number(), portalAnswered: z.number() })),
});

export const zKnowledgeFromCaseRequest = z.object({ caseId: zId });

export const zKnowledgeImportRequest = z.object({
  fileName: zStr().trim().min(1).max(200),
  /** The file's bytes in base64 (.xlsx or .csv). */
  contentBase64: zStr().max(12 * 1024 * 1024),
});
export const zKnowledgeImportResult = z.object({
  created: z.number(),
  updated: z.number(),
  refused: z.array(z.object({ rowNumber: z.number(), code: z.string(), message: z.string() })),
});
/** Columns of an import file (the first four required). 可见范围: 公开 | 内部; 关键词 separated by 、 , ; or spaces. */
export const knowledgeColumns = ['问题', '答复', '责任单位', '有效期起', '有效期止', '政策依据', '依据文号', '可见范围', '关键词', '编号'] as const;
