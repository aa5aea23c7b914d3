import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Webhook, WebhookDelivery } from '../../../contracts/notifications.js';
import type { DeliveryRow, WebhookEndpointRow } from '../../db/schema-notifications.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { recordAdminChange, type AdminActor } from '../admin-audit/index.js';
import { checkWebhookTarget } from './webhook-target.js';

// Admin management of webhook endpoints and their delivery log. Changes are recorded in the admin audit trail (the
// signing secret never: only that it was replaced).

/**
 * Only absolute http(s) URLs with a host: anything else (javascript:, file:, ftp:, relative) is refused, and so is
 * a host that is or resolves to a loopback, link-local, private or reserved address (webhook-target.ts).
 */
export async function checkWebhookUrl(raw: string): Promise<string> {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new AppError('WEBHOOK_URL_INVALID', { field: 'url', message: '网址格式不正确' });
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) {
    throw new AppError('WEBHOOK_URL_INVALID', { field: 'url', message: '只支持 http:// 或 https://' });
  }
  await checkWebhookTarget(url);
  return url.toString();
}

const newSecret = () => `whsec_${randomBytes(24).toString('hex')}`;

export function presentWebhook(r: WebhookEndpointRow, withSecret = false): Webhook {
  return {
    id: r.id, name: r.name, url: r.url, ...(withSecret ? { secret: r.secret } : {}), secretHint: `…${r.secret.slice(-4)}`,
    eventTypes: r.event_types, isActive: r.is_active, createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString(),
  };
}

export async function listWebhooks(deps: AppDeps): Promise<Webhook[]> {
  const rows = await deps.database.db.selectFrom('webhook_endpoints').selectAll().orderBy('id').execute();
  return rows.map((r) => presentWebhook(r));
}

/** A webhook as the audit trail shows it: never its signing secret. */
const auditView = (r: WebhookEndpointRow) => ({ name: r.name, url: r.url, eventTypes: r.event_types, isActive: r.is_active });

export async function createWebhook(deps: AppDeps, actor: AdminActor, input: { name: string; url: string; secret?: string; eventTypes: string[]; isActive: boolean }): Promise<Webhook> {
  const url = await checkWebhookUrl(input.url);
  const now = deps.now();
  const row = await deps.database.db.transaction().execute(async (tx) => {
    const row = await tx.insertInto('webhook_endpoints').values({
      name: input.name, url, secret: input.secret ?? newSecret(), event_types: input.eventTypes, is_active: input.isActive, created_at: now, updated_at: now,
    }).returningAll().executeTakeFirstOrThrow();
    await recordAdminChange(tx, actor, { action: 'webhook.update', targetType: 'webhook', targetId: row.id, targetName: row.name, before: null, after: auditView(row) }, now);
    return row;
  });
  return presentWebhook(row, true);
}

export async function updateWebhook(deps: AppDeps, actor: AdminActor, id: number, input: { name?: string; url?: string; eventTypes?: string[]; isActive?: boolean; rotateSecret?: boolean }): Promise<Webhook> {
  const url = input.url === undefined ? undefined : await checkWebhookUrl(input.url);
  const row = await deps.database.db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('webhook_endpoints').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw new AppError('WEBHOOK_NOT_FOUND');
    const row = await tx.updateTable('webhook_endpoints').set({
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(url !== undefined ? { url } : {}),
      ...(input.eventTypes !== undefined ? { event_types: input.eventTypes } : {}),
      ...(input.isActive !== undefined ? { is_active: input.isActive } : {}),
      ...(input.rotateSecret ? { secret: newSecret() } : {}),
      updated_at: deps.now(),
    }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await recordAdminChange(tx, actor, { action: 'webhook.update', targetType: 'webhook', targetId: id, targetName: row.name, before: auditView(before), after: { ...auditView(row), ...(input.rotateSecret ? { secret: '已更换' } : {}) } }, deps.now());
    return row;
  });
  return presentWebhook(row, !!input.rotateSecret);
}

function presentDelivery(d: DeliveryRow, log: WebhookDelivery['log']): WebhookDelivery {
  // A webhook delivery always comes from a case event (item notices go out by e-mail and text message only).
  return {
    id: d.id, eventId: d.event_id!, eventType: d.event_type, caseId: d.case_id!, status: d.status, attempts: d.attempts,
    nextAttemptAt: d.status === 'pending' ? d.next_attempt_at.toISOString() : null, lastError: d.last_error,
    deliveredAt: d.delivered_at ? d.delivered_at.toISOString() : null, createdAt: d.created_at.toISOString(), body: d.body, log,
  };
}

export async function findDeliveries(deps: AppDeps, endpointId: number, q: { page: number; pageSize: number }) {
  const db = deps.database.db;
  const exists = await db.selectFrom('webhook_endpoints').select('id').where('id', '=', endpointId).executeTakeFirst();
  if (!exists) throw new AppError('WEBHOOK_NOT_FOUND');
  const base = db.selectFrom('notification_deliveries').where('channel', '=', 'webhook').where('endpoint_id', '=', endpointId);
  const [rows, total] = await Promise.all([
    base.selectAll().orderBy('id', 'desc').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  const attempts = rows.length
    ? await db.selectFrom('delivery_attempts').selectAll().where('delivery_id', 'in', rows.map((r) => r.id)).orderBy('delivery_id').orderBy('attempt').orderBy('id').execute()
    : [];
  const byDelivery = new Map<number, WebhookDelivery['log']>();
  for (const a of attempts) {
    const list = byDelivery.get(a.delivery_id) ?? [];
    list.push({ attempt: a.attempt, at: a.at.toISOString(), ok: a.ok, statusCode: a.status_code, error: a.error, durationMs: a.duration_ms });
    byDelivery.set(a.delivery_id, list);
  }
  return { items: rows.map((r) => presentDelivery(r, byDelivery.get(r.id) ?? [])), total: total.n };
}

/** Sends a webhook delivery again, whatever its state: due now, one more attempt if it had given up. */
export async function replayDelivery(deps: AppDeps, id: number): Promise<void> {
  const row = await deps.database.db.updateTable('notification_deliveries')
    .set({ status: 'pending', next_attempt_at: deps.now(), locked_until: null })
    .where('id', '=', id).where('channel', '=', 'webhook').returning('id').executeTakeFirst();
  if (!row) throw new AppError('WEBHOOK_DELIVERY_NOT_FOUND');
}
