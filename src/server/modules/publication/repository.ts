import { sql } from 'kysely';
import type { Tx } from '../../kernel/index.js';
import type { PublicationRow } from '../../db/schema-publication.js';

// All SQL that writes or locks case_publications (the board's reads are in board-queries.ts, the queue's in queue.ts).

export async function lockPublication(tx: Tx, caseId: number): Promise<PublicationRow | undefined> {
  return tx.selectFrom('case_publications').selectAll().where('case_id', '=', caseId).forUpdate().executeTakeFirst();
}

export interface ApprovedValues {
  publicTitle: string;
  publicDescription: string;
  publicReply: string | null;
  replySourceAt: Date | null;
  publicName: string | null;
  maskEnterprise: boolean;
  redactions: string[];
  lexemes: string[];
  reviewer: number;
  now: Date;
  firstPublication: boolean;
  /** Reply files kept off the board. */
  withheld: number[];
}

export async function writeApproval(tx: Tx, caseId: number, v: ApprovedValues): Promise<void> {
  await sql`
    UPDATE case_publications SET
      status = 'approved', public_title = ${v.publicTitle}, public_description = ${v.publicDescription},
      public_reply = ${v.publicReply}, reply_source_at = ${v.replySourceAt}, reply_pending = false,
      public_name = ${v.publicName}, mask_enterprise = ${v.maskEnterprise}, redactions = ${JSON.stringify(v.redactions)}::jsonb,
      search_vector = array_to_tsvector(${v.lexemes}::text[]), reason = NULL,
      withheld_attachments = ${JSON.stringify(v.withheld)}::jsonb,
      reviewed_by = ${v.reviewer}, reviewed_at = ${v.now},
      published_at = CASE WHEN ${v.firstPublication} THEN ${v.now} ELSE published_at END,
      updated_at = ${v.now}, version = version + 1
    WHERE case_id = ${caseId}`.execute(tx);
}

export async function writeDecision(tx: Tx, caseId: number, status: 'rejected' | 'withdrawn', reason: string, reviewer: number, now: Date): Promise<void> {
  await tx.updateTable('case_publications')
    .set({ status, reason, reply_pending: false, reviewed_by: reviewer, reviewed_at: now, updated_at: now })
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('case_id', '=', caseId)
    .execute();
}
