import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/engine.js';
import type { AppDeps } from '../../src/server/deps.js';
import { runNotificationPass } from '../../src/server/jobs/notification-worker.js';
import { assembleDeps } from '../../src/server/runtime.js';
import { demoPassword } from '../../src/server/demo/seed-org.js';
import { loginAs, type Client } from '../kit/http.js';
import { orgIds, sampleCase } from '../kit/org.js';
import { testEngine, testRuntime, type TestRuntime } from '../kit/runtime.js';

let rt: TestRuntime;
let base: string;
let intake: Client;
let ids: Awaited<ReturnType<typeof orgIds>>;
// On PostgreSQL the worker runs as "another process" (its own pool and hub): the notice must cross through NOTIFY.
let workerDeps: AppDeps;

beforeAll(async () => {
  rt = await testRuntime();
  await rt.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(rt.app.server.address() as AddressInfo).port}`;
  intake = await loginAs(rt.app, 'intake');
  ids = await orgIds(intake);
  workerDeps = testEngine === 'postgres'
    ? assembleDeps(await openDatabase({ databaseUrl: rt.deps.database.location, poolSize: 2 }), { now: () => rt.clock.now(), logLevel: 'silent' })
    : rt.deps;
});
afterAll(async () => {
  if (workerDeps !== rt.deps) await workerDeps.database.close();
  await rt.close();
});

async function sessionCookie(username: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: demoPassword }) });
  expect(res.status).toBe(200);
  return res.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.startsWith('yw_session='))!;
}

/** Reads server-sent events until `until` is satisfied. */
async function openStream(cookie: string) {
  const controller = new AbortController();
  const res = await fetch(`${base}/api/notifications/stream`, { headers: { cookie, accept: 'text/event-stream' }, signal: controller.signal });
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const events: { event: string; data: any }[] = [];
  let buffer = '';
  const next = async (until: () => boolean) => {
    while (!until()) {
      const { value, done } = await reader.read();
      if (done) throw new Error('stream ended');
      buffer += value;
      let i: number;
      while ((i = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data) events.push({ event, data: JSON.parse(data) });
      }
    }
  };
  return { res, events, next, close: () => controller.abort() };
}

describe('live notices over server-sent events', () => {
  it('a connected handler receives the notice of a dispatch and the new unread count', async () => {
    const stream = await openStream(await sessionCookie('zjj-handler'));
    try {
      expect(stream.res.status).toBe(200);
      expect(stream.res.headers.get('content-type')).toContain('text/event-stream');
      await stream.next(() => stream.events.some((e) => e.event === 'unread'));
      expect(stream.events[0]).toEqual({ event: 'unread', data: { unreadCount: 0 } });
      // The stream registers before the first count is sent, so nothing written after this point can be missed.
      const created = await intake.post('/api/cases', { ...sampleCase(ids.category('approval.construction_permit')), dispatch: { leadDepartmentId: ids.dept('zjj'), coDepartmentIds: [] } });
      await runNotificationPass(workerDeps);
      await stream.next(() => stream.events.some((e) => e.event === 'notification'));
      const notice = stream.events.find((e) => e.event === 'notification')!.data;
      expect(notice).toMatchObject({ caseId: created.body.id, eventType: 'case.dispatched', link: `/cases/${created.body.id}` });
      await stream.next(() => stream.events.filter((e) => e.event === 'unread').length >= 2);
      expect(stream.events.filter((e) => e.event === 'unread').at(-1)!.data).toEqual({ unreadCount: 1 });
    } finally {
      stream.close();
    }
  });

  it('another department’s stream hears nothing of it', async () => {
    const stream = await openStream(await sessionCookie('scjg-handler'));
    try {
      await stream.next(() => stream.events.length >= 1);
      await intake.post('/api/cases', { ...sampleCase(ids.category('approval.construction_permit')), dispatch: { leadDepartmentId: ids.dept('zjj'), coDepartmentIds: [] } });
      await runNotificationPass(workerDeps);
      // A notice for this user written afterwards arrives first, proving the earlier one was never sent here.
      await intake.post('/api/cases', { ...sampleCase(ids.category('approval.construction_permit')), dispatch: { leadDepartmentId: ids.dept('scjg'), coDepartmentIds: [] } });
      await runNotificationPass(workerDeps);
      await stream.next(() => stream.events.some((e) => e.event === 'notification'));
      const notices = stream.events.filter((e) => e.event === 'notification');
      expect(notices).toHaveLength(1);
      expect(notices[0].data.title).toContain('施工许可证办理超时');
      const own = (await (await loginAs(rt.app, 'scjg-handler')).get('/api/notifications')).body;
      expect(own.items.map((n: any) => n.id)).toEqual([notices[0].data.id]);
    } finally {
      stream.close();
    }
  });

  it('refuses a stream without a session', async () => {
    const res = await fetch(`${base}/api/notifications/stream`);
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('UNAUTHENTICATED');
  });
});
