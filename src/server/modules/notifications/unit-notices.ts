import { sql } from 'kysely';
import type { AppDeps } from '../../deps.js';

// Notices to the people of one unit that concern no case event (the knowledge base's flags): written to the inbox
// and woken at once, like the security alerts. The caller runs this after its own change has committed.

export interface UnitNotice {
  /** A type name for the inbox row (not a case event type), e.g. knowledge.flagged. */
  type: string;
  title: string;
  body: string;
  link: string;
}

/** Writes each notice to the active heads and handlers of its unit; returns how many inbox rows were written. */
export async function noticeUnits(deps: AppDeps, notices: readonly (UnitNotice & { unitId: number })[]): Promise<number> {
  if (notices.length === 0) return 0;
  const { db } = deps.database;
  const unitIds = [...new Set(notices.map((n) => n.unitId))];
  const people = await db.selectFrom('users').select(['id', 'department_id']).where('department_id', 'in', unitIds).where('is_active', '=', true)
    .where(sql<boolean>`roles && ARRAY['head', 'handler']::text[]`).execute();
  const now = deps.now();
  const values = notices.flatMap((n) => people.filter((p) => p.department_id === n.unitId)
    .map((p) => ({ user_id: p.id, event_id: null, case_id: null, event_type: n.type, title: n.title, body: n.body, link: n.link, created_at: now })));
  if (values.length === 0) return 0;
  const rows = await db.insertInto('notifications').values(values).returning(['id', 'user_id']).execute();
  await deps.notifications.hub.publish(deps.database, rows.map((r) => [r.user_id, r.id] as const));
  return rows.length;
}
