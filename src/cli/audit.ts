import type { Kysely } from 'kysely';
import { describeMismatch } from '../domain/audit/row-check.js';
import type { DB } from '../server/db/schema.js';
import { verifyChains } from '../server/modules/audit/verify-chains.js';
import { verifyRows } from '../server/modules/audit/verify-rows.js';
import { verifyAdminChain } from '../server/modules/admin-audit/index.js';
import { verifySuggestionChains } from '../server/modules/suggestions/index.js';
import { verifyItemChains } from '../server/modules/items/index.js';

export interface AuditIo {
  out(line: string): void;
  err(line: string): void;
}

/**
 * `yiwang audit verify`, also run after every restore: each case's event chain is intact, and its row and
 * assignments are what its events say; the administrative audit trail and every suggestion's chain are intact. 0 when both hold, 2 naming the first broken chain or the differing fields.
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
  const items = await verifyItemChains(db);
  if (items.firstBroken) {
    io.err(`事件链校验失败：督办事项 ${items.firstBroken.code}（id ${items.firstBroken.itemId}）第 ${items.firstBroken.seq} 条事件：${items.firstBroken.reason}`);
    return 2;
  }
  io.out(`督办事项事件链完整：${items.itemsChecked} 项，${items.eventsChecked} 条事件。`);
  const admin = await verifyAdminChain(db);
  if (admin.firstBroken) {
    io.err(`安全审计日志校验失败：第 ${admin.firstBroken.seq} 条：${admin.firstBroken.reason}`);
    return 2;
  }
  io.out(`安全审计日志完整：${admin.entriesChecked} 条管理操作。`);
  const sug = await verifySuggestionChains(db);
  if (sug.firstBroken) {
    io.err(`建议提案事件链校验失败：${sug.firstBroken.label}（id ${sug.firstBroken.suggestionId}）第 ${sug.firstBroken.seq} 条事件：${sug.firstBroken.reason}`);
    return 2;
  }
  io.out(`建议提案事件链完整：${sug.suggestionsChecked} 件建议提案，${sug.eventsChecked} 条事件。`);
  return 0;
}
