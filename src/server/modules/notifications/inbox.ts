import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Notification, NotificationPage } from '../../../contracts/notifications.js';
import type { NotificationRow } from '../../db/schema-notifications.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';

// A user's inbox. Every query is scoped by user_id: nobody reads or marks another person's notices.

export function presentNotification(r: Pick<NotificationRow, 'id' | 'case_id' | 'event_type' | 'title' | 'body' | 'link' | 'created_at' | 'read_at'>): Notification {
  return {
    id: r.id, caseId: r.case_id, eventType: r.event_type, title: r.title, body: r.body, link: r.link,
    createdAt: r.created_at.toISOString(), readAt: r.read_at ? r.read_at.toISOString() : null,
  };
}

export async function unreadCount(deps: AppDeps, userId: number): Promise<number> {
  const row = await deps.database.db.selectFrom('notifications').select(sql<number>`count(*)::int`.as('n'))
    .where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirstOrThrow();
  return row.n;
}

export async function findNotifications(deps: AppDeps, userId: number, q: { page: number; pageSize: number; unread?: '1' | '0' }): Promise<NotificationPage> {
  let base = deps.database.db.selectFrom('notifications').where('user_id', '=', userId);
  if (q.unread === '1') base = base.where('read_at', 'is', null);
  if (q.unread === '0') base = base.where('read_at', 'is not', null);
  const [rows, total, unread] = await Promise.all([
    // Newest first by when each notice was made (migration 0066), the row id only between notices of one instant.
    base.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    unreadCount(deps, userId),
  ]);
  return { items: rows.map(presentNotification), total: total.n, unreadCount: unread };
}

export async function getNotifications(deps: AppDeps, userId: number, ids: number[]): Promise<Notification[]> {
  if (ids.length === 0) return [];
  const rows = await deps.database.db.selectFrom('notifications').selectAll().where('user_id', '=', userId).where('id', 'in', ids).orderBy('id').execute();
  return rows.map(presentNotification);
}

export async function markRead(deps: AppDeps, userId: number, id: number): Promise<void> {
  const row = await deps.database.db.updateTable('notifications').set({ read_at: sql<Date>`COALESCE(read_at, ${deps.now()})` })
    .where('id', '=', id).where('user_id', '=', userId).returning('id').executeTakeFirst();
  if (!row) throw new AppError('NOTIFICATION_NOT_FOUND');
}

export async function markAllRead(deps: AppDeps, userId: number): Promise<number> {
  const res = await deps.database.db.updateTable('notifications').set({ read_at: deps.now() })
    .where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/**
 * Replayed history is not news: item notices (no case event) written with a time before `before` are marked read as
 * of that time. The demo calls it after replaying months of reports, as the outbox skips stale case events.
 */
export async function markItemHistoryRead(db: Kysely<DB>, before: Date): Promise<number> {
  const res = await db.updateTable('notifications').set({ read_at: before })
    .where('event_id', 'is', null).where('event_type', 'like', 'item.%').where('read_at', 'is', null).where('created_at', '<', before).executeTakeFirst();
  return Number(res.numUpdatedRows);
}
