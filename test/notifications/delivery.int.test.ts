import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNotificationPass } from '../../src/server/jobs/notification-worker.js';
import { verifySignature } from '../../src/server/modules/notifications/webhook-sender.js';
import { loginAs, type Client } from '../kit/http.js';
import { orgIds, sampleCase } from '../kit/org.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';
import { startHookReceiver, startSmtpSink } from './sinks.js';

let rt: TestRuntime;
let intake: Client, admin: Client, handler: Client, head: Client, other: Client, supervisor: Client;
let ids: Awaited<ReturnType<typeof orgIds>>;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let receiver: Awaited<ReturnType<typeof startHookReceiver>>;
let secret: string;

beforeAll(async () => {
  // The receivers listen on loopback, which webhook targets may only use when the admin allows it.
  process.env.YIWANG_WEBHOOK_ALLOW_PRIVATE = '127.0.0.1/32';
  rt = await testRuntime();
  smtp = await startSmtpSink();
  receiver = await startHookReceiver();
  rt.deps.notifications.mailer.config.smtpUrl = smtp.url;
  [intake, admin, handler, head, other, supervisor] = await Promise.all(
    ['intake', 'admin', 'zjj-handler', 'zjj-head', 'scjg-handler', 'supervisor'].map((u) => loginAs(rt.app, u)),
  );
  ids = await orgIds(intake);
  const hook = await admin.post('/api/admin/webhooks', { name: '市政务数据平台', url: receiver.url, eventTypes: ['case.dispatched'] });
  expect(hook.status).toBe(201);
  secret = hook.body.secret;
});
afterAll(async () => {
  rt.deps.notifications.mailer.close();
  await rt.close();
  await smtp.close();
  await receiver.close();
});

async function dispatchedCase(title = '施工许可证办理超时'): Promise<{ id: number; code: string }> {
  const r = await intake.post('/api/cases', { ...sampleCase(ids.category('approval.construction_permit'), { title }), dispatch: { leadDepartmentId: ids.dept('zjj'), coDepartmentIds: [] } });
  expect(r.status).toBe(201);
  return { id: r.body.id, code: r.body.code };
}

describe('a dispatch reaches the department by every channel, once', () => {
  it('inbox notice, e-mail over SMTP and a signed webhook POST; a second pass delivers nothing again', async () => {
    const c = await dispatchedCase();
    // Nothing is delivered inside the request: only the outbox row was written with the event.
    expect(await rt.deps.database.db.selectFrom('notifications').select('id').where('case_id', '=', c.id).execute()).toHaveLength(0);
    const outbox = await rt.deps.database.db.selectFrom('notification_outbox').select('event_id').execute();
    expect(outbox.length).toBeGreaterThan(0);

    const run = await runNotificationPass(rt.deps);
    expect(run.failed).toBe(0);

    for (const who of [handler, head]) {
      const inbox = (await who.get('/api/notifications')).body;
      expect(inbox.unreadCount).toBe(1);
      expect(inbox.items[0]).toMatchObject({ caseId: c.id, eventType: 'case.dispatched', link: `/cases/${c.id}`, readAt: null });
      expect(inbox.items[0].title).toBe(`【新派单】${c.code} 施工许可证办理超时`);
    }
    expect((await other.get('/api/notifications')).body.total).toBe(0);

    const mail = smtp.mails.find((m) => m.to.includes('zjj-handler@demo.yiwang.local'));
    expect(mail).toBeDefined();
    expect(mail!.subject).toBe(`【新派单】${c.code} 施工许可证办理超时`);
    expect(mail!.text).toContain(`诉求 ${c.code}「施工许可证办理超时」：请及时签收办理。`);
    expect(mail!.text).toContain(`/cases/${c.id}`);
    expect(smtp.mails.filter((m) => m.to.includes('zjj-head@demo.yiwang.local'))).toHaveLength(1);

    expect(receiver.hooks).toHaveLength(1);
    const hook = receiver.hooks[0];
    expect(verifySignature(secret, hook.body, hook.headers['x-yiwang-signature'] as string)).toBe(true);
    expect(verifySignature('wrong-secret-wrong-secret', hook.body, hook.headers['x-yiwang-signature'] as string)).toBe(false);
    expect(hook.headers['x-yiwang-timestamp']).toBe(String(Math.floor(rt.clock.now().getTime() / 1000)));
    expect(hook.headers['x-yiwang-event']).toBe('case.dispatched');
    expect(JSON.parse(hook.body)).toMatchObject({ type: 'case.dispatched', case: { id: c.id, code: c.code, link: `/cases/${c.id}` } });

    const mailsBefore = smtp.mails.length;
    const again = await runNotificationPass(rt.deps);
    expect(again).toEqual({ events: 0, notices: 0, deliveries: 0, sent: 0, failed: 0 });
    expect(smtp.mails).toHaveLength(mailsBefore);
    expect(receiver.hooks).toHaveLength(1);
    expect((await handler.get('/api/notifications')).body.total).toBe(1);
  });

  it('a replayed outbox row (as after a crash between commit and delete) does not double anything', async () => {
    const c = await dispatchedCase('重复投递测试');
    const events = await rt.deps.database.db.selectFrom('case_events').select('id').where('case_id', '=', c.id).where('type', '=', 'case.dispatched').execute();
    await runNotificationPass(rt.deps);
    const count = async () => (await rt.deps.database.db.selectFrom('notifications').select('id').where('case_id', '=', c.id).execute()).length;
    const before = await count();
    const deliveries = (await rt.deps.database.db.selectFrom('notification_deliveries').select('id').where('case_id', '=', c.id).execute()).length;
    await rt.deps.database.db.insertInto('notification_outbox').values({ event_id: events[0].id }).execute();
    await runNotificationPass(rt.deps);
    expect(await count()).toBe(before);
    expect((await rt.deps.database.db.selectFrom('notification_deliveries').select('id').where('case_id', '=', c.id).execute())).toHaveLength(deliveries);
  });

  it('supervisors hear of a reply; the one who acted is not told of their own action', async () => {
    const c = await dispatchedCase('答复通知测试');
    await handler.post(`/api/cases/${c.id}/sign`);
    const r = await handler.post(`/api/cases/${c.id}/reply`, { text: '已协调办理，施工许可证已核发。' });
    expect(r.status).toBe(200);
    await runNotificationPass(rt.deps);
    const inbox = (await supervisor.get('/api/notifications')).body;
    expect(inbox.items.find((n: any) => n.caseId === c.id && n.eventType === 'case.replied')).toBeDefined();
    const own = (await handler.get('/api/notifications')).body.items.filter((n: any) => n.caseId === c.id);
    expect(own.map((n: any) => n.eventType)).toEqual(['case.dispatched']);
  });
});

