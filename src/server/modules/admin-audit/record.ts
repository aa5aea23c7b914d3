import type { Transaction } from 'kysely';
import type { AdminAction, AdminTargetType } from '../../../domain/admin-audit/actions.js';
import { adminEntryHash } from '../../../domain/admin-audit/chain.js';
import type { DB } from '../../db/schema.js';
import type { StaffUser } from '../../kernel/index.js';

/** Who made an administrative change, and from where. `userId` null for the command line (`yiwang init`). */
export interface AdminActor {
  userId: number | null;
  name: string;
  address: string | null;
}

export interface AdminChange {
  action: AdminAction;
  targetType: AdminTargetType;
  targetId?: string | number | null;
  /** The name a person reads in the audit list (a unit's or an account's name at the time). */
  targetName?: string | null;
  /** Plain JSON of the state before and after: dates as ISO strings, no passwords or hashes. */
  before?: unknown;
  after?: unknown;
}

/** The actor of a request made by a signed-in staff member. */
export function staffActor(user: StaffUser, address: string | null): AdminActor {
  return { userId: user.id, name: `${user.displayName}（${user.username}）`, address };
}

/** The actor of a command run on the server's console. */
export const consoleActor: AdminActor = { userId: null, name: '服务器命令行', address: null };

/** What jsonb gives back for a value: hashing this keeps the stored row and its hash in step. */
function asStored(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

/**
 * Appends one change to the administrative audit trail, in the caller's transaction, so the change and its record
 * commit or roll back together. The head row is locked for the rest of the transaction: concurrent admin changes,
 * from any process, line up into one gap-free chain. Returns the row's seq.
 */
export async function recordAdminChange(tx: Transaction<DB>, actor: AdminActor, change: AdminChange, at: Date = new Date()): Promise<number> {
  const head = await tx.updateTable('admin_audit_head').set((eb) => ({ seq: eb('seq', '+', 1) })).where('id', '=', 1)
    .returning(['seq', 'hash']).executeTakeFirstOrThrow();
  const content = {
    seq: head.seq, at: new Date(at.getTime()), actorUserId: actor.userId, actorName: actor.name, address: actor.address,
    action: change.action, targetType: change.targetType, targetId: change.targetId == null ? null : String(change.targetId),
    targetName: change.targetName ?? null, before: asStored(change.before), after: asStored(change.after),
  };
  const hash = adminEntryHash(head.hash, content);
  await tx.insertInto('admin_audit').values({
    seq: content.seq, at: content.at, actor_user_id: content.actorUserId, actor_name: content.actorName, address: content.address,
    action: content.action, target_type: content.targetType, target_id: content.targetId, target_name: content.targetName,
    before: content.before == null ? null : JSON.stringify(content.before), after: content.after == null ? null : JSON.stringify(content.after),
    prev_hash: head.hash, hash,
  }).execute();
  await tx.updateTable('admin_audit_head').set({ hash }).where('id', '=', 1).execute();
  return content.seq;
}
