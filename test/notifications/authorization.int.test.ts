import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNotificationPass } from '../../src/server/jobs/notification-worker.js';
import { loginAs, type Client } from '../kit/http.js';
import { orgIds, sampleCase } from '../kit/org.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';

let rt: TestRuntime;
let as: Record<string, Client>;
let webhookId: number;
let deliveryId: number;

beforeAll(async () => {
  // The webhook below points at a closed loopback port: allowed explicitly, as an admin would for an intranet receiver.
  process.env.YIWANG_WEBHOOK_ALLOW_PRIVATE = '127.0.0.1/32';
  rt = await testRuntime();
  const names = ['admin', 'intake', 'supervisor', 'leader', 'zjj-handler', 'zjj-head', 'scjg-handler'];
  as = Object.fromEntries(await Promise.all(names.map(async (n) => [n, await loginAs(rt.app, n)] as const)));
  const ids = await orgIds(as.intake);
  // A webhook to a closed port: its delivery exists (pending) for the replay checks.
  webhookId = (await as.admin.post('/api/admin/webhooks', { name: '测试', url: 'http://127.0.0.1:9/none' })).body.id;
  await as.intake.post('/api/cases', { ...sampleCase(ids.category('approval.construction_permit')), dispatch: { leadDepartmentId: ids.dept('zjj'), coDepartmentIds: [] } });
  await runNotificationPass(rt.deps);
  deliveryId = (await as.admin.get(`/api/admin/webhooks/${webhookId}/deliveries`)).body.items[0].id;
});
afterAll(() => rt.close());

const adminEndpoints = (): [string, string, unknown?][] => [
  ['GET', '/api/admin/webhooks'],
  ['POST', '/api/admin/webhooks', { name: 'x', url: 'https://example.com/hook' }],
  ['POST', `/api/admin/webhooks/${webhookId}`, { isActive: false }],
  ['GET', `/api/admin/webhooks/${webhookId}/deliveries`],
  ['POST', `/api/admin/webhook-deliveries/${deliveryId}/replay`],
];
const inboxEndpoints: [string, string][] = [
  ['GET', '/api/notifications'],
  ['GET', '/api/notifications/unread-count'],
  ['GET', '/api/notifications/stream'],
  ['POST', '/api/notifications/read-all'],
  ['POST', '/api/notifications/1/read'],
];

describe('notification endpoints: authorization', () => {
  it('every endpoint refuses a request without a session', async () => {
    for (const [method, url, body] of [...inboxEndpoints, ...adminEndpoints()]) {
      const r = await rt.app.inject({ method: method as 'GET' | 'POST', url, payload: method === 'POST' ? (body ?? {}) as object : undefined });
      expect([url, r.statusCode]).toEqual([url, 401]);
    }
  });

  it('only admins manage webhooks and read or replay deliveries', async () => {
    for (const who of ['intake', 'supervisor', 'leader', 'zjj-handler', 'zjj-head']) {
      for (const [method, url, body] of adminEndpoints()) {
        const r = method === 'GET' ? await as[who].get(url) : await as[who].post(url, body);
        expect([who, url, r.status, r.body.error.code]).toEqual([who, url, 403, 'FORBIDDEN']);
      }
    }
    for (const [method, url, body] of adminEndpoints()) {
      const r = method === 'GET' ? await as.admin.get(url) : await as.admin.post(url, body);
      expect([url, r.status]).toEqual([url, url === '/api/admin/webhooks' && method === 'POST' ? 201 : 200]);
    }
    expect((await as.admin.get('/api/admin/webhooks/99999/deliveries')).body.error.code).toBe('WEBHOOK_NOT_FOUND');
    expect((await as.admin.post('/api/admin/webhook-deliveries/99999/replay')).status).toBe(404);
  });

  it('lists hide the secret; create shows it once', async () => {
    const list = (await as.admin.get('/api/admin/webhooks')).body.items;
    expect(list.every((w: any) => w.secret === undefined && w.secretHint.startsWith('…'))).toBe(true);
  });

  it('the inbox lists notices newest first by when they were made, whatever order they were written in', async () => {
    const { db } = rt.deps.database;
    const user = await db.selectFrom('users').select('id').where('username', '=', 'zjj-head').executeTakeFirstOrThrow();
    // Written older-last, as a back-dated notice is (read already: the unread counts below stay the case's).
    for (const [eventId, at] of [[900_001, '2026-11-30T02:00:00Z'], [900_002, '2026-11-17T02:00:00Z'], [900_003, '2026-12-03T02:00:00Z']] as const) {
      await db.insertInto('notifications').values({
        user_id: user.id, event_id: eventId, case_id: 0, event_type: 'item.light', title: `通知 ${at.slice(0, 10)}`, body: '', link: '/items', created_at: new Date(at), read_at: new Date(at),
      }).execute();
    }
    const page = (await as['zjj-head'].get('/api/notifications?pageSize=50')).body;
    const dated = page.items.filter((n: any) => n.title.startsWith('通知 2026-1')).map((n: any) => n.title);
    expect(dated).toEqual(['通知 2026-12-03', '通知 2026-11-30', '通知 2026-11-17']);
  });

  it('a user sees and marks only their own notices', async () => {
    const mine = (await as['zjj-handler'].get('/api/notifications')).body;
    expect(mine.total).toBe(1);
    const noticeId = mine.items[0].id;
    expect((await as['scjg-handler'].get('/api/notifications')).body).toMatchObject({ total: 0, unreadCount: 0 });

    // Someone else cannot mark it read, and learns nothing about it.
    const foreign = await as['scjg-handler'].post(`/api/notifications/${noticeId}/read`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('NOTIFICATION_NOT_FOUND');
    expect((await as['scjg-handler'].post('/api/notifications/read-all')).body).toEqual({ updated: 0, unreadCount: 0 });
    expect((await as['zjj-handler'].get('/api/notifications/unread-count')).body).toEqual({ unreadCount: 1 });

    const read = await as['zjj-handler'].post(`/api/notifications/${noticeId}/read`);
    expect(read.body).toEqual({ unreadCount: 0 });
    expect((await as['zjj-handler'].get('/api/notifications?unread=1')).body.total).toBe(0);
    // The head's copy is untouched by the handler reading theirs.
    expect((await as['zjj-head'].get('/api/notifications/unread-count')).body).toEqual({ unreadCount: 1 });
    expect((await as['zjj-head'].post('/api/notifications/read-all')).body).toEqual({ updated: 1, unreadCount: 0 });
  });

  it('every role may read its own inbox', async () => {
    for (const who of Object.keys(as)) expect((await as[who].get('/api/notifications')).status).toBe(200);
  });
});
