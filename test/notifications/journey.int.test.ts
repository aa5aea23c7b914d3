import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNotificationPass } from '../../src/server/jobs/notification-worker.js';
import { sweepSla } from '../../src/server/jobs/sla-sweep.js';
import { loginAs, type Client } from '../kit/http.js';
import { orgIds, sampleCase } from '../kit/org.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';
import { startSmtpSink } from './sinks.js';

// The "done when", seen from the inboxes: a case left untouched across National Day 2024 turns yellow and
// red, the department is urged, the office issues a supervision order, the department answers it — and everyone
// concerned got the in-app and e-mail notices.

let rt: TestRuntime;
let intake: Client, supervisor: Client, handler: Client, head: Client;
let ids: Awaited<ReturnType<typeof orgIds>>;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;

beforeAll(async () => {
  rt = await testRuntime('2024-09-27T10:00:00+08:00');
  smtp = await startSmtpSink();
  rt.deps.notifications.mailer.config.smtpUrl = smtp.url;
  [intake, supervisor, handler, head] = await Promise.all(['intake', 'supervisor', 'rsj-handler', 'rsj-head'].map((u) => loginAs(rt.app, u)));
  ids = await orgIds(intake);
});
afterAll(async () => {
  rt.deps.notifications.mailer.close();
  await rt.close();
  await smtp.close();
});

const inboxTypes = async (c: Client, caseId: number) =>
  (await c.get('/api/notifications?pageSize=100')).body.items.filter((n: any) => n.caseId === caseId).map((n: any) => n.eventType).reverse();
const mailSubjects = (address: string) => smtp.mails.filter((m) => m.to.includes(address)).map((m) => m.subject);

describe('every person concerned hears of every step', () => {
  it('dispatch → yellow → red, urge, escalation → supervision order → answer', async () => {
    const created = await intake.post('/api/cases', { ...sampleCase(ids.category('policy.talent'), { title: '人才补贴申请咨询' }), dispatch: { leadDepartmentId: ids.dept('rsj'), coDepartmentIds: [] } });
    const id = created.body.id;
    const code = created.body.code;
    expect((await handler.post(`/api/cases/${id}/sign`)).status).toBe(200);
    await runNotificationPass(rt.deps);

    for (const at of ['2024-10-08T10:06:00+08:00', '2024-10-08T17:30:00+08:00']) {
      rt.clock.set(at);
      await sweepSla(rt.deps);
      await runNotificationPass(rt.deps);
    }
    rt.clock.set('2024-10-09T09:00:00+08:00');
    const order = await supervisor.post(`/api/cases/${id}/orders`, { departmentId: ids.dept('rsj'), level: 'red', demands: '请两个工作日内办结并书面答复', deadline: { workingDays: 2 } });
    expect(order.status).toBe(201);
    await runNotificationPass(rt.deps);
    expect((await head.post(`/api/supervision/orders/${order.body.id}/answer`, { text: '补贴已于今日发放到位。' })).status).toBe(200);
    await runNotificationPass(rt.deps);

    // One notice per happening and person: the red warning says the department was urged (no second notice for the
    // system urge), and the supervisors hear of the escalation once.
    const departmentSees = ['case.dispatched', 'case.warned', 'case.warned', 'case.order_issued'];
    expect(await inboxTypes(handler, id)).toEqual(departmentSees);
    // The head answered the order, so is not told of it; the handler is not among the order_answered audience.
    expect(await inboxTypes(head, id)).toEqual(departmentSees);
    expect(await inboxTypes(supervisor, id)).toEqual(['case.escalated', 'case.order_answered']);

    expect(mailSubjects('rsj-handler@demo.yiwang.local')).toEqual([
      `【新派单】${code} 人才补贴申请咨询`, `【时限预警】${code} 人才补贴申请咨询`, `【超期提醒】${code} 人才补贴申请咨询`,
      `【督办单】${code} 人才补贴申请咨询`,
    ]);
    expect(mailSubjects('supervisor@demo.yiwang.local')).toEqual([`【超期转督办】${code} 人才补贴申请咨询`, `【督办单答复】${code} 人才补贴申请咨询`]);
    const bodies = (await handler.get('/api/notifications?pageSize=100')).body.items.filter((n: any) => n.caseId === id).map((n: any) => n.body).join('\n');
    const office = (await supervisor.get('/api/notifications?pageSize=100')).body.items.filter((n: any) => n.caseId === id).map((n: any) => n.body).join('\n');
    expect(`${bodies}\n${office}`).not.toMatch(/营商办|督查室/);
    expect(office).toContain('诉求已转入督办中心');
    const orderMail = smtp.mails.find((m) => m.to.includes('rsj-head@demo.yiwang.local') && m.subject.startsWith('【督办单】'))!;
    expect(orderMail.text).toContain('红牌督办单');
    expect(orderMail.text).toContain('请两个工作日内办结并书面答复');

    // Red-level steps also went out by SMS (logging gateway).
    const sms = await rt.deps.database.db.selectFrom('sms_log').select('text').execute();
    expect(sms.length).toBeGreaterThan(0);
  });

  it('a sweep that ran late (yellow and red at once) gives the department one notice, the red one', async () => {
    rt.clock.set('2024-10-10T09:00:00+08:00');
    const created = await intake.post('/api/cases', { ...sampleCase(ids.category('policy.talent'), { title: '迟到的巡检' }), dispatch: { leadDepartmentId: ids.dept('rsj'), coDepartmentIds: [] } });
    const id = created.body.id;
    await runNotificationPass(rt.deps);
    rt.clock.set('2024-10-14T09:00:00+08:00'); // past the sign deadline; no sweep ran in between
    await sweepSla(rt.deps);
    await runNotificationPass(rt.deps);
    const notices = (await head.get('/api/notifications?pageSize=100')).body.items.filter((n: any) => n.caseId === id);
    expect(notices.map((n: any) => n.eventType).reverse()).toEqual(['case.dispatched', 'case.warned']);
    expect(notices[0].title).toContain('【超期提醒】');
    expect(notices[0].body).toContain('签收时限已过');
  });
});
