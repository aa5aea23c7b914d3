import { sql } from 'kysely';
import { beijingDate } from '../../../domain/calendar/local-time.js';
import type { AppDeps } from '../../deps.js';
import { noticeUnits } from '../notifications/index.js';

// The daily look at the knowledge base: an approved entry past its validity, or whose basis another policy replaced,
// is flagged (once per reason: the row keeps the flag until a new version is approved) and its owner unit's heads
// and handlers get a notice. Idempotent: a second run the same day finds nothing new.

export const knowledgeFlagNotice = 'knowledge.flagged';

export async function sweepKnowledge(deps: AppDeps): Promise<{ flagged: number }> {
  const now = deps.now();
  const today = beijingDate(now);
  const flagged = await deps.database.db.transaction().execute(async (tx) => {
    const { rows } = await sql<{ id: number; owner_unit_id: number; question: string; flag: 'expired' | 'replaced'; valid_to: string | null; basis_replaced_by: string | null }>`
      UPDATE knowledge_entries e SET flag = x.flag, flagged_at = ${now}
      FROM (
        SELECT id, CASE WHEN valid_to < ${today} THEN 'expired' ELSE 'replaced' END AS flag
        FROM knowledge_entries
        WHERE published_version IS NOT NULL AND (valid_to < ${today} OR basis_replaced_by IS NOT NULL)
      ) x
      WHERE e.id = x.id AND e.flag IS DISTINCT FROM x.flag
      RETURNING e.id, e.owner_unit_id, e.question, e.flag, e.valid_to, e.basis_replaced_by`.execute(tx);
    return rows;
  });
  // After commit: the notices are a side effect of the flag, never part of its transaction.
  await noticeUnits(deps, flagged.map((r) => ({
    unitId: r.owner_unit_id, type: knowledgeFlagNotice, link: `/knowledge/${r.id}`,
    title: r.flag === 'expired' ? '知识条目已过有效期' : '知识条目的政策依据已被替代',
    body: r.flag === 'expired'
      ? `「${r.question}」有效期至 ${r.valid_to ?? ''}，已不再向受理台和门户提供，请更新或停用。`
      : `「${r.question}」引用的政策已被 ${r.basis_replaced_by ?? ''} 替代，请核对答复并提交新版本。`,
  })));
  return { flagged: flagged.length };
}
