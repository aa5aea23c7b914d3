import type { Kysely, Selectable } from 'kysely';
import type { PolicyRule } from '../../../domain/sla/policy.js';
import type { TimeLimitPoliciesTable } from '../../db/schema-calendar.js';
import type { DB } from '../../db/schema.js';

export type PolicyRow = Selectable<TimeLimitPoliciesTable>;

export function toRule(row: PolicyRow): PolicyRule {
  return {
    categoryId: row.category_id,
    caseType: row.case_type ?? null,
    urgency: row.urgency,
    sign: { value: Number(row.sign_limit), unit: row.sign_unit },
    opinion: { value: Number(row.opinion_limit), unit: row.opinion_unit },
    reply: { value: Number(row.reply_limit), unit: row.reply_unit },
    rating: { value: Number(row.rating_limit), unit: row.rating_unit },
    warningShare: Number(row.warning_share),
  };
}

/** The current (latest, not deleted) rule of every category and urgency that has one. */
export async function loadCurrentRules(db: Kysely<DB>): Promise<PolicyRule[]> {
  const rows = await db.selectFrom('time_limit_policies').selectAll().where('superseded_at', 'is', null).where('deleted', '=', false).execute();
  return rows.map(toRule);
}
