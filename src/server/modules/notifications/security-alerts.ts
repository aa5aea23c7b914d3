import { sql } from 'kysely';
import type { AppDeps } from '../../deps.js';

// Security alerts to the administrators' inboxes (no case, no event): bursts of failed sign-ins and account locks.
// The caller decides when to alert (at most once per address or account and window); this only writes and wakes.

export const securityAlertType = 'security.login_abuse';

export async function alertAdmins(deps: AppDeps, alert: { title: string; body: string }): Promise<void> {
  const { db } = deps.database;
  const admins = await db.selectFrom('users').select('id').where(sql<boolean>`'admin' = ANY(roles)`).where('is_active', '=', true).execute();
  if (admins.length === 0) return;
  const now = deps.now();
  const rows = await db.insertInto('notifications')
    .values(admins.map((a) => ({ user_id: a.id, event_id: null, case_id: null, event_type: securityAlertType, title: alert.title, body: alert.body, link: '/inbox', created_at: now })))
    .returning(['id', 'user_id']).execute();
  await deps.notifications.hub.publish(deps.database, rows.map((r) => [r.user_id, r.id] as const));
}
