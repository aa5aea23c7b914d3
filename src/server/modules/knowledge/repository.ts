import type { KnowledgeEntry, KnowledgeEntryInput } from '../../../contracts/knowledge.js';
import { flagOf, isInForce, normalBasisNumber } from '../../../domain/knowledge/entry.js';
import type { KnowledgeEntryRow, KnowledgeVersionRow } from '../../db/schema-knowledge.js';
import { hasRole, type StaffUser, type Tx } from '../../kernel/index.js';
import type { Names } from '../org/index.js';

// All SQL of the knowledge area's own tables lives in this folder; this file holds the row shapes and presenters.

export const entryColumns = [
  'id', 'owner_unit_id', 'latest_version', 'published_version', 'question', 'answer', 'basis_title', 'basis_number', 'valid_from', 'valid_to',
  'visibility', 'keywords', 'basis_replaced_by', 'flag', 'flagged_at', 'source', 'source_case_id', 'import_key', 'answered_count', 'helpful_count',
  'created_at', 'updated_at',
] as const satisfies readonly (keyof KnowledgeEntryRow)[];
export type EntryRow = Pick<KnowledgeEntryRow, (typeof entryColumns)[number]>;

/** A version's columns from an edit (the owner checked by the caller). */
export function versionValues(input: KnowledgeEntryInput, ownerUnitId: number) {
  return {
    question: input.question, answer: input.answer, basis_title: input.basisTitle, basis_number: normalBasisNumber(input.basisNumber),
    replaces_basis_number: normalBasisNumber(input.replacesBasisNumber), owner_unit_id: ownerUnitId, valid_from: input.validFrom,
    valid_to: input.validTo ?? null, visibility: input.visibility, keywords: [...new Set(input.keywords)], note: input.note,
  };
}

/** The entry row's published columns from an approved version. */
export function publishedColumns(v: Pick<KnowledgeVersionRow, 'question' | 'answer' | 'basis_title' | 'basis_number' | 'owner_unit_id' | 'valid_from' | 'valid_to' | 'visibility' | 'keywords'>) {
  return {
    question: v.question, answer: v.answer, basis_title: v.basis_title, basis_number: v.basis_number, owner_unit_id: v.owner_unit_id,
    valid_from: v.valid_from, valid_to: v.valid_to, visibility: v.visibility, keywords: v.keywords,
  };
}

/** Department staff edit their own unit's entries; supervisors any (a good reply from any unit becomes a draft). */
export function canEditEntry(user: StaffUser, ownerUnitId: number): boolean {
  if (!user.permissions.includes('knowledge:edit')) return false;
  return hasRole(user, 'supervisor') || user.departmentId === ownerUnitId;
}

/** Approval is the owner unit's: its head (or a supervisor who belongs to it). */
export function canApproveEntry(user: StaffUser, ownerUnitId: number): boolean {
  return user.permissions.includes('knowledge:approve') && user.departmentId === ownerUnitId;
}

export async function lockEntry(tx: Tx, id: number): Promise<EntryRow | undefined> {
  return tx.selectFrom('knowledge_entries').select(entryColumns).where('id', '=', id).forUpdate().executeTakeFirst();
}

export function presentEntry(row: EntryRow, names: Names, today: string, user: StaffUser | null): KnowledgeEntry {
  const published = row.published_version;
  const state = published === null ? 'draft' : row.latest_version > published ? 'approved_with_draft' : 'approved';
  return {
    id: row.id, ownerUnitId: row.owner_unit_id, ownerUnitName: names.department(row.owner_unit_id) ?? '', latestVersion: row.latest_version,
    publishedVersion: published, state, question: row.question, answer: row.answer, basisTitle: row.basis_title, basisNumber: row.basis_number,
    validFrom: row.valid_from, validTo: row.valid_to, visibility: row.visibility, keywords: row.keywords,
    inForce: published !== null && isInForce({ validFrom: row.valid_from, validTo: row.valid_to }, today),
    flag: published === null ? null : row.flag ?? flagOf({ validTo: row.valid_to, basisReplacedBy: row.basis_replaced_by }, today),
    basisReplacedBy: row.basis_replaced_by, source: row.source, sourceCaseId: row.source_case_id, answeredCount: row.answered_count,
    helpfulCount: row.helpful_count, updatedAt: row.updated_at.toISOString(),
    canApprove: !!user && row.latest_version !== published && canApproveEntry(user, row.owner_unit_id),
    canEdit: !!user && canEditEntry(user, row.owner_unit_id),
  };
}
