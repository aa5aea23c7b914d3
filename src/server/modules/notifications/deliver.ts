import { sql } from 'kysely';
import type { AppDeps } from '../../deps.js';
import type { DeliveryChannel, DeliveryRow } from '../../db/schema-notifications.js';
import { postWebhook } from './webhook-sender.js';

// Sends due e-mail, SMS and webhook deliveries. A delivery is leased (locked_until) rather than held under a row lock,
// so no transaction stays open while a remote server answers; a process that dies mid-send leaves the lease to
// expire and another picks the delivery up (at-least-once for outbound channels). Every attempt is logged.

export const maxAttempts = 10;
const leaseMs = 5 * 60_000;

/** Exponential backoff: 30 s, 1 min, 2 min, … capped at 6 h. */
export function retryDelayMs(attempt: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempt - 1), 6 * 3_600_000);
}

interface Outcome {
  id: number;
  attempt: number;
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

export interface DeliverResult {
  sent: number;
  failed: number;
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** Sends every due delivery, optionally of one channel only (the worker runs channels side by side). */
export async function deliverDue(deps: AppDeps, opts: { batch?: number; concurrency?: number; channel?: DeliveryChannel } = {}): Promise<DeliverResult> {
  const batch = opts.batch ?? 200;
  const result: DeliverResult = { sent: 0, failed: 0 };
  for (;;) {
    const now = deps.now();
    const claimed = (await sql<DeliveryRow>`
      UPDATE notification_deliveries d SET locked_until = ${new Date(now.getTime() + leaseMs)}, attempts = d.attempts + 1
      WHERE d.id IN (
        SELECT id FROM notification_deliveries
        WHERE status = 'pending' AND next_attempt_at <= ${now} AND (locked_until IS NULL OR locked_until <= ${now})
          ${opts.channel ? sql`AND channel = ${opts.channel}` : sql``}
        ORDER BY next_attempt_at, id LIMIT ${batch}
        FOR UPDATE SKIP LOCKED)
      RETURNING d.*`.execute(deps.database.db)).rows;
    if (claimed.length === 0) return result;
    const endpointIds = [...new Set(claimed.flatMap((d) => (d.endpoint_id ? [d.endpoint_id] : [])))];
    const endpoints = new Map((endpointIds.length
      ? await deps.database.db.selectFrom('webhook_endpoints').select(['id', 'url', 'secret', 'is_active']).where('id', 'in', endpointIds).execute()
      : []).map((e) => [e.id, e]));

    const outcomes = await mapLimit(claimed, opts.concurrency ?? 16, async (d): Promise<Outcome> => {
      const started = performance.now();
      const done = (ok: boolean, statusCode: number | null, error: string | null): Outcome => ({
        id: d.id, attempt: d.attempts, ok, statusCode, error, durationMs: Math.round(performance.now() - started),
      });
      try {
        switch (d.channel) {
          case 'email':
            await deps.notifications.mailer.send({ to: d.target, subject: d.subject, text: d.body });
            return done(true, null, null);
          case 'sms':
            await deps.notifications.sms.send({ to: d.target, text: d.body, deliveryId: d.id, at: deps.now() });
            return done(true, null, null);
          case 'webhook': {
            const ep = d.endpoint_id ? endpoints.get(d.endpoint_id) : undefined;
            if (!ep || !ep.is_active) return done(false, null, 'Webhook 已停用或已删除');
            const r = await postWebhook(ep.url, ep.secret, d.body, { deliveryId: d.id, eventType: d.event_type, at: deps.now() });
            return done(r.ok, r.statusCode, r.error);
          }
        }
      } catch (err) {
        return done(false, null, ((err as Error).message ?? String(err)).slice(0, 300));
      }
    });
    await recordOutcomes(deps, outcomes);
    for (const o of outcomes) if (o.ok) result.sent++; else result.failed++;
    if (claimed.length < batch) return result;
  }
}

async function recordOutcomes(deps: AppDeps, outcomes: Outcome[]): Promise<void> {
  const at = deps.now();
  await deps.database.db.transaction().execute(async (tx) => {
    await tx.insertInto('delivery_attempts').values(outcomes.map((o) => ({
      delivery_id: o.id, attempt: o.attempt, at, ok: o.ok, status_code: o.statusCode, error: o.error, duration_ms: o.durationMs,
    }))).execute();
    const rows = outcomes.map((o) => {
      const status = o.ok ? 'sent' : o.attempt >= maxAttempts ? 'dead' : 'pending';
      const next = o.ok || status === 'dead' ? at : new Date(at.getTime() + retryDelayMs(o.attempt));
      return sql`(${o.id}::bigint, ${status}::text, ${next}::timestamptz, ${o.error}::text, ${o.ok ? at : null}::timestamptz)`;
    });
    await sql`
      UPDATE notification_deliveries d
      SET status = v.status, next_attempt_at = v.next, last_error = v.err, delivered_at = COALESCE(v.delivered, d.delivered_at), locked_until = NULL
      FROM (VALUES ${sql.join(rows)}) AS v(id, status, next, err, delivered)
      WHERE d.id = v.id`.execute(tx);
  });
}
