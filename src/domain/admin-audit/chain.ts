import { createHash } from 'node:crypto';
import { canonicalJson } from '../audit/chain.js';

/** The content of an admin audit row that its hash covers. */
export interface AdminEntryContent {
  seq: number;
  at: Date;
  actorUserId: number | null;
  actorName: string;
  address: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  targetName: string | null;
  before: unknown;
  after: unknown;
}

/** hash = sha256(prevHash + '\n' + canonical content), hex; the first row has prevHash ''. Same scheme as case events. */
export function adminEntryHash(prevHash: string, c: AdminEntryContent): string {
  const { seq, at, actorUserId, actorName, address, action, targetType, targetId, targetName, before, after } = c;
  const body = canonicalJson({
    seq, at: at.toISOString(), actorUserId, actorName, address, action, targetType, targetId, targetName,
    before: before ?? null, after: after ?? null,
  });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

export interface AdminChainRow extends AdminEntryContent {
  prevHash: string;
  hash: string;
}

/**
 * Checks rows in seq order continuing from (`startSeq`, `startHash`): index of the first row whose number, link or
 * hash does not hold, or -1 when they all do.
 */
export function firstBrokenAdminLink(rows: readonly AdminChainRow[], startSeq = 0, startHash = ''): number {
  let prev = startHash;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (r.seq !== startSeq + i + 1 || r.prevHash !== prev || adminEntryHash(prev, r) !== r.hash) return i;
    prev = r.hash;
  }
  return -1;
}
