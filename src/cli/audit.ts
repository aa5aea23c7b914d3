import type { Kysely } from 'kysely';
import { describeMismatch } from '../domain/audit/row-check.js';
import type { DB } from '../server/db/schema.js';
import { verifyChains } from '../server/modules/audit/verify-chains.js';
import { verifyRows } from '../server/modules/audit/verify-rows.js';

export interface AuditIo {
  out(line: string): void;
  err(line: string): void;
}

/**
 * `yiwang audit verify`, also run after every restore: each case's event chain is intact, and its row and
 * assignments are what its events say. 0 when both hold, 2 naming the first broken chain or the differing fields.
 */
export async function auditVerify(db: Kysely<DB>, io: AuditIo): Promise<0 | 2> {
  const r = await verifyChains(db);
  if (r.firstBroken) {
    io.err(`事件链校验失败：诉求 ${r.firstBroken.code}（id ${r.firstBroken.caseId}）第 ${r.firstBroken.seq} 条事件：${r.firstBroken.reason}`);
    return 2;
  }
  io.out(`事件链完整：${r.casesChecked} 件诉求，${r.eventsChecked} 条事件。`);
  const rows = await verifyRows(db);
  if (rows.casesMismatched) {
    for (const m of rows.mismatches) io.err(describeMismatch(m.code, m));
    io.err(`记录与事件不符：${rows.casesMismatched} 件诉求（以上列出前 ${rows.mismatches.length} 处）。`);
    return 2;
  }
  io.out(`记录与事件一致：${rows.casesChecked} 件诉求。`);
  return 0;
}
