import { sql } from 'kysely';
import type { DrillPage, DrillQuery } from '../../../contracts/assessment.js';
import { denominatorFact, type DrillMeasure, type ScorecardRow } from '../../../domain/assessment/scorecard.js';
import { AppError } from '../../errors.js';
import type { AppDeps } from '../../deps.js';
import { isDepartmentStaff, type StaffUser } from '../../kernel/index.js';
import { factsAsOf } from './facts-store.js';
import { getPeriodRow, periodOf } from './periods.js';


/** Department staff see their own department's figures and cases only; the office, leaders and admins all. */
export function checkDepartmentScope(user: StaffUser, departmentId: number): void {
  if (isDepartmentStaff(user) && user.departmentId !== departmentId) throw new AppError('FORBIDDEN');
}

/** The figure a drill-down list stands behind, read from the snapshot. */
export function figureOf(row: ScorecardRow | undefined, m: DrillMeasure, part: 'numerator' | 'denominator'): number {
  if (!row) return 0;
  if (m === 'cases') return row.cases;
  if (m in row.rates) return row.rates[m as keyof ScorecardRow['rates']][part];
  return part === 'numerator' ? row.deductions[m as keyof ScorecardRow['deductions']] : row.cases;
}

/**
 * The cases behind one figure: the facts valid at the snapshot's event cursor, in the period, of the department,
 * without excluded pairs — the same rows the run counted, so the list's length is the figure.
 */
export async function drillDown(deps: AppDeps, user: StaffUser, q: DrillQuery): Promise<DrillPage> {
  const p = periodOf(q.period);
  checkDepartmentScope(user, q.department);
  const { db } = deps.database;
  const period = await getPeriodRow(db, q.period);
  if (!period) throw new AppError('ASSESSMENT_PERIOD_NOT_FOUND', { period: q.period });
  const cursor = Number(period.event_cursor);
  const measure = q.measure as DrillMeasure;
  const factMeasure = denominatorFact(measure);

  let base = factsAsOf(db, cursor)
    .leftJoin('cases as c', 'c.id', 'f.case_id')
    .where('f.department_id', '=', q.department)
    .where('f.at', '>=', p.from).where('f.at', '<', p.to)
    .where('f.measure', '<>', 'excluded')
    .where(({ not, exists, selectFrom }) => not(exists(
      selectFrom('assessment_facts as x').select('x.id')
        .whereRef('x.case_id', '=', 'f.case_id').whereRef('x.department_id', '=', 'f.department_id')
        .where('x.measure', '=', 'excluded').where('x.valid_from', '<=', cursor)
        .where((eb) => eb.or([eb('x.valid_to', 'is', null), eb('x.valid_to', '>', cursor)])),
    )));

  const perCase = measure === 'cases' || (factMeasure === null && q.part === 'denominator');
  if (!perCase) {
    base = base.where('f.measure', '=', factMeasure ?? measure);
    if (q.part === 'numerator') {
      switch (measure) {
        case 'response': base = base.where('f.responded', '=', true); break;
        case 'resolution': base = base.where('f.resolved', '=', true); break;
        case 'satisfaction': base = base.where('f.rating', 'in', ['satisfied', 'basically']); break;
        case 'signing': case 'replying': base = base.where('f.hit', '=', true); break;
        default: break;
      }
    }
  }
  const grouped = base
    .select(['f.case_id', 'c.code', 'c.title', 'c.status'])
    .select(sql<Date>`min(f.at)`.as('at'))
    .select(sql<boolean | null>`bool_and(f.hit) FILTER (WHERE f.measure IN ('signing', 'replying'))`.as('on_time'))
    .select(sql<string | null>`max(f.rating)`.as('rating'))
    .groupBy(['f.case_id', 'c.code', 'c.title', 'c.status']);
  const [items, total] = await Promise.all([
    grouped.orderBy('at').orderBy('f.case_id').offset(q.offset).limit(q.limit).execute(),
    db.selectFrom(grouped.as('g')).select(db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const figures = period.figures as ScorecardRow[];
  const row = figures.find((r) => r.departmentId === q.department);
  const names = (await deps.directory.ready()).names();
  return {
    period: q.period, departmentId: q.department, departmentName: names.department(q.department) ?? '', measure: q.measure, part: q.part,
    figure: figureOf(row, measure, q.part), total: Number(total.n),
    items: items.map((r) => ({
      caseId: Number(r.case_id), code: r.code ?? `#${r.case_id}`, title: r.title ?? '', status: r.status ?? '', at: new Date(r.at).toISOString(),
      onTime: r.on_time ?? null, rating: r.rating ?? null, excluded: false,
    })),
  };
}
