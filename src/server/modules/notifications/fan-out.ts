import { sql } from 'kysely';
import type { AppDeps } from '../../deps.js';
import type { Insertable } from 'kysely';
import type { NotificationDeliveriesTable, NotificationsTable } from '../../db/schema-notifications.js';
import { exhaustive, storedEvent, type CaseEvent } from '../../../domain/events/catalogue.js';
import { noticeText } from './messages.js';
import { audienceFor, coveredEvents, wantsSms } from './recipients.js';
import { cityTexts } from '../settings/index.js';

// Turns committed case events into inbox notices and outbound deliveries. Reads the outbox (filled by a trigger in
// each event's own transaction), claims rows with FOR UPDATE SKIP LOCKED so several processes share the work, and
// deletes them in the same transaction that writes the notices: an event is fanned out exactly once. The unique keys
// on notifications (event, user) and deliveries (dedupe_key) make even a replayed outbox row harmless.

interface OutboxEvent {
  event_id: number;
  type: string | null;
  payload: Record<string, unknown> | null;
  case_id: number | null;
  actor_user_id: number | null;
  at: Date | null;
  code: string | null;
  title: string | null;
  lead_department_id: number | null;
  submitter_phone: string | null;
}

interface Person {
  id: number;
  department_id: number;
  email: string | null;
  phone: string | null;
  /** The person's choice in "my account": notices also by e-mail / by text message. */
  notify_email: boolean;
  notify_sms: boolean;
}

export interface FanOutResult {
  events: number;
  notices: number;
  deliveries: number;
}

const chunk = <T>(xs: T[], n: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
};

/** An outbox row's event as the catalogue types it. */
const eventOf = (e: OutboxEvent): CaseEvent => storedEvent({ type: e.type ?? '', payload: e.payload ?? {} });

/** What the submitter reads: no staff wording, only their own case code and where to follow it now. */
function submitterText(event: CaseEvent, code: string | null, codeOf: Map<number, string>, signature: string): string | null {
  switch (event.type) {
    case 'case.merged': {
      const target = codeOf.get(event.payload.duplicateOf);
      return `【${signature}】您反映的问题（编号 ${code}）与已受理的相同问题合并办理${target ? `，请以编号 ${target} 查询办理进度` : ''}。`;
    }
    case 'case.merge_received':
      return `【${signature}】与您反映的问题（编号 ${code}）相同的问题（编号 ${event.payload.code ?? ''}）已并入一并办理，办理结果将一并答复。`;
    case 'case.created':
    case 'case.accepted':
    case 'case.rejected':
    case 'case.imported':
    case 'case.import_updated':
    case 'case.dispatched':
    case 'case.signed':
    case 'case.return_requested':
    case 'case.return_approved':
    case 'case.return_denied':
    case 'case.extension_requested':
    case 'case.extension_approved':
    case 'case.extension_denied':
    case 'case.suspended':
    case 'case.resumed':
    case 'case.opinion_given':
    case 'case.replied':
    case 'case.reply_approved':
    case 'case.sent_back':
    case 'case.rated':
    case 'case.redone':
    case 'case.closed':
    case 'case.instructed':
    case 'case.sub_dispatched':
    case 'case.sub_replied':
    case 'case.called_in':
    case 'case.warned':
    case 'case.urged':
    case 'case.escalated':
    case 'case.order_issued':
    case 'case.order_raised':
    case 'case.order_answered':
    case 'case.order_closed':
    case 'case.deadlines_recomputed':
    case 'case.publication_approved':
    case 'case.publication_rejected':
    case 'case.publication_withdrawn':
    case 'case.assessment_excluded':
    case 'case.unit_merged':
    case 'case.answered_directly':
      return null;
    default:
      exhaustive(event);
      return null;
  }
}

export const staleAfterMs = 30 * 86_400_000;

export async function processOutbox(deps: AppDeps, batch = 500): Promise<FanOutResult> {
  const total: FanOutResult = { events: 0, notices: 0, deliveries: 0 };
  for (;;) {
    const { claimed, pairs, deliveries } = await fanOutBatch(deps, batch);
    total.events += claimed;
    total.notices += pairs.length;
    total.deliveries += deliveries;
    // Only after commit: a stream must never show a notice that could still roll back.
    if (pairs.length) {
      await deps.notifications.hub.publish(deps.database, pairs).catch((err) => deps.log.warn({ err }, 'notice publish failed'));
    }
    if (claimed < batch) return total;
  }
}

