import { allowedActions } from '../../../domain/case/decide.js';
import { canSeeCase } from '../../../domain/access/permissions.js';
import type { CaseDetail } from '../../../contracts/cases.js';
import { AppError } from '../../errors.js';
import type { AppDeps } from '../../deps.js';
import { actorsOf } from './actor.js';
import type { StaffUser } from '../../kernel/index.js';
import { presentDetail } from './presenter.js';
import { toSnapshot } from './repository.js';

/**
 * One case with its assignments, timeline and the actions this user may take now; CASE_NOT_FOUND when not visible.
 * The record comes from the per-process cache (no SQL when unchanged); only allowedActions is computed per request,
 * because it depends on the user and the time.
 */
export async function getCase(deps: AppDeps, user: StaffUser, id: number): Promise<CaseDetail> {
  const record = await deps.cases.get(deps.database.db, id);
  if (!record || !canSeeCase(user.roles, user.departmentId, record.assignments.map((a) => a.department_id))) throw new AppError('CASE_NOT_FOUND');
  const dir = await deps.directory.ready();
  if (record.presented?.directoryGeneration !== dir.generation) {
    record.presented = { directoryGeneration: dir.generation, detail: presentDetail(record.row, record.assignments, record.events, dir.names()) };
  }
  const kind = dir.categoryKind(record.row.category_id);
  // A person with several roles sees every command any of their roles may run (runCommand acts in that role).
  const snapshot = toSnapshot(record.row, kind, record.assignments);
  const allowed = new Set(actorsOf(user).flatMap((actor) => allowedActions(snapshot, actor, deps.now())));
  const actions = [...allowed];
  return { ...record.presented.detail, allowedActions: actions };
}
