import type { ColumnType, Generated, Selectable } from 'kysely';

// Kysely row types for the publication tables (see migrations/0008_publication.sql). Merged into DB in schema.ts.
type Timestamp = ColumnType<Date, Date | string, Date | string>;

export type PublicationStatus = 'pending' | 'approved' | 'rejected' | 'withdrawn';
export type BoardStatus = 'handling' | 'answered' | 'closed';

export interface CasePublicationsTable {
  case_id: number;
  /** Reply files (public visibility) the reviewer kept off the board (migration 0042). */
  withheld_attachments: ColumnType<number[], string | undefined, string>;
  status: PublicationStatus;
  /** Masked public text; set on approval (required then), editable by the supervisor. */
  public_title: string | null;
  public_description: string | null;
  public_reply: string | null;
  reply_source_at: Timestamp | null;
  reply_pending: Generated<boolean>;
  public_name: string | null;
  mask_enterprise: Generated<boolean>;
  redactions: ColumnType<string[], string, string>;
  /** Written as `array_to_tsvector(...)`; never selected by the board. */
  search_vector: ColumnType<string | null, never, never>;
  case_created_at: Timestamp;
  case_status: string;
  public_status: BoardStatus;
  category_id: number;
  department_id: number | null;
  district_id: number | null;
  reason: string | null;
  candidate_at: Timestamp;
  reviewed_by: number | null;
  reviewed_at: Timestamp | null;
  published_at: Timestamp | null;
  updated_at: Timestamp;
  version: Generated<number>;
}
export type PublicationRow = Selectable<CasePublicationsTable>;

export interface PublicationTables {
  case_publications: CasePublicationsTable;
}
