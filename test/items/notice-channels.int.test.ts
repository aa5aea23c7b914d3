import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNotificationPass } from '../../src/server/jobs/notification-worker.js';
import { sweepItemLights } from '../../src/server/modules/items/index.js';
import type { Client } from '../kit/http.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';
import { startSmtpSink } from '../notifications/sinks.js';
import { loginAll, type Staff } from '../supervision/kit.js';
import { keyTaskBody } from './kit.js';

// Item notices reach people by the channels case notices use, as their preferences ask: e-mail for every notice when
// a mailer is configured, a text message for a red light; through the delivery outbox, once (a rerun adds nothing).

let rt: TestRuntime;
let as: Record<Staff, Client & { user?: any }>;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;

beforeAll(async () => {
  rt = await testRuntime('2026-01-12T09:00:00+08:00');
  as = await loginAll(rt.app);
  smtp = await startSmtpSink();
  rt.deps.notifications.mailer.config.smtpUrl = smtp.url;
});
afterAll(async () => {
  rt.deps.notifications.mailer.close();
  await rt.close();
  await smtp.close();
});

const db = () => rt.deps.database.db;

describe('item notices by e-mail and text message', () => {
  it('a red light goes to the lead unit by inbox, e-mail and SMS as each person asked; once', async () => {
    // zjj-handler wants both; zjj-head wants neither.
    await db().updateTable('users').set({ notify_email: true, notify_sms: true, phone: '13800001111' }).where('username', '=', 'zjj-handler').execute();
    await db().updateTable('users').set({ notify_email: false, notify_sms: false, phone: '13800002222' }).where('username', '=', 'zjj-head').execute();
    const id = (await as.supervisor.post('/api/items', await keyTaskBody(as.supervisor))).body.id;
    rt.clock.set('2026-03-02T09:00:00+08:00');
    await sweepItemLights(rt.deps);
    const handler = await db().selectFrom('users').select(['id', 'email']).where('username', '=', 'zjj-handler').executeTakeFirstOrThrow();
    const head = await db().selectFrom('users').select('id').where('username', '=', 'zjj-head').executeTakeFirstOrThrow();
    const all = await db().selectFrom('notification_deliveries').selectAll().where('event_type', '=', 'item.light_changed').orderBy('id').execute();
    const deliveries = all.filter((d) => d.user_id === handler.id || d.user_id === head.id);
    // Two red reasons (the February report, the survey milestone): two notices, each by e-mail and SMS, to the handler only.
    expect(deliveries.map((d) => [d.channel, d.user_id]).sort()).toEqual([['email', handler.id], ['email', handler.id], ['sms', handler.id], ['sms', handler.id]]);
    expect(deliveries.every((d) => d.notification_id !== null && d.case_id === null && d.event_id === null)).toBe(true);
    expect(deliveries.find((d) => d.channel === 'sms')).toMatchObject({ target: '13800001111', body: expect.stringContaining('督办事项亮红灯') });
    // The head still gets the inbox notices.
    expect((await db().selectFrom('notifications').select('id').where('user_id', '=', head.id).where('event_type', '=', 'item.light_changed').execute()).length).toBe(2);

    await runNotificationPass(rt.deps);
    const mails0 = smtp.mails.filter((m) => m.to.includes(handler.email!));
    expect(mails0.map((m) => m.subject)).toEqual(['督办事项亮红灯：老旧小区加装电梯', '督办事项亮红灯：老旧小区加装电梯']);
    const sent = await db().selectFrom('notification_deliveries').select('status').where('event_type', '=', 'item.light_changed').execute();
    expect(new Set(sent.map((d) => d.status))).toEqual(new Set(['sent']));
    // A rerun of the sweep and of the worker sends nothing more.
    const mails = smtp.mails.length;
    await sweepItemLights(rt.deps);
    await runNotificationPass(rt.deps);
    expect(smtp.mails.length).toBe(mails);
    expect((await db().selectFrom('notification_deliveries').select('id').execute()).length).toBe(all.length);
    expect(id).toBeGreaterThan(0);
  });
});
