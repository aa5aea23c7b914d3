import type { Kysely } from 'kysely';
import { firstBrokenAdminLink, type AdminChainRow } from '../../../domain/admin-audit/chain.js';
import type { DB } from '../../db/schema.js';

export interface AdminChainReport {
  entriesChecked: number;
  /** The first row whose number, link or hash does not hold, or the head that does not match the last row. */
  firstBroken: { seq: number; reason: string } | null;
}

/** Recomputes the administrative audit chain from its first row to the head, in pages. */
export async function verifyAdminChain(db: Kysely<DB>, batch = 2000): Promise<AdminChainReport> {
  let seq = 0;
  let hash = '';
  let checked = 0;
  for (;;) {
    const rows = await db.selectFrom('admin_audit').selectAll().where('seq', '>', seq).orderBy('seq').limit(batch).execute();
    if (rows.length === 0) break;
    const chain: AdminChainRow[] = rows.map((r) => ({
      seq: r.seq, at: r.at, actorUserId: r.actor_user_id, actorName: r.actor_name, address: r.address, action: r.action,
      targetType: r.target_type, targetId: r.target_id, targetName: r.target_name, before: r.before, after: r.after,
      prevHash: r.prev_hash, hash: r.hash,
    }));
    const broken = firstBrokenAdminLink(chain, seq, hash);
    if (broken >= 0) return { entriesChecked: checked + broken, firstBroken: { seq: seq + broken + 1, reason: 'entry altered, removed or reordered' } };
    checked += chain.length;
    seq = chain[chain.length - 1].seq;
    hash = chain[chain.length - 1].hash;
  }
  const head = await db.selectFrom('admin_audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
  if (!head || head.seq !== seq || head.hash !== hash) return { entriesChecked: checked, firstBroken: { seq: seq + 1, reason: 'entries missing at the end of the chain' } };
  return { entriesChecked: checked, firstBroken: null };
}
