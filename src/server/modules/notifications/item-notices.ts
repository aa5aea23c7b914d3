import { sql } from 'kysely';
import type { AppDeps } from '../../deps.js';
import type { Tx } from '../../kernel/index.js';

// Inbox notices about supervised items (督办事项). Item events have their own chain (item_events) and no outbox
// trigger, so the items area writes its notices here in the transaction of the change (no event_id, no case_id),
// and wakes the recipients' streams after commit with publishItemNotices.

export interface ItemNotice {
  /** Notify the handlers and heads of this unit, or (null) the supervisors. */
  departmentId: number | null;
  type: string;
  title: string;
  body: string;
  link: string;
  /** Not the person who caused it. */
  exceptUserId?: number | null;
}

/** Writes the notices; returns [userId, noticeId] pairs to publish after commit. */
export async function writeItemNotices(tx: Tx, notices: readonly ItemNotice[], now: Date): Promise<Array<[number, number]>> {
  if (!notices.length) return [];
  const units = [...new Set(notices.map((n) => n.departmentId).filter((d): d is number => d != null))];
  const staff = units.length
    ? await tx.selectFrom('users').select(['id', 'department_id']).where('department_id', 'in', units).where('is_active', '=', true)
      .where(sql<boolean>`roles && ARRAY['handler', 'head']::text[]`).execute()
    : [];
  const supervisors = notices.some((n) => n.departmentId == null)
    ? await tx.selectFrom('users').select('id').where('is_active', '=', true).where(sql<boolean>`'supervisor' = ANY(roles)`).execute()
    : [];
  const rows = notices.flatMap((n) => {
    const to = n.departmentId == null ? supervisors.map((u) => u.id) : staff.filter((u) => u.department_id === n.departmentId).map((u) => u.id);
    return to.filter((id) => id !== n.exceptUserId).map((user_id) => ({
      user_id, event_id: null, case_id: null, event_type: n.type, title: n.title, body: n.body, link: n.link, created_at: now,
    }));
  });
  if (!rows.length) return [];
  const out: Array<[number, number]> = [];
  for (let i = 0; i < rows.length; i += 5_000) {
    const written = await tx.insertInto('notifications').values(rows.slice(i, i + 5_000)).returning(['id', 'user_id']).execute();
    for (const r of written) out.push([r.user_id, r.id]);
  }
  return out;
}

export async function publishItemNotices(deps: AppDeps, pairs: ReadonlyArray<readonly [number, number]>): Promise<void> {
  if (pairs.length) await deps.notifications.hub.publish(deps.database, pairs);
}
