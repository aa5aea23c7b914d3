import { canSeeCase } from '../../../domain/access/permissions.js';
import type { CrossingList } from '../../../contracts/sla.js';
import { AppError } from '../../errors.js';
import type { AppDeps } from '../../deps.js';
import type { StaffUser } from '../../kernel/index.js';

/** The crossings of one case, oldest first; CASE_NOT_FOUND when the case does not exist or is not visible. */
export async function findCrossings(deps: AppDeps, user: StaffUser, caseId: number): Promise<CrossingList> {
  const { db } = deps.database;
  const row = await db.selectFrom('cases').select(['id', 'warning_level']).where('id', '=', caseId).executeTakeFirst();
  if (!row) throw new AppError('CASE_NOT_FOUND');
  const departments = await db.selectFrom('assignments').select('department_id').where('case_id', '=', caseId).execute();
  if (!canSeeCase(user.roles, user.departmentId, departments.map((d) => d.department_id))) throw new AppError('CASE_NOT_FOUND');
  const rows = await db.selectFrom('sla_crossings').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
  const names = (await deps.directory.ready()).names();
  return {
    caseId,
    warningLevel: row.warning_level,
    items: rows.map((r) => ({
      id: r.id, caseId: r.case_id, assignmentId: r.assignment_id, departmentId: r.department_id,
      departmentName: names.department(r.department_id), clock: r.clock, level: r.level,
      deadline: r.deadline.toISOString(), crossedAt: r.crossed_at.toISOString(),
    })),
  };
}
