import { sql, type RawBuilder } from 'kysely';
import { emptyCounts, type DepartmentCounts, type ScoredDepartment } from '../../../domain/assessment/scorecard.js';
import type { Tx } from '../../kernel/index.js';
import { isAssessedKind } from '../../../domain/org/units.js';
import { periodUnitHistory } from './unit-history.js';

export interface CountRow {
  department_id: number;
  measure: string | null;
  n: number;
  cases: number;
  hits: number;
  responded: number;
  resolved: number;
  satisfied: number;
  basically: number;
}

/**
 * Per-department counts of the current facts in [from, to), leaving out excluded case–department pairs: one scan
 * of the period's facts through the partial index on `at`, hashed twice (by department and measure, and by
 * department for the distinct cases). Measured faster on PGlite than one sorted GROUPING SETS with a DISTINCT.
 */
export async function countCurrentFacts(db: Tx, from: Date, to: Date): Promise<Map<number, DepartmentCounts>> {
  return toCounts(await countRows(db, sql`
      SELECT f.department_id, f.measure, f.case_id, f.hit, f.responded, f.resolved, f.rating
      FROM assessment_facts f
      WHERE f.valid_to IS NULL AND f.at >= ${from} AND f.at < ${to} AND f.measure <> 'excluded'
        AND NOT EXISTS (
          SELECT 1 FROM assessment_facts x
          WHERE x.measure = 'excluded' AND x.valid_to IS NULL AND x.case_id = f.case_id AND x.department_id = f.department_id)`));
}

/**
 * The count rows of a set of facts (`department_id, measure, case_id, hit, responded, resolved, rating`; the key in
 * `department_id` may be any integer the caller groups by): per key and measure, and the distinct cases per key.
 */
export async function countRows(db: Tx, facts: RawBuilder<unknown>): Promise<CountRow[]> {
  const { rows } = await sql<CountRow>`
    WITH f AS MATERIALIZED (${facts})
    SELECT department_id, measure, count(*) AS n, NULL::bigint AS cases,
      count(*) FILTER (WHERE hit) AS hits,
      count(*) FILTER (WHERE responded) AS responded,
      count(*) FILTER (WHERE resolved) AS resolved,
      count(*) FILTER (WHERE rating = 'satisfied') AS satisfied,
      count(*) FILTER (WHERE rating = 'basically') AS basically
    FROM f GROUP BY department_id, measure
    UNION ALL
    SELECT department_id, NULL, 0, count(*), 0, 0, 0, 0, 0
    FROM (SELECT DISTINCT department_id, case_id FROM f) d GROUP BY department_id`.execute(db);
  return rows.map((r) => ({ ...r, department_id: Number(r.department_id) }));
}

export function toCounts(rows: CountRow[]): Map<number, DepartmentCounts> {
  const out = new Map<number, DepartmentCounts>();
  for (const r of rows) {
    let c = out.get(r.department_id);
    if (!c) out.set(r.department_id, (c = emptyCounts()));
    const n = Number(r.n);
    switch (r.measure) {
      case null: c.cases = Number(r.cases); break;
      case 'followup':
        c.followups = n; c.responded = Number(r.responded); c.resolved = Number(r.resolved);
        c.satisfied = Number(r.satisfied); c.basically = Number(r.basically);
        break;
      case 'signing': c.signing = n; c.signingOnTime = Number(r.hits); break;
      case 'replying': c.replying = n; c.replyingOnTime = Number(r.hits); break;
      case 'overdue': case 'yellow': case 'red': case 'refused_return': case 'redo': c[r.measure] = n; break;
      default: break;
    }
  }
  return out;
}

/**
 * The departments a scorecard lists: every active city department, district and park, plus any with facts. With a
 * period, a unit renamed or merged into during it carries that history in its name (unit-history.ts).
 */
export async function scoredDepartments(db: Tx, withFacts: Iterable<number>, period?: { from: Date; to: Date }): Promise<ScoredDepartment[]> {
  const notes = period ? await periodUnitHistory(db, period.from, period.to) : new Map<number, string>();
  const ids = [...withFacts];
  const rows = await db.selectFrom('departments').select(['id', 'name', 'dept_group', 'sort_order', 'kind', 'is_active'])
    .orderBy('sort_order').orderBy('id').execute();
  const wanted = new Set(ids);
  return rows
    .filter((d) => wanted.has(d.id) || (d.is_active && isAssessedKind(d.kind)))
    .map((d) => ({ id: d.id, name: d.name + (notes.get(d.id) ?? ''), group: d.dept_group, sortOrder: d.sort_order }));
}
