import { decide } from '../../domain/case/decide.js';
import { evolve } from '../../domain/case/evolve.js';
import type { Actor, CasePatch, CaseSnapshot, Command, DeadlinePolicy, NewEvent } from '../../domain/case/types.js';
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
  parentId: number | null;
}

export type SimEvent = NewEvent & {
  seq: number;
  at: Date;
  actor: Actor;
};

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

  record(event: NewEvent, actor: Actor, at: Date) {
    this.events.push({ ...event, actor, at, seq: this.events.length + 1 });
  }

  /** Applies a command at `at`; throws when decide() refuses, because demo histories must be legal. */
  run(cmd: Command, actor: Actor, at: Date): void {
    const d = decide(this.snapshot, cmd, actor, { now: at, policy: this.policy });
    if (!d.ok) throw new Error(`demo case ${this.id}: ${cmd.type} refused with ${d.code} in ${this.snapshot.status}`);
    Object.assign(this.row, d.patch);
    const before = this.snapshot.assignments.length;
    evolve(this.snapshot, d.patch, d.assignments, this.nextAssignmentId);
    for (const e of d.events) this.record(e, actor, at);
    // Full assignment rows for the bulk insert, kept beside the snapshot's slimmer view.
    for (const a of this.snapshot.assignments.slice(before)) {
      const created = d.assignments.find((op) => op.op === 'create' && op.assignment.departmentId === a.departmentId && op.assignment.round === a.round);
      const n = created?.op === 'create' ? created.assignment : undefined;
      this.assignments.push({
        id: a.id, departmentId: a.departmentId, role: a.role, round: a.round, status: 'pending', dispatchedAt: n?.dispatchedAt ?? at,
        signDeadline: n?.signDeadline ?? at, signedAt: null, opinionDeadline: a.opinionDeadline, opinion: null, opinionAt: null,
        replyDeadline: a.replyDeadline, returnReason: null, returnBasis: null, returnRequestedAt: null, closedAt: null,
        parentId: a.parentId,
      });
    }
    for (const op of d.assignments) if (op.op === 'update') Object.assign(this.assignments.find((x) => x.id === op.id)!, op.patch);
  }

  /** The current-round assignment of a department. */
  assignmentOf(departmentId: number) {
    return this.assignments.find((a) => a.departmentId === departmentId && a.round === this.snapshot.round && a.status !== 'returned' && a.status !== 'cancelled');
  }
}
