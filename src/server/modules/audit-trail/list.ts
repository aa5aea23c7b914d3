import type { Kysely } from 'kysely';
import type { AdminAuditEntry, AdminAuditQuery } from '../../../contracts/admin-audit.js';
import { adminActionLabels, adminTargetLabels, type AdminAction, type AdminTargetType } from '../../../domain/admin-audit/actions.js';
import { beijingDayStart } from '../../../domain/calendar/local-time.js';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../errors.js';

/** Beijing dates to instants: [from 00:00, the day after `to` 00:00). */
function range(q: Pick<AdminAuditQuery, 'from' | 'to'>): { from?: Date; to?: Date } {
  try {
    const from = q.from ? beijingDayStart(q.from) : undefined;
    const to = q.to ? new Date(beijingDayStart(q.to).getTime() + 86_400_000) : undefined;
    if (from && to && from >= to) throw new AppError('ADMIN_AUDIT_QUERY_INVALID');
    return { from, to };
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('ADMIN_AUDIT_QUERY_INVALID');
  }
}

/** The trail newest first with the screen's filters; keyset paging on seq (`before`). */
export async function findAdminAudit(db: Kysely<DB>, q: Omit<AdminAuditQuery, 'limit'> & { limit: number }): Promise<{ items: AdminAuditEntry[]; nextBefore: number | null }> {
  const { from, to } = range(q);
  let query = db.selectFrom('admin_audit').selectAll().orderBy('seq', 'desc').limit(q.limit + 1);
  if (from) query = query.where('at', '>=', from);
  if (to) query = query.where('at', '<', to);
  if (q.actorUserId) query = query.where('actor_user_id', '=', q.actorUserId);
  if (q.action) query = query.where('action', '=', q.action);
  if (q.targetType) query = query.where('target_type', '=', q.targetType);
  if (q.q?.trim()) query = query.where('target_name', 'like', `%${q.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (q.before) query = query.where('seq', '<', q.before);
  const rows = await query.execute();
  const page = rows.slice(0, q.limit);
  return {
    items: page.map((r) => ({
      seq: Number(r.seq), at: r.at.toISOString(), actorUserId: r.actor_user_id, actorName: r.actor_name, address: r.address,
      action: r.action, actionLabel: adminActionLabels[r.action as AdminAction] ?? r.action,
      targetType: r.target_type, targetTypeLabel: adminTargetLabels[r.target_type as AdminTargetType] ?? r.target_type,
      targetId: r.target_id, targetName: r.target_name, before: r.before ?? null, after: r.after ?? null,
    })),
    nextBefore: rows.length > q.limit ? Number(page[page.length - 1].seq) : null,
  };
}

/** Everyone who appears in the trail, for the actor filter. */
export async function adminAuditActors(db: Kysely<DB>): Promise<{ userId: number | null; name: string }[]> {
  const rows = await db.selectFrom('admin_audit').select(['actor_user_id', 'actor_name']).distinct().orderBy('actor_name').limit(500).execute();
  return rows.map((r) => ({ userId: r.actor_user_id, name: r.actor_name }));
}
