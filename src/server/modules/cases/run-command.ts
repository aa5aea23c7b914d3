import type { Command } from '../../../domain/case/types.js';
import { statusGroups } from '../../../domain/case/status.js';
import { canSeeCase } from '../../../domain/access/permissions.js';
import { AppError } from '../../errors.js';
import type { AppDeps } from '../../deps.js';
import type { Actor } from '../../../domain/case/types.js';
import type { StaffUser, Tx } from '../../kernel/index.js';
import { actorsOf, decideAsAnyRole } from './actor.js';
import { applyAssignmentOps, lockCase, writeCaseChange } from './repository.js';
import { publishCaseChange } from './case-changes.js';
import { checkAttachmentRefs } from './attachment-refs.js';

/** Department ids named in a command must exist. */
export async function checkDepartments(tx: Tx, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  const found = await tx.selectFrom('departments').select('id').where('id', 'in', ids).execute();
  if (found.length !== new Set(ids).size) throw new AppError('DEPARTMENT_NOT_FOUND');
}

/** 二级派单 goes only to the units directly under the actor's department (a district's towns and streets). */
async function checkSubordinates(tx: Tx, parentId: number | null, ids: number[]): Promise<void> {
  await checkDepartments(tx, ids);
  const under = await tx.selectFrom('departments').select('id').where('id', 'in', ids).where('parent_id', '=', parentId ?? -1).execute();
  if (under.length !== new Set(ids).size) throw new AppError('SUB_DISPATCH_NOT_SUBORDINATE');
}

/** Facts decide() cannot see because they live in other rows. */
async function checkReferences(tx: Tx, caseId: number, cmd: Command, actor: Actor): Promise<void> {
  const byDepartment = actor.role === 'handler' || actor.role === 'head';
  switch (cmd.type) {
    case 'dispatch':
      return checkDepartments(tx, [cmd.leadDepartmentId, ...cmd.coDepartmentIds]);
    case 'sub-dispatch':
      return checkSubordinates(tx, actor.departmentId, [cmd.leadDepartmentId, ...cmd.coDepartmentIds]);
    case 'call-in':
      return checkDepartments(tx, [cmd.departmentId]);
    case 'approve-return':
      if (!cmd.newLeadDepartmentId) return;
      return byDepartment ? checkSubordinates(tx, actor.departmentId, [cmd.newLeadDepartmentId]) : checkDepartments(tx, [cmd.newLeadDepartmentId]);
    case 'merge': {
      if (cmd.duplicateOf === caseId) return;
      const target = await tx.selectFrom('cases').select(['status']).where('id', '=', cmd.duplicateOf).executeTakeFirst();
      const terminal: readonly string[] = statusGroups.terminal;
      if (!target || (terminal.includes(target.status) && target.status !== 'closed')) throw new AppError('MERGE_TARGET_INVALID');
      return;
    }
    default:
      return;
  }
}

/**
 * A merge links both ways: the case that keeps the handling track records what was merged into it, in its own
 * chain, so its timeline shows it and its submitter is told (as is the merged case's).
 */
async function recordMergeOnTarget(tx: Tx, targetId: number, merged: { id: number; code: string; title: string }, actor: Actor, now: Date): Promise<void> {
  const target = await tx.selectFrom('cases').select(['id', 'event_count', 'last_event_hash']).where('id', '=', targetId).forUpdate().executeTakeFirstOrThrow();
  await writeCaseChange(tx, target, {}, [{ type: 'case.merge_received', payload: { caseId: merged.id, code: merged.code, title: merged.title } }], actor, now);
}

/** Runs one lifecycle command: lock, authorize, decide, write row + assignments + events, all in one transaction. */
export async function runCommand(deps: AppDeps, user: StaffUser | null, caseId: number, cmd: Command, actorOverride?: Actor): Promise<void> {
  const actors = actorOverride ? [actorOverride] : actorsOf(user!);
  const now = deps.now();
  const dir = await deps.directory.ready();
  await deps.database.db.transaction().execute(async (tx) => {
    const locked = await lockCase(tx, caseId, (id) => dir.categoryKind(id));
    if (!locked) throw new AppError('CASE_NOT_FOUND');
    if (user && !canSeeCase(user.roles, user.departmentId, locked.assignments.map((a) => a.department_id))) {
      throw new AppError('CASE_NOT_FOUND');
    }
    const { decision: d, actor } = decideAsAnyRole(locked.snapshot, cmd, actors, { now, policy: deps.policy });
    if (!d.ok) throw new AppError(d.code);
    await checkReferences(tx, caseId, cmd, actor);
    if ('attachments' in cmd) await checkAttachmentRefs(tx, user, caseId, cmd.attachments);
    await applyAssignmentOps(tx, caseId, d.assignments);
    await writeCaseChange(tx, locked.row, d.patch, d.events, actor, now);
    if (cmd.type === 'merge') await recordMergeOnTarget(tx, cmd.duplicateOf, locked.row, actor, now);
  });
  await publishCaseChange(deps, caseId);
  if (cmd.type === 'merge') await publishCaseChange(deps, cmd.duplicateOf);
}
