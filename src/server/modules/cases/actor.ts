import type { Actor } from '../../../domain/case/types.js';
import { decide } from '../../../domain/case/decide.js';
import type { CaseSnapshot, Command, DecideContext, Decision } from '../../../domain/case/types.js';
import type { StaffUser } from '../../kernel/index.js';

/** The actor for the person's primary role. */
export function actorOf(user: StaffUser): Actor {
  return { userId: user.id, role: user.role, departmentId: user.departmentId };
}

/** One actor per role the person holds, the primary role first (a person may hold several in one unit). */
export function actorsOf(user: StaffUser): Actor[] {
  const roles = user.roles?.length ? [user.role, ...user.roles.filter((r) => r !== user.role)] : [user.role];
  return roles.map((role) => ({ userId: user.id, role, departmentId: user.departmentId }));
}

/**
 * A person with several roles acts in the first of their roles (primary first) that the transition table and guards
 * allow; the event then records that role as the actor's. When none allows it, the refusal of the first role that
 * may issue the command at all (a guard's code) is more telling than ROLE_NOT_ALLOWED.
 */
export function decideAsAnyRole(snapshot: CaseSnapshot, cmd: Command, actors: Actor[], ctx: DecideContext): { decision: Decision; actor: Actor } {
  let refused: { decision: Decision; actor: Actor } | null = null;
  for (const actor of actors) {
    const decision = decide(snapshot, cmd, actor, ctx);
    if (decision.ok) return { decision, actor };
    if (!refused || (refused.decision.ok === false && refused.decision.code === 'ROLE_NOT_ALLOWED' && decision.code !== 'ROLE_NOT_ALLOWED')) refused = { decision, actor };
  }
  return refused!;
}
