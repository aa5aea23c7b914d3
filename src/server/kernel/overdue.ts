import { sql, type RawBuilder } from 'kysely';
import { overdueStatuses } from '../../domain/sla/overdue.js';

// The SQL form of the domain's one definition of 超期 (src/domain/sla/overdue.ts), for every area that counts or
// lists overdue cases: the case list's 已超期 view, the dashboard's 当前超期在办, the supervision centre's filter.
// Written against a `cases` table reference named `cases`.

const statuses = sql.join(overdueStatuses.map((s) => sql.lit(s)));

/** Overdue city-wide, or — given a department — the department's own clock is red. */
export function overdueCaseSql(departmentId: number | null | undefined): RawBuilder<boolean> {
  if (departmentId == null) {
    return sql<boolean>`(cases.warning_level = 'red' AND cases.status IN (${statuses}) AND cases.suspended_at IS NULL)`;
  }
  return sql<boolean>`(cases.status IN (${statuses}) AND cases.suspended_at IS NULL AND EXISTS (
    SELECT 1 FROM assignments oa JOIN assignment_sla os ON os.assignment_id = oa.id
     WHERE oa.case_id = cases.id AND oa.department_id = ${departmentId} AND oa.status IN ('pending', 'signed') AND os.level = 'red'))`;
}

/** The clock that made a case overdue (the first red one, of the department when given), for the lists' words. */
export function overdueClockSql(departmentId: number | null | undefined): RawBuilder<'sign' | 'opinion' | 'reply' | null> {
  const dept = departmentId == null ? sql`` : sql`AND oc.department_id = ${departmentId}`;
  return sql<'sign' | 'opinion' | 'reply' | null>`(SELECT os.clock FROM assignments oc JOIN assignment_sla os ON os.assignment_id = oc.id
     WHERE oc.case_id = cases.id AND oc.status IN ('pending', 'signed') AND os.level = 'red' ${dept} ORDER BY oc.id LIMIT 1)`;
}
