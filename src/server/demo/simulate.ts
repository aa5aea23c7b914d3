import { decide } from '../../domain/case/decide.js';
import type { Actor, AssignmentOp, CasePatch, CaseSnapshot, Command, DeadlinePolicy, NewEvent } from '../../domain/case/types.js';
import type { CaseKind, Urgency } from '../../domain/case/status.js';

/** One case played through decide() in memory, so every demo case is a legal history. */
export interface SimAssignment {
  id: number;
  departmentId: number;
  role: 'lead' | 'co';
  round: number;
  status: 'pending' | 'signed' | 'done' | 'returned' | 'cancelled';
  dispatchedAt: Date;
  signDeadline: Date;
  signedAt: Date | null;
  opinionDeadline: Date | null;
  opinion: string | null;
  opinionAt: Date | null;
  replyDeadline: Date | null;
  returnReason: string | null;
  returnBasis: string | null;
  returnRequestedAt: Date | null;
  closedAt: Date | null;
}

export interface SimEvent extends NewEvent {
  seq: number;
  at: Date;
  actor: Actor;
}

export class SimCase {
  row: Record<string, unknown> & CasePatch;
  snapshot: CaseSnapshot;
  assignments: SimAssignment[] = [];
  events: SimEvent[] = [];

  constructor(
    readonly id: number,
    kind: CaseKind,
    urgency: Urgency,
    private readonly nextAssignmentId: () => number,
    private readonly policy: DeadlinePolicy,
  ) {
    this.row = { status: 'submitted' };
    this.snapshot = {
      id, status: 'submitted', kind, urgency, acceptedAt: null, leadDepartmentId: null, round: 0, redoCount: 0, rating: null,
      suspendedAt: null, replyDeadline: null, ratingDeadline: null, pendingExtensionUntil: null, assignments: [],
    };
  }

  get status() {
    return this.snapshot.status;
  }

  record(type: string, payload: Record<string, unknown>, actor: Actor, at: Date) {
    this.events.push({ type, payload, actor, at, seq: this.events.length + 1 });
  }

  /** Applies a command at `at`; throws when decide() refuses, because demo histories must be legal. */
  run(cmd: Command, actor: Actor, at: Date): void {
    const d = decide(this.snapshot, cmd, actor, { now: at, policy: this.policy });
    if (!d.ok) throw new Error(`demo case ${this.id}: ${cmd.type} refused with ${d.code} in ${this.snapshot.status}`);
    Object.assign(this.row, d.patch);
    this.applyAssignments(d.assignments);
    for (const e of d.events) this.record(e.type, e.payload, actor, at);
    const p = d.patch;
    const s = this.snapshot;
    if (p.status) s.status = p.status;
    if (p.acceptedAt) s.acceptedAt = p.acceptedAt;
    if (p.leadDepartmentId !== undefined) s.leadDepartmentId = p.leadDepartmentId;
    if (p.round !== undefined) s.round = p.round;
    if (p.redoCount !== undefined) s.redoCount = p.redoCount;
    if (p.rating !== undefined) s.rating = p.rating;
    if (p.suspendedAt !== undefined) s.suspendedAt = p.suspendedAt;
    if (p.replyDeadline !== undefined) s.replyDeadline = p.replyDeadline;
    if (p.ratingDeadline !== undefined) s.ratingDeadline = p.ratingDeadline;
    if (p.pendingExtensionUntil !== undefined) s.pendingExtensionUntil = p.pendingExtensionUntil;
    s.assignments = this.assignments.map((a) => ({
      id: a.id, departmentId: a.departmentId, role: a.role, round: a.round, status: a.status, signedAt: a.signedAt,
      opinionAt: a.opinionAt, opinionDeadline: a.opinionDeadline, replyDeadline: a.replyDeadline, returnRequestedAt: a.returnRequestedAt,
    }));
  }

  private applyAssignments(ops: AssignmentOp[]) {
    for (const op of ops) {
      if (op.op === 'create') {
        const a = op.assignment;
        this.assignments.push({
          id: this.nextAssignmentId(), departmentId: a.departmentId, role: a.role, round: a.round, status: 'pending',
          dispatchedAt: a.dispatchedAt, signDeadline: a.signDeadline, signedAt: null, opinionDeadline: a.opinionDeadline, opinion: null,
          opinionAt: null, replyDeadline: a.replyDeadline, returnReason: null, returnBasis: null, returnRequestedAt: null, closedAt: null,
        });
      } else {
        const target = this.assignments.find((x) => x.id === op.id)!;
        Object.assign(target, op.patch);
      }
    }
  }

  /** The current-round assignment of a department. */
  assignmentOf(departmentId: number) {
    return this.assignments.find((a) => a.departmentId === departmentId && a.round === this.snapshot.round && a.status !== 'returned');
  }
}
