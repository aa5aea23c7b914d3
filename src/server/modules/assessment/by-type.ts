import { sql } from 'kysely';
import type { CaseTypeBreakdown, CaseTypeBreakdownQuery } from '../../../contracts/assessment.js';
import { caseKinds, type CaseKind } from '../../../domain/case/status.js';
import { scorecards, type ScoredDepartment } from '../../../domain/assessment/scorecard.js';
import { AppError } from '../../errors.js';
import type { AppDeps } from '../../deps.js';
import type { StaffUser } from '../../kernel/index.js';
import { countRows, toCounts } from './counts.js';
import { checkDepartmentScope } from './drill.js';
import { getPeriodRow, periodOf } from './periods.js';
import { schemeVersion } from './scheme-store.js';

/**
 * A department's figures in a period by case type (诉求类型): the facts the snapshot counted (valid at its event
 * cursor, in the period, without excluded pairs), grouped by the case's type and scored by the period's scheme with
 * the same rate definitions as the scorecard, so the types' case counts add up to the department's.
 */
export async function byCaseType(deps: AppDeps, user: StaffUser, q: CaseTypeBreakdownQuery): Promise<CaseTypeBreakdown> {
  checkDepartmentScope(user, q.department);
  const { db } = deps.database;
  const period = await getPeriodRow(db, q.period);
  if (!period) throw new AppError('ASSESSMENT_PERIOD_NOT_FOUND', { period: q.period });
  const p = periodOf(q.period);
  const cursor = Number(period.event_cursor);
  const rows = await countRows(db, sql`
      SELECT array_position(${sql.val([...caseKinds])}::text[], c.case_type) AS department_id,
        f.measure, f.case_id, f.hit, f.responded, f.resolved, f.rating
      FROM assessment_facts f JOIN cases c ON c.id = f.case_id
      WHERE f.valid_from <= ${cursor} AND (f.valid_to IS NULL OR f.valid_to > ${cursor})
        AND f.department_id = ${q.department} AND f.at >= ${p.from} AND f.at < ${p.to} AND f.measure <> 'excluded'
        AND NOT EXISTS (
          SELECT 1 FROM assessment_facts x
          WHERE x.measure = 'excluded' AND x.case_id = f.case_id AND x.department_id = f.department_id
            AND x.valid_from <= ${cursor} AND (x.valid_to IS NULL OR x.valid_to > ${cursor}))`);
  // Each type is scored as if it were a unit of its own (its 1-based position in caseKinds is its key).
  const counts = toCounts(rows);
  const types: ScoredDepartment[] = caseKinds.map((k, i) => ({ id: i + 1, name: k, group: 'city', sortOrder: i }));
  const scheme = await schemeVersion(db, Number(period.scheme_version));
  const scored = scorecards(types, counts, scheme);
  return {
    period: q.period,
    departmentId: q.department,
    rows: scored.filter((r) => r.cases > 0).map((r) => ({
      caseType: r.departmentName as CaseKind, cases: r.cases, rates: r.rates, overdue: r.deductions.overdue,
    })),
  };
}