async function fanOutBatch(deps: AppDeps, batch: number) {
  const now = deps.now();
  const mailOn = deps.notifications.mailer.enabled;
  // The SMS signature is the city's (城市设置), read before the transaction from this process's cache.
  const city = await cityTexts(deps.database.db);
  return deps.database.db.transaction().execute(async (tx) => {
    const events = (await sql<OutboxEvent>`
      SELECT o.event_id, e.type, e.payload, e.case_id, e.actor_user_id, e.at, c.code, c.title, c.lead_department_id, c.submitter_phone
      FROM notification_outbox o
      LEFT JOIN case_events e ON e.id = o.event_id
      LEFT JOIN cases c ON c.id = e.case_id
      ORDER BY o.event_id
      LIMIT ${batch}
      FOR UPDATE OF o SKIP LOCKED`.execute(tx)).rows;
    if (events.length === 0) return { claimed: 0, pairs: [] as [number, number][], deliveries: 0 };

    // History loaded in bulk (demo data, imports of old cases) is not news: events older than the cutoff are consumed
    // without notices. A worker outage shorter than that still delivers its whole backlog.
    const cutoff = now.getTime() - staleAfterMs;
    const fresh = events.map((e) => (e.type && e.case_id && (!e.at || e.at.getTime() >= cutoff) ? { caseId: e.case_id, event: eventOf(e) } : null));
    const covered = coveredEvents(fresh);
    const audiences = fresh.map((x, i) => (x ? audienceFor(x.event, { leadDepartmentId: events[i].lead_department_id }) : null));
    const departmentIds = [...new Set(audiences.flatMap((a) => a?.departmentIds ?? []))];
    const staff: Person[] = departmentIds.length
      ? await tx.selectFrom('users').select(['id', 'department_id', 'email', 'phone', 'notify_email', 'notify_sms'])
        .where('department_id', 'in', departmentIds).where(sql<boolean>`roles && ARRAY['handler', 'head']::text[]`).where('is_active', '=', true).orderBy('id').execute()
      : [];
    const supervisors: Person[] = audiences.some((a) => a?.supervisors)
      ? await tx.selectFrom('users').select(['id', 'department_id', 'email', 'phone', 'notify_email', 'notify_sms']).where(sql<boolean>`'supervisor' = ANY(roles)`).where('is_active', '=', true).orderBy('id').execute()
      : [];
    // A merged case's submitter is told the code of the case that carries on.
    const targetIds = [...new Set(events.flatMap((e, i) => {
      const event = eventOf(e);
      return audiences[i]?.submitter && event.type === 'case.merged' ? [event.payload.duplicateOf] : [];
    }).filter((x) => x > 0))];
    const codeOf = new Map(targetIds.length
      ? (await tx.selectFrom('cases').select(['id', 'code']).where('id', 'in', targetIds).execute()).map((c) => [c.id, c.code])
      : []);
    const endpoints = await tx.selectFrom('webhook_endpoints').select(['id', 'url', 'event_types']).where('is_active', '=', true).execute();
    const staffByDept = new Map<number, Person[]>();
    for (const p of staff) staffByDept.set(p.department_id, [...(staffByDept.get(p.department_id) ?? []), p]);

    const notices: Insertable<NotificationsTable>[] = [];
    const outbound: Insertable<NotificationDeliveriesTable>[] = [];
    events.forEach((e, i) => {
      const audience = audiences[i];
      if (!audience || !e.type || !e.case_id) return;
      const event = eventOf(e);
      const text = noticeText(event, { id: e.case_id, code: e.code ?? '', title: e.title ?? '' });
      const people = new Map<number, Person>();
      for (const d of audience.departmentIds) for (const p of staffByDept.get(d) ?? []) people.set(p.id, p);
      if (audience.supervisors) for (const p of supervisors) people.set(p.id, p);
      // Whoever caused the event does not need to be told about it; a covered event was told in another's notice.
      if (e.actor_user_id !== null) people.delete(e.actor_user_id);
      const base = { event_id: e.event_id, event_type: e.type, case_id: e.case_id, status: 'pending' as const, next_attempt_at: now, created_at: now };
      const sms = wantsSms(event);
      for (const p of covered.has(i) ? [] : people.values()) {
        notices.push({ user_id: p.id, event_id: e.event_id, case_id: e.case_id, event_type: e.type, title: text.title, body: text.body, link: text.link, created_at: now });
        if (mailOn && p.email && p.notify_email) {
          outbound.push({ ...base, channel: 'email', dedupe_key: `email:${e.event_id}:${p.id}`, user_id: p.id, target: p.email, subject: text.title, body: `${text.body}\n\n查看诉求：${text.link}\n\n（本邮件由一网督办平台自动发送，请勿直接回复。）` });
        }
        if (sms && p.phone && p.notify_sms) {
          outbound.push({ ...base, channel: 'sms', dedupe_key: `sms:${e.event_id}:${p.id}`, user_id: p.id, target: p.phone, subject: text.title, body: `【一网督办】${text.title}，请登录平台处理。` });
        }
      }
      const toSubmitter = audience.submitter && e.submitter_phone ? submitterText(event, e.code, codeOf, city.smsSignature) : null;
      if (toSubmitter) {
        outbound.push({ ...base, channel: 'sms', dedupe_key: `sms:${e.event_id}:submitter`, user_id: null, target: e.submitter_phone!, subject: text.title, body: toSubmitter });
      }
      for (const ep of endpoints) {
        if (ep.event_types.length > 0 && !ep.event_types.includes(e.type)) continue;
        const body = JSON.stringify({
          id: `yw-evt-${e.event_id}`, eventId: e.event_id, type: e.type, at: e.at?.toISOString() ?? now.toISOString(),
          case: { id: e.case_id, code: e.code, title: e.title, link: text.link }, payload: e.payload ?? {},
          notice: { title: text.title, body: text.body },
        });
        outbound.push({ ...base, channel: 'webhook', dedupe_key: `webhook:${e.event_id}:${ep.id}`, endpoint_id: ep.id, target: ep.url, subject: e.type, body });
      }
    });

    const pairs: [number, number][] = [];
    for (const part of chunk(notices, 1000)) {
      const rows = await tx.insertInto('notifications').values(part)
        .onConflict((oc) => oc.columns(['event_id', 'user_id']).doNothing()).returning(['id', 'user_id']).execute();
      for (const r of rows) pairs.push([r.user_id, r.id]);
    }
    let deliveries = 0;
    for (const part of chunk(outbound, 500)) {
      const res = await tx.insertInto('notification_deliveries').values(part).onConflict((oc) => oc.column('dedupe_key').doNothing()).executeTakeFirst();
      deliveries += Number(res.numInsertedOrUpdatedRows ?? 0);
    }
    await tx.deleteFrom('notification_outbox').where('event_id', 'in', events.map((e) => e.event_id)).execute();
    return { claimed: events.length, pairs, deliveries };
  });
}
