import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runNotificationPass } from '../../src/server/jobs/notification-worker.js';
import { loginAs, type Client } from '../kit/http.js';
import { orgIds, sampleCase } from '../kit/org.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';
import { startHookReceiver } from '../notifications/sinks.js';

// PGlite only (vitest.config.ts, engineFree): webhook addresses are checked when saved and when delivered, before any engine-specific SQL.

// Issue 16: webhook targets are public addresses unless the admin allows a private range
// (YIWANG_WEBHOOK_ALLOW_PRIVATE); checked when saved and again when delivered (DNS rebinding).

let rt: TestRuntime;
let admin: Client;
let intake: Client;
let receiver: Awaited<ReturnType<typeof startHookReceiver>>;

beforeAll(async () => {
  delete process.env.YIWANG_WEBHOOK_ALLOW_PRIVATE;
  rt = await testRuntime();
  admin = await loginAs(rt.app, 'admin');
  intake = await loginAs(rt.app, 'intake');
  receiver = await startHookReceiver();
});
afterEach(() => {
  delete process.env.YIWANG_WEBHOOK_ALLOW_PRIVATE;
});
afterAll(async () => {
  await receiver.close();
  await rt.close();
});

describe('webhook targets', () => {
  it('refuses loopback, link-local, private, unique-local, unspecified and multicast addresses when saved', async () => {
    const before = (await admin.get('/api/admin/webhooks')).body.items.length;
    for (const url of [
      'http://169.254.169.254/latest/meta-data/', 'http://127.0.0.1:8080/hook', 'http://127.1/hook', 'http://localhost/hook', 'http://0.0.0.0/',
      'http://10.1.2.3/', 'http://172.16.0.1/', 'http://192.168.1.1/', 'http://100.64.0.1/', 'http://224.0.0.1/', 'http://[::1]/', 'http://[fe80::1]/',
      'http://[fd00::1]/', 'http://[::ffff:127.0.0.1]/', 'http://[::]/', 'http://2130706433/', 'http://0x7f000001/',
    ]) {
      const r = await admin.post('/api/admin/webhooks', { name: '内网', url });
      expect([url, r.status, r.body.error?.code]).toEqual([url, 422, 'WEBHOOK_TARGET_PRIVATE']);
      expect(r.body.error.message).toContain('YIWANG_WEBHOOK_ALLOW_PRIVATE');
      expect(r.body.error.details.message).toMatch(/内网或保留地址/);
    }
    const hook = (await admin.post('/api/admin/webhooks', { name: '公网', url: 'https://93.184.216.34/hook' })).body;
    const moved = await admin.post(`/api/admin/webhooks/${hook.id}`, { url: 'http://169.254.169.254/' });
    expect([moved.status, moved.body.error.code]).toEqual([422, 'WEBHOOK_TARGET_PRIVATE']);
    await admin.post(`/api/admin/webhooks/${hook.id}`, { isActive: false }); // nothing is sent off this machine
    expect((await admin.get('/api/admin/webhooks')).body.items).toHaveLength(before + 1);
  });

  it('a range the admin allows may be used; leaving it refuses delivery at connection time', async () => {
    process.env.YIWANG_WEBHOOK_ALLOW_PRIVATE = '127.0.0.0/8, ::1/128';
    const byAddress = await admin.post('/api/admin/webhooks', { name: '本机（放行）', url: receiver.url, eventTypes: ['case.dispatched'] });
    expect(byAddress.status).toBe(201);
    const byName = await admin.post('/api/admin/webhooks', { name: '本机名称（放行）', url: receiver.url.replace('127.0.0.1', 'localhost'), eventTypes: ['case.dispatched'] });
    expect(byName.status).toBe(201);

    // The allowance is withdrawn (or the name now resolves to a private address): nothing reaches the receiver.
    delete process.env.YIWANG_WEBHOOK_ALLOW_PRIVATE;
    const ids = await orgIds(intake);
    await intake.post('/api/cases', { ...sampleCase(ids.category('approval.construction_permit')), dispatch: { leadDepartmentId: ids.dept('zjj'), coDepartmentIds: [] } });
    await runNotificationPass(rt.deps);
    expect(receiver.requests()).toBe(0);
    for (const id of [byAddress.body.id, byName.body.id]) {
      const log = (await admin.get(`/api/admin/webhooks/${id}/deliveries`)).body.items[0].log;
      expect(log[0]).toMatchObject({ ok: false, statusCode: null });
      expect(log[0].error).toContain('WEBHOOK_TARGET_PRIVATE');
    }

    // Allowed again: the same deliveries go through.
    process.env.YIWANG_WEBHOOK_ALLOW_PRIVATE = '127.0.0.0/8,::1/128';
    for (const id of [byAddress.body.id, byName.body.id]) {
      const d = (await admin.get(`/api/admin/webhooks/${id}/deliveries`)).body.items[0];
      expect((await admin.post(`/api/admin/webhook-deliveries/${d.id}/replay`, {})).status).toBe(200);
    }
    await runNotificationPass(rt.deps);
    expect(receiver.requests()).toBe(2);
  });
});
