import type { KnowledgeErrorCode } from '../errors.js';

// Rules of a knowledge entry (知识库, docs/knowledge.md), pure: dates are Beijing calendar days 'YYYY-MM-DD', which
// compare as text.

export const knowledgeVisibilities = ['public', 'internal'] as const;
export type KnowledgeVisibility = (typeof knowledgeVisibilities)[number];

export interface EntryFields {
  ownerUnitId: number | null | undefined;
  validFrom: string;
  validTo: string | null | undefined;
}

/**
 * Why an entry's fields are refused, or null: it must have an owner unit (who answers for it and approves it), a
 * validity that ends after it starts, and a basis still in force today (an entry that has already expired would be
 * flagged the moment it was saved).
 */
export function entryRefusal(f: EntryFields, today: string): KnowledgeErrorCode | null {
  if (f.ownerUnitId == null) return 'KNOWLEDGE_OWNER_REQUIRED';
  if (f.validTo && f.validTo < f.validFrom) return 'KNOWLEDGE_VALIDITY_INVALID';
  if (f.validTo && f.validTo < today) return 'KNOWLEDGE_BASIS_EXPIRED';
  return null;
}

/** Whether the entry may be offered today: valid from on or before today and not past its end. */
export function isInForce(f: { validFrom: string; validTo: string | null }, today: string): boolean {
  return f.validFrom <= today && (f.validTo === null || f.validTo >= today);
}

/** What the owner must look at: past validity first, else a basis another policy replaced; null when neither. */
export function flagOf(f: { validTo: string | null; basisReplacedBy: string | null }, today: string): 'expired' | 'replaced' | null {
  if (f.validTo !== null && f.validTo < today) return 'expired';
  if (f.basisReplacedBy) return 'replaced';
  return null;
}

/** A document number as compared across entries: NFKC, no spaces, so 衡政发〔2024〕3号 matches however it was typed. */
export function normalBasisNumber(s: string | null | undefined): string | null {
  const t = (s ?? '').normalize('NFKC').replace(/\s+/g, '').replace(/[［[]/g, '〔').replace(/[］\]]/g, '〕');
  return t ? t : null;
}
