import { sql } from 'kysely';
import type { AppDeps } from '../../deps.js';
import type { Tx } from '../../kernel/index.js';

// Inbox notices about supervised items (督办事项). Item events have their own chain (item_events) and no outbox
// trigger, so the items area writes its notices here in the transaction of the change (no event_id, no case_id),
// and wakes the recipients' streams after commit with publishItemNotices. E-mail and text messages go through the
// same delivery outbox as case notices (notification_deliveries, migration 0051), by the person's preferences.

export interface ItemNotice {
  /** Notify the handlers and heads of this unit, or (null) the supervisors. */
  departmentId: number | null;
  type: string;
  title: string;
  body: string;
  link: string;
  /** Not the person who caused it. */
  exceptUserId?: number | null;
  /** Urgent (a red light): also by text message to those who asked for it, like a case's urgent events. */
  urgent?: boolean;
}

/** The outbound channels on: e-mail only when a mailer is configured (as for case notices). */
export interface NoticeChannels {
  email: boolean;
}

type Person = { id: number; email: string | null; phone: string | null; notify_email: boolean; notify_sms: boolean };

/**
 * Writes the notices to the inbox and, for people whose preferences ask for it (我的账号: 通知同时发送邮件 / 短信), to
 * the delivery outbox the case notices use: an e-mail per notice when a mailer is configured, a text message for
 * urgent ones (a red light). The deliveries name their notice (no case event); the delivery worker sends them like
 * any other, with retries. Returns [userId, noticeId] pairs to publish after commit.
 */
export async function writeItemNotices(tx: Tx, notices: readonly ItemNotice[], now: Date, channels: NoticeChannels = { email: false }): Promise<Array<[number, number]>> {
  if (!notices.length) return [];
  const person = ['id', 'department_id', 'email', 'phone', 'notify_email', 'notify_sms'] as const;
  const units = [...new Set(notices.map((n) => n.departmentId).filter((d): d is number => d != null))];
  const staff = units.length
    ? await tx.selectFrom('users').select(person).where('department_id', 'in', units).where('is_active', '=', true)
      .where(sql<boolean>`roles && ARRAY['handler', 'head']::text[]`).execute()
    : [];
  const supervisors = notices.some((n) => n.departmentId == null)
    ? await tx.selectFrom('users').select(person).where('is_active', '=', true).where(sql<boolean>`'supervisor' = ANY(roles)`).execute()
    : [];
  const addressed = notices.flatMap((n) => {
    const to: Person[] = n.departmentId == null ? supervisors : staff.filter((u) => u.department_id === n.departmentId);
    return to.filter((p) => p.id !== n.exceptUserId).map((p) => ({ n, p }));
  });
  if (!addressed.length) return [];
  const out: Array<[number, number]> = [];
  const outbound = [];
  for (let i = 0; i < addressed.length; i += 5_000) {
    const part = addressed.slice(i, i + 5_000);
    const written = await tx.insertInto('notifications').values(part.map(({ n, p }) => ({
      user_id: p.id, event_id: null, case_id: null, event_type: n.type, title: n.title, body: n.body, link: n.link, created_at: now,
    }))).returning(['id', 'user_id']).execute();
    for (const [k, r] of written.entries()) {
      out.push([r.user_id, r.id]);
      const { n, p } = part[k];
      const base = { event_id: null, case_id: null, notification_id: r.id, event_type: n.type, user_id: p.id, subject: n.title, status: 'pending' as const, next_attempt_at: now, created_at: now };
      if (channels.email && p.email && p.notify_email) {
        outbound.push({ ...base, channel: 'email' as const, dedupe_key: `email:notice:${r.id}`, target: p.email, body: `${n.body}\n\n查看：${n.link}\n\n（本邮件由一网督办平台自动发送，请勿直接回复。）` });
      }
      if (n.urgent && p.phone && p.notify_sms) {
        outbound.push({ ...base, channel: 'sms' as const, dedupe_key: `sms:notice:${r.id}`, target: p.phone, body: `【一网督办】${n.title}，请登录平台处理。` });
      }
    }
  }
  for (let i = 0; i < outbound.length; i += 2_000) {
    await tx.insertInto('notification_deliveries').values(outbound.slice(i, i + 2_000)).onConflict((oc) => oc.column('dedupe_key').doNothing()).execute();
  }
  return out;
}

export async function publishItemNotices(deps: AppDeps, pairs: ReadonlyArray<readonly [number, number]>): Promise<void> {
  if (pairs.length) await deps.notifications.hub.publish(deps.database, pairs);
}
