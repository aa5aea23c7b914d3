import { allowedActions } from '../../../domain/case/decide.js';
import { canSeeCase } from '../../../domain/access/permissions.js';
import type { CaseDetail } from '../../../contracts/cases.js';
import { AppError } from '../../errors.js';
import type { AppDeps } from '../../deps.js';
import type { Directory } from '../org/directory.js';
import { actorOf, type StaffUser } from './actor.js';
import { presentDetail } from './presenter.js';
import { toSnapshot } from './repository.js';

/** One case with its assignments, timeline and the actions this user may take now; CASE_NOT_FOUND when not visible. */
export async function getCase(deps: AppDeps, directory: Directory, user: StaffUser, id: number): Promise<CaseDetail> {
  const { db } = deps.database;
  const row = await db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('CASE_NOT_FOUND');
  const [assignments, events] = await Promise.all([
    db.selectFrom('assignments').selectAll().where('case_id', '=', id).orderBy('id').execute(),
    db.selectFrom('case_events').selectAll().where('case_id', '=', id).orderBy('seq').execute(),
  ]);
  if (!canSeeCase(user.role, user.departmentId, assignments.map((a) => a.department_id))) throw new AppError('CASE_NOT_FOUND');
  const dir = await directory.ready();
  const kind = dir.categories.find((c) => c.id === row.category_id)?.kind ?? 'complaint';
  const actions = allowedActions(toSnapshot(row, kind, assignments), actorOf(user), deps.now());
  return presentDetail(row, assignments, events, actions, dir.names());
}
