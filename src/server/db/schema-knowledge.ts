import type { ColumnType, Generated, Selectable } from 'kysely';

// Kysely row types of the knowledge base (migration 0041); merged into DB in schema.ts.
type Timestamp = ColumnType<Date, Date | string, Date | string>;

export type KnowledgeVisibility = 'public' | 'internal';
export type KnowledgeVersionStatus = 'draft' | 'approved' | 'superseded';
export type KnowledgeFlag = 'expired' | 'replaced';

export interface KnowledgeEntriesTable {
  id: Generated<number>;
  owner_unit_id: number;
  latest_version: number;
  published_version: number | null;
  question: string;
  answer: string;
  basis_title: Generated<string>;
  basis_number: string | null;
  valid_from: string;
  valid_to: string | null;
  visibility: KnowledgeVisibility;
  keywords: Generated<string[]>;
  /** Kept by the trigger from the published text; never selected. */
  terms: ColumnType<string, never, never>;
  head_terms: ColumnType<string, never, never>;
  basis_replaced_by: string | null;
  flag: KnowledgeFlag | null;
  flagged_at: Timestamp | null;
  source: Generated<'manual' | 'import' | 'case'>;
  source_case_id: number | null;
  import_key: string | null;
  answered_count: Generated<number>;
  helpful_count: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface KnowledgeVersionsTable {
  entry_id: number;
  version: number;
  status: KnowledgeVersionStatus;
  question: string;
  answer: string;
  basis_title: Generated<string>;
  basis_number: string | null;
  replaces_basis_number: string | null;
  owner_unit_id: number;
  valid_from: string;
  valid_to: string | null;
  visibility: KnowledgeVisibility;
  keywords: Generated<string[]>;
  note: Generated<string>;
  edited_by: number | null;
  edited_at: Timestamp;
  approved_by: number | null;
  approved_at: Timestamp | null;
}

export interface KnowledgeUsesTable {
  id: Generated<number>;
  entry_id: number;
  version: number;
  kind: 'desk' | 'portal';
  case_id: number | null;
  at: Timestamp;
}

export interface KnowledgeTables {
  knowledge_entries: KnowledgeEntriesTable;
  knowledge_versions: KnowledgeVersionsTable;
  knowledge_uses: KnowledgeUsesTable;
}

export type KnowledgeEntryRow = Selectable<KnowledgeEntriesTable>;
export type KnowledgeVersionRow = Selectable<KnowledgeVersionsTable>;
