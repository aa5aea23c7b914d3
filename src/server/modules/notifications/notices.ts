import { sql } from 'kysely';
import type { AppDeps } from '../../deps.js';

// Inbox notices that belong to no case event (建议提案, 重大事项报告): written after the caller's commit, to people named
// directly or to the staff of units, then woken like every other notice. Failures are logged, never thrown: the
// change they tell about has already committed.

export interface Notice {
  userIds?: number[];
  /** Handlers and heads of these units. */
  departmentIds?: number[];
  /** Everyone holding this role (the supervision office: 'supervisor'). */
  role?: 'supervisor';
  type: string;
  title: string;
  body: string;
  link: string;
}

export async function sendNotices(deps: AppDeps, notices: readonly Notice[]): Promise<void> {
  if (notices.length === 0) return;
  try {
    const { db } = deps.database;
    const now = deps.now();
    const values: { user_id: number; event_id: null; case_id: null; event_type: string; title: string; body: string; link: string; created_at: Date }[] = [];
    for (const n of notices) {
      const ids = new Set(n.userIds ?? []);
      if (n.departmentIds?.length) {
        const staff = await db.selectFrom('users').select('id').where('department_id', 'in', n.departmentIds).where('is_active', '=', true)
          .where(sql<boolean>`roles && ARRAY['handler', 'head']::text[]`).execute();
        for (const s of staff) ids.add(s.id);
      }
      if (n.role) {
        const staff = await db.selectFrom('users').select('id').where(sql<boolean>`${n.role} = ANY(roles)`).where('is_active', '=', true).execute();
        for (const s of staff) ids.add(s.id);
      }
      for (const id of ids) values.push({ user_id: id, event_id: null, case_id: null, event_type: n.type, title: n.title, body: n.body, link: n.link, created_at: now });
    }
    if (values.length === 0) return;
    const rows = await db.insertInto('notifications').values(values).returning(['id', 'user_id']).execute();
    await deps.notifications.hub.publish(deps.database, rows.map((r) => [r.user_id, r.id] as const));
  } catch (err) {
    deps.log.error({ err }, 'suggestion notices failed');
  }
}
