import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

// Facts for assessment (h-ledger's sections), derived from the suggestions' hash-chained events so that a recount
// from the event record gives the same figures. Months are Beijing months ('YYYY-MM').

export interface ReplyTimelinessRow {
  departmentId: number;
  month: string;
  /** Letters of the first round replied in the month (re-handling letters are not counted again). */
  replied: number;
  onTime: number;
  late: number;
}

/** Replies on time per answering unit and month, from `suggestion.replied` events (round 1) in [from, to). */
export async function replyTimeliness(db: Kysely<DB>, range: { from: Date; to: Date }): Promise<ReplyTimelinessRow[]> {
  const rows = await db.selectFrom('suggestion_events as e')
    .select([
      sql<number>`(e.payload->>'departmentId')::int`.as('department_id'),
      sql<string>`to_char(e.at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')`.as('month'),
      sql<number>`count(*)::int`.as('replied'),
      sql<number>`count(*) FILTER (WHERE (e.payload->>'isLate')::boolean)::int`.as('late'),
    ])
    .where('e.type', '=', 'suggestion.replied').where(sql<boolean>`(e.payload->>'round')::int = 1`)
    .where('e.at', '>=', range.from).where('e.at', '<', range.to)
    .groupBy(['department_id', 'month']).orderBy('month').orderBy('department_id').execute();
  return rows.map((r) => ({ departmentId: r.department_id, month: r.month, replied: r.replied, late: r.late, onTime: r.replied - r.late }));
}

export interface SatisfactionRow {
  departmentId: number;
  month: string;
  satisfied: number;
  basically: number;
  unsatisfied: number;
}

/**
 * The proposers' final ratings per answering unit (主办 / 分办) and month, from `suggestion.rated` events with
 * final = true in [from, to). A 不满意 that started re-handling is not final and is not counted.
 */
export async function proposerSatisfaction(db: Kysely<DB>, range: { from: Date; to: Date }): Promise<SatisfactionRow[]> {
  const rows = await db.selectFrom('suggestion_events as e')
    .innerJoin('suggestion_units as u', (j) => j.onRef('u.suggestion_id', '=', 'e.suggestion_id').on('u.role', '!=', 'co'))
    .select([
      'u.department_id',
      sql<string>`to_char(e.at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')`.as('month'),
      sql<number>`count(*) FILTER (WHERE e.payload->>'rating' = 'satisfied')::int`.as('satisfied'),
      sql<number>`count(*) FILTER (WHERE e.payload->>'rating' = 'basically')::int`.as('basically'),
      sql<number>`count(*) FILTER (WHERE e.payload->>'rating' = 'unsatisfied')::int`.as('unsatisfied'),
    ])
    .where('e.type', '=', 'suggestion.rated').where(sql<boolean>`(e.payload->>'final')::boolean`)
    .where('e.at', '>=', range.from).where('e.at', '<', range.to)
    .groupBy(['u.department_id', 'month']).orderBy('month').orderBy('u.department_id').execute();
  return rows.map((r) => ({ departmentId: r.department_id, month: r.month, satisfied: r.satisfied, basically: r.basically, unsatisfied: r.unsatisfied }));
}

/** The suggestions behind a unit's figures in a range (drill-down): id, label parts, title, final rating, late. */
export async function suggestionsOfUnit(db: Kysely<DB>, departmentId: number, range: { from: Date; to: Date }) {
  return db.selectFrom('suggestions as s').innerJoin('suggestion_units as u', 'u.suggestion_id', 's.id')
    .select(['s.id', 's.kind', 's.term', 's.session_no', 's.number', 's.title', 's.status', 's.rating', 's.is_late', 's.class'])
    .where('u.department_id', '=', departmentId).where('u.role', '!=', 'co')
    .where('s.assigned_at', '>=', range.from).where('s.assigned_at', '<', range.to).orderBy('s.id').execute();
}
