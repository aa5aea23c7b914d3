import type { ColumnType, Generated } from 'kysely';

// Kysely row types for the portal tables (see migrations/0009_portal.sql, 0028_attachment_store.sql). Merged into DB in schema.ts.
type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface CaseAttachmentsTable {
  id: Generated<number>;
  case_id: number | null;
  /** The portal upload's token (hashed); null for a staff upload (migration 0035), which is named by id. */
  token_hash: string | null;
  file_name: string;
  mime: string;
  size_bytes: number;
  sha256: string;
  /** The bytes of a row not yet moved to the blob store (migration 0028); null once moved. */
  content: Buffer | null;
  /** The blob store's key (migrations/0028_attachment_store.sql). */
  storage_key: string | null;
  uploaded_ip: string | null;
  uploaded_at: Timestamp;
  attached_at: Timestamp | null;
  /** submitter: the portal submission's; staff: uploaded for a command (migrations/0035_handling_attachments.sql). */
  origin: Generated<'submitter' | 'staff'>;
  uploaded_by: number | null;
  /** The case a staff upload was made for (only usable there). */
  upload_case_id: number | null;
  /** The event that carried a staff upload (set by a trigger when the event is written). */
  event_seq: number | null;
  event_type: string | null;
  visibility: Generated<AttachmentVisibility>;
}

/** internal: staff with the case; submitter: also the submitter's tracking page; public: also the public board. */
export type AttachmentVisibility = 'internal' | 'submitter' | 'public';

export interface CaseTrackingTokensTable {
  token_hash: string;
  case_id: number;
  origin: 'submit' | 'lookup';
  created_at: Timestamp;
  last_used_at: Timestamp | null;
}

export interface PortalTables {
  case_attachments: CaseAttachmentsTable;
  case_tracking_tokens: CaseTrackingTokensTable;
}
