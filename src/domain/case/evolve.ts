import type { AssignmentOp, CasePatch, CaseSnapshot } from './types.js';

/**
 * Applies a decision's row patch and assignment operations to a snapshot in memory, the way the repository
 * applies them to rows. Used where histories are replayed without a database (demo data, test builders).
 */
export function evolve(s: CaseSnapshot, patch: CasePatch, ops: AssignmentOp[], newAssignmentId: () => number): void {
  if (patch.status) s.status = patch.status;
  if (patch.acceptedAt) s.acceptedAt = patch.acceptedAt;
  if (patch.leadDepartmentId !== undefined) s.leadDepartmentId = patch.leadDepartmentId;
  if (patch.round !== undefined) s.round = patch.round;
  if (patch.redoCount !== undefined) s.redoCount = patch.redoCount;
  if (patch.rating !== undefined) s.rating = patch.rating;
  if (patch.suspendedAt !== undefined) s.suspendedAt = patch.suspendedAt;
  if (patch.replyDeadline !== undefined) s.replyDeadline = patch.replyDeadline;
  if (patch.ratingDeadline !== undefined) s.ratingDeadline = patch.ratingDeadline;
  if (patch.pendingExtensionUntil !== undefined) s.pendingExtensionUntil = patch.pendingExtensionUntil;
  for (const op of ops) {
    if (op.op === 'create') {
      const a = op.assignment;
      s.assignments.push({
        id: newAssignmentId(), departmentId: a.departmentId, role: a.role, round: a.round, status: 'pending', signedAt: null,
        opinionAt: null, opinionDeadline: a.opinionDeadline, replyDeadline: a.replyDeadline, returnRequestedAt: null,
        parentId: a.parentId ?? null,
      });
    } else {
      const a = s.assignments.find((x) => x.id === op.id);
      if (!a) continue;
      const q = op.patch;
      if (q.status) a.status = q.status;
      if (q.signedAt) a.signedAt = q.signedAt;
      if (q.opinionAt) a.opinionAt = q.opinionAt;
      if (q.replyDeadline) a.replyDeadline = q.replyDeadline;
      if (q.opinionDeadline) a.opinionDeadline = q.opinionDeadline;
      if (q.returnRequestedAt !== undefined) a.returnRequestedAt = q.returnRequestedAt;
    }
  }
}
