import { decide } from '../../src/domain/case/decide.js';
import { evolve } from '../../src/domain/case/evolve.js';
import { defaultCalendar } from '../../src/domain/calendar/index.js';
import { deadlinePolicy } from '../../src/domain/sla/policy.js';
import type { Actor, CaseSnapshot, Command } from '../../src/domain/case/types.js';

export const policy = deadlinePolicy(defaultCalendar);
export const dept = { desk: 1, office: 2, government: 3, lead: 10, co: 20, other: 30, newLead: 40, town: 50, town2: 51 } as const;

export const actors = {
  intake: { userId: 1, role: 'intake', departmentId: dept.desk },
  supervisor: { userId: 2, role: 'supervisor', departmentId: dept.office },
  leader: { userId: 3, role: 'leader', departmentId: dept.government },
  admin: { userId: 4, role: 'admin', departmentId: dept.office },
  leadHandler: { userId: 10, role: 'handler', departmentId: dept.lead },
  leadHead: { userId: 11, role: 'head', departmentId: dept.lead },
  coHandler: { userId: 20, role: 'handler', departmentId: dept.co },
  otherHandler: { userId: 30, role: 'handler', departmentId: dept.other },
  // Towns under the lead department when it is a district (二级派单).
  townHandler: { userId: 50, role: 'handler', departmentId: dept.town },
  town2Handler: { userId: 51, role: 'handler', departmentId: dept.town2 },
  submitter: { userId: null, role: 'submitter', departmentId: null },
  system: { userId: null, role: 'system', departmentId: null },
} satisfies Record<string, Actor>;
export type ActorName = keyof typeof actors;

/**
 * Reaches a state by replaying decide() from a new case, applying patches and assignment changes the way the
 * repository does, so every fixture is a legal history.
 */
export class CaseBuilder {
  snapshot: CaseSnapshot;
  now: Date;
  #nextId = 1;

  constructor(start = new Date('2026-11-02T09:00:00+08:00')) {
    this.now = start;
    this.snapshot = {
      id: 1, status: 'submitted', kind: 'complaint', urgency: 'normal', acceptedAt: null, leadDepartmentId: null, round: 0, redoCount: 0,
      rating: null, suspendedAt: null, replyDeadline: null, ratingDeadline: null, pendingExtensionUntil: null, assignments: [],
    };
  }

  at(iso: string): this {
    this.now = new Date(iso);
    return this;
  }

  hours(h: number): this {
    this.now = new Date(this.now.getTime() + h * 3_600_000);
    return this;
  }

  run(cmd: Command, actor: ActorName | Actor): this {
    const who = typeof actor === 'string' ? actors[actor] : actor;
    const d = decide(this.snapshot, cmd, who, { now: this.now, policy });
    if (!d.ok) throw new Error(`${cmd.type} by ${JSON.stringify(who)} refused: ${d.code} (status ${this.snapshot.status})`);
    evolve(this.snapshot, d.patch, d.assignments, () => this.#nextId++);
    return this;
  }

  copy(): CaseSnapshot {
    return structuredClone(this.snapshot);
  }

  // Common paths.
  dispatched(withCo = true): this {
    return this.run({ type: 'dispatch', leadDepartmentId: dept.lead, coDepartmentIds: withCo ? [dept.co] : [] }, 'intake');
  }
  handling(withCo = true): this {
    return this.dispatched(withCo).hours(1).run({ type: 'sign' }, 'leadHandler');
  }
  opinionsDone(): this {
    return this.handling().run({ type: 'sign' }, 'coHandler').run({ type: 'opinion', text: '同意' }, 'coHandler');
  }
  replied(): this {
    return this.opinionsDone().hours(2).run({ type: 'reply', text: '已办结' }, 'leadHandler');
  }
  subDispatched(): this {
    return this.handling(false).hours(1).run({ type: 'sub-dispatch', leadDepartmentId: dept.town, coDepartmentIds: [dept.town2] }, 'leadHandler');
  }
  awaitingRating(): this {
    return this.replied().run({ type: 'approve-reply' }, 'supervisor');
  }
}
