import { sql } from 'kysely';
import type { PlatformFigures } from '../../../contracts/indicators.js';
import { percent, satisfactionRate } from '../../../domain/indicators/rates.js';
import { periodLabel, periodRange } from '../../../domain/indicators/period.js';
import type { AppDeps } from '../../deps.js';
import type { Tx } from '../../kernel/index.js';

// What the platform already knows about an indicator: the enterprise problems in the categories tagged with its code
// (a tagged group counts its leaves), received in the period. Rates use the definitions that exist: 满意率 as the
// dashboard counts it (case ratings), 响应率/解决率 as the assessment counts them (its follow-up facts).

/** Category ids tagged with the indicator's code, with the leaves of tagged groups. */
export async function categoriesOf(db: Tx, code: string): Promise<number[]> {
  const r = await sql<{ id: number }>`
    SELECT c.id FROM categories c
     WHERE ${code} = ANY(c.indicator_codes)
        OR c.parent_id IN (SELECT g.id FROM categories g WHERE ${code} = ANY(g.indicator_codes))`.execute(db);
  return r.rows.map((x) => x.id);
}

const instant = (date: string) => new Date(`${date}T00:00:00+08:00`);

export async function platformFigures(deps: AppDeps, code: string, period: string): Promise<PlatformFigures> {
  const db = deps.readDb;
  const categoryIds = await categoriesOf(db, code);
  const { from, until } = periodRange(period);
  const empty: PlatformFigures = {
    period, periodLabel: periodLabel(period), categoryIds, cases: 0, closed: 0, unsatisfied: 0, responseRate: null, resolutionRate: null,
    satisfactionRate: null, medianHandlingHours: null,
  };
  if (!categoryIds.length) return empty;
  const ids = JSON.stringify(categoryIds);
  const r = await sql<{ cases: number; closed: number; s: number; b: number; u: number; median: number | null }>`
    SELECT count(*)::int AS cases, count(closed_at)::int AS closed,
           count(*) FILTER (WHERE rating = 'satisfied')::int AS s, count(*) FILTER (WHERE rating = 'basically')::int AS b,
           count(*) FILTER (WHERE rating = 'unsatisfied')::int AS u,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM closed_at - created_at) / 3600) AS median
      FROM cases
     WHERE category_id IN (SELECT j.value::int FROM json_array_elements_text(${ids}::json) AS j)
       AND created_at >= ${instant(from)} AND created_at < ${instant(until)} AND status NOT IN ('merged', 'rejected')`.execute(db);
  const f = await sql<{ n: number; responded: number; resolved: number }>`
    SELECT count(DISTINCT f.case_id)::int AS n,
           count(DISTINCT f.case_id) FILTER (WHERE f.responded)::int AS responded,
           count(DISTINCT f.case_id) FILTER (WHERE f.resolved)::int AS resolved
      FROM assessment_facts f JOIN cases c ON c.id = f.case_id
     WHERE f.measure = 'followup'
       AND c.category_id IN (SELECT j.value::int FROM json_array_elements_text(${ids}::json) AS j)
       AND c.created_at >= ${instant(from)} AND c.created_at < ${instant(until)}`.execute(db);
  const x = r.rows[0];
  const y = f.rows[0];
  return {
    ...empty, cases: Number(x.cases), closed: Number(x.closed), unsatisfied: Number(x.u),
    satisfactionRate: satisfactionRate(Number(x.s), Number(x.b), Number(x.u)),
    responseRate: percent(Number(y.responded), Number(y.n)), resolutionRate: percent(Number(y.resolved), Number(y.n)),
    medianHandlingHours: x.median === null ? null : Math.round(Number(x.median) * 10) / 10,
  };
}
