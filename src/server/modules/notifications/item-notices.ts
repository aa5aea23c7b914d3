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

/**
 * Writes the notices to the inbox and, for people whose preferences ask for it (我的账号: 通知同时发送邮件 / 短信), to
 * the delivery outbox the case notices use: an e-mail per notice when a mailer is configured, a text message for
 * urgent ones (a red light). The deliveries name their notice (no case event); the delivery worker sends them like
 * any other, with retries. Returns [userId, noticeId] pairs to publish after commit.
 */
export async function writeItemNotices(tx: Tx, notices: readonly ItemNotice[], now: Date, channels: NoticeChannels = { email: false }): Promise<Array<[number, number]>> {
  if (!notices.length) return [];
  // One statement, set-based: the notices go in as one JSON array; each is addressed to its unit's active handlers
  // and heads (or the active supervisors), in the notices' order then by person; ids are drawn in that order, so the
  // deliveries can name their notice in the same statement. The texts of the e-mail and the SMS are made here.
  const list = notices.map((n, k) => ({
    k, dept: n.departmentId, type: n.type, title: n.title, body: n.body, link: n.link, except_id: n.exceptUserId ?? null,
    email_body: channels.email ? `${n.body}\n\n查看：${n.link}\n\n（本邮件由一网督办平台自动发送，请勿直接回复。）` : null,
    sms_body: n.urgent ? `【一网督办】${n.title}，请登录平台处理。` : null,
  }));
  const at = sql`${now.toISOString()}::timestamptz`;
  const { rows } = await sql<{ id: number; user_id: number }>`
    WITH n AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(list)}::jsonb)
        AS n(k int, dept int, type text, title text, body text, link text, except_id int, email_body text, sms_body text)),
    addressed AS MATERIALIZED (
      SELECT nextval(pg_get_serial_sequence('notifications', 'id')) AS nid, s.* FROM (
        SELECT n.*, u.id AS user_id, u.email, u.phone, u.notify_email, u.notify_sms
        FROM n JOIN users u ON u.is_active AND CASE WHEN n.dept IS NULL THEN 'supervisor' = ANY(u.roles)
                                                    ELSE u.department_id = n.dept AND u.roles && ARRAY['handler', 'head']::text[] END
        WHERE u.id IS DISTINCT FROM n.except_id
        ORDER BY n.k, u.id) s),
    ins AS (
      INSERT INTO notifications (id, user_id, event_id, case_id, event_type, title, body, link, created_at)
      SELECT nid, user_id, NULL, NULL, type, title, body, link, ${at} FROM addressed ORDER BY nid
      RETURNING id, user_id),
    outbound AS (
      INSERT INTO notification_deliveries (event_id, case_id, notification_id, event_type, user_id, subject, status, next_attempt_at, created_at, channel, dedupe_key, target, body)
      SELECT NULL, NULL, a.nid, a.type, a.user_id, a.title, 'pending', ${at}, ${at}, d.channel, d.channel || ':notice:' || a.nid, d.target, d.body
      FROM addressed a, LATERAL (VALUES
        (1, 'email', a.email, a.email_body, a.email_body IS NOT NULL AND a.email <> '' AND a.notify_email),
        (2, 'sms', a.phone, a.sms_body, a.sms_body IS NOT NULL AND a.phone <> '' AND a.notify_sms)) d(o, channel, target, body, wanted)
      WHERE d.wanted
      ORDER BY a.nid, d.o
      ON CONFLICT (dedupe_key) DO NOTHING)
    SELECT id, user_id FROM ins ORDER BY id`.execute(tx);
  return rows.map((r) => [r.user_id, Number(r.id)]);
}

export async function publishItemNotices(deps: AppDeps, pairs: ReadonlyArray<readonly [number, number]>): Promise<void> {
  if (pairs.length) await deps.notifications.hub.publish(deps.database, pairs);
}