describe('webhook retries', () => {
  it('a receiver failing twice then succeeding gets three attempts, logged and readable by the admin', async () => {
    const flaky = await startHookReceiver({ failFirst: 2 });
    const created = (await admin.post('/api/admin/webhooks', { name: '不稳定接收端', url: flaky.url, eventTypes: ['case.dispatched'] })).body;
    try {
      await dispatchedCase('重试测试');
      await runNotificationPass(rt.deps);
      expect(flaky.requests()).toBe(1);
      // Not due yet: the backoff has not passed.
      await runNotificationPass(rt.deps);
      expect(flaky.requests()).toBe(1);
      rt.clock.advanceHours(1);
      await runNotificationPass(rt.deps);
      expect(flaky.requests()).toBe(2);
      rt.clock.advanceHours(1);
      await runNotificationPass(rt.deps);
      expect(flaky.requests()).toBe(3);
      rt.clock.advanceHours(1);
      await runNotificationPass(rt.deps);
      expect(flaky.requests()).toBe(3);

      const page = (await admin.get(`/api/admin/webhooks/${created.id}/deliveries`)).body;
      expect(page.total).toBe(1);
      const d = page.items[0];
      expect(d).toMatchObject({ status: 'sent', attempts: 3 });
      expect(d.log.map((a: any) => [a.attempt, a.ok, a.statusCode])).toEqual([[1, false, 500], [2, false, 500], [3, true, 204]]);
      expect(flaky.hooks).toHaveLength(1);

      // Replay sends the same signed body again and logs a fourth attempt.
      expect((await admin.post(`/api/admin/webhook-deliveries/${d.id}/replay`)).status).toBe(200);
      await runNotificationPass(rt.deps);
      expect(flaky.hooks).toHaveLength(2);
      expect(flaky.hooks[1].body).toBe(flaky.hooks[0].body);
      const after = (await admin.get(`/api/admin/webhooks/${created.id}/deliveries`)).body.items[0];
      expect(after.log).toHaveLength(4);
    } finally {
      await admin.post(`/api/admin/webhooks/${created.id}`, { isActive: false });
      await flaky.close();
    }
  });

  it('a receiver that is down never blocks or undoes the case change', async () => {
    const down = await startHookReceiver();
    await down.close();
    const created = (await admin.post('/api/admin/webhooks', { name: '已下线接收端', url: down.url })).body;
    const c = await dispatchedCase('接收端故障');
    await runNotificationPass(rt.deps);
    const r = await handler.post(`/api/cases/${c.id}/sign`);
    expect(r.body.status).toBe('handling');
    const d = (await admin.get(`/api/admin/webhooks/${created.id}/deliveries`)).body.items[0];
    expect(d.status).toBe('pending');
    expect(d.log[0].ok).toBe(false);
    expect(d.log[0].error).toBeTruthy();
    await admin.post(`/api/admin/webhooks/${created.id}`, { isActive: false });
  });

  it('refuses a webhook URL that is not http(s) and changes nothing', async () => {
    const before = (await admin.get('/api/admin/webhooks')).body.items.length;
    for (const url of ['ftp://example.com/hook', 'javascript:alert(1)', 'not a url', 'file:///etc/passwd']) {
      const r = await admin.post('/api/admin/webhooks', { name: '错误地址', url });
      expect(r.status).toBe(422);
      expect(r.body.error.code).toBe('WEBHOOK_URL_INVALID');
      expect(r.body.error.message).toContain('http');
    }
    expect((await admin.get('/api/admin/webhooks')).body.items).toHaveLength(before);
  });
});
