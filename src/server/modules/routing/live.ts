import { sql } from 'kysely';
import type { LiveFigures } from '../../../contracts/routing.js';
import type { Tx } from '../../kernel/index.js';

// How the router did on the last weeks' real public submissions (routing_decisions against the cases as they are
// now): what the model dispatched and whether it is still with that department (kept) or was moved (corrected: a
// return approved, a re-dispatch), and, for those left to the desk, whether the desk took the model's first
// suggestion. Weeks start on Monday, Beijing time.

export async function liveFigures(db: Tx, now: Date, weeks = 8): Promise<LiveFigures> {
  const since = new Date(now.getTime() - weeks * 7 * 86_400_000);
  const rows = await db.selectFrom('routing_decisions as d')
    .innerJoin('cases as c', 'c.id', 'd.case_id')
    .select([
      sql<string>`to_char(date_trunc('week', d.decided_at AT TIME ZONE 'Asia/Shanghai'), 'YYYY-MM-DD')`.as('week'),
      sql<number>`count(*)`.as('submissions'),
      sql<number>`count(*) FILTER (WHERE d.source = 'model' AND d.dispatched)`.as('model_dispatched'),
      sql<number>`count(*) FILTER (WHERE d.source = 'model' AND d.dispatched AND c.lead_department_id = d.lead_department_id)`.as('model_kept'),
      sql<number>`count(*) FILTER (WHERE d.source = 'model' AND d.dispatched AND c.lead_department_id IS DISTINCT FROM d.lead_department_id)`.as('model_corrected'),
      sql<number>`count(*) FILTER (WHERE d.source = 'model' AND NOT d.dispatched AND c.lead_department_id = (d.suggestions->0->>'departmentId')::int)`.as('taken'),
      sql<number>`count(*) FILTER (WHERE d.source = 'model' AND NOT d.dispatched AND c.lead_department_id IS NOT NULL AND c.lead_department_id <> (d.suggestions->0->>'departmentId')::int)`.as('not_taken'),
      sql<number>`count(*) FILTER (WHERE d.source = 'rule' AND d.dispatched)`.as('by_rule'),
    ])
    .where('d.decided_at', '>=', since)
    .groupBy(sql`1`)
    .orderBy(sql`1`)
    .execute();
  return {
    weeks: rows.map((r) => ({
      weekStart: r.week, submissions: Number(r.submissions), modelDispatched: Number(r.model_dispatched), modelKept: Number(r.model_kept),
      modelCorrected: Number(r.model_corrected), suggestedTaken: Number(r.taken), suggestedNotTaken: Number(r.not_taken), byRule: Number(r.by_rule),
    })),
  };
}
