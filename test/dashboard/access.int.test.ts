import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChangeWatcher } from '../../src/server/modules/dashboard/stream.js';
import type { AddressInfo } from 'node:net';
import { demoPassword } from '../../src/server/demo/seed-org.js';
import { sampleCase } from '../kit/org.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';
import { buildDataSet, drill, type DataSet } from './kit.js';

// Who may read which dashboard, department scoping, and bad input.

let rt: TestRuntime;
let data: DataSet;

beforeAll(async () => {
  rt = await testRuntime('2026-10-12T10:00:00+08:00');
  data = await buildDataSet(rt);
}, 120_000);
afterAll(() => rt?.close());

const month = 'from=2026-11-01&until=2026-11-21';

describe('authorization', () => {
  it('needs a session for every dashboard endpoint', async () => {
    for (const url of ['/api/dashboard/overview', `/api/dashboard/cases?measure=received&${month}`, '/api/dashboard/stream']) {
      const r = await rt.app.inject({ method: 'GET', url });
      expect(r.statusCode, url).toBe(401);
      expect(r.json().error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('refuses the intake desk (no dashboard:read)', async () => {
    for (const url of ['/api/dashboard/overview', `/api/dashboard/cases?measure=received&${month}`, '/api/dashboard/stream']) {
      const r = await data.as.intake.get(url);
      expect(r.status, url).toBe(403);
      expect(r.body.error.code).toBe('FORBIDDEN');
    }
  });

  it('gives leaders, supervisors and admins the whole city and any department', async () => {
    for (const who of ['leader', 'supervisor', 'admin'] as const) {
      const city = await data.as[who].get('/api/dashboard/overview');
      expect(city.status, who).toBe(200);
      expect(city.body.scope).toEqual({ departmentId: null, departmentName: null });
      expect(city.body.kpis.received.value).toBe(5);
      const zjj = await data.as[who].get(`/api/dashboard/overview?departmentId=${data.ids.dept('zjj')}`);
      expect(zjj.body.scope.departmentId).toBe(data.ids.dept('zjj'));
      expect((await drill(data.as[who], { measure: 'received', from: '2026-11-01', until: '2026-11-21' })).ids).toHaveLength(5);
    }
  });

  it('keeps handlers and heads to their own department, and refuses another one', async () => {
    const zjj = data.ids.dept('zjj');
    for (const who of ['zjj-handler', 'zjj-head'] as const) {
      const own = await data.as[who].get('/api/dashboard/overview');
      expect(own.status).toBe(200);
      expect(own.body.scope).toEqual({ departmentId: zjj, departmentName: '市住房和城乡建设局' });
      // zjj leads c4, c6 (c8 moved to rsj) this month; its own red clocks: c4 (reply); c1's sign clock went red in October.
      expect(own.body.kpis.received.value).toBe(2);
      expect(own.body.kpis.overdue.value).toBe(1);
      expect(own.body.kpis.overdueNow.value).toBe(2);
      expect(own.body.heatmap.departments.map((d: any) => d.departmentId)).toEqual([zjj]);
      expect((await data.as[who].get(`/api/dashboard/overview?departmentId=${zjj}`)).status).toBe(200);

      const other = await data.as[who].get(`/api/dashboard/overview?departmentId=${data.ids.dept('rsj')}`);
      expect(other.status).toBe(403);
      expect(other.body.error).toMatchObject({ code: 'DASHBOARD_DEPARTMENT_FORBIDDEN', message: '只能查看本单位的数据看板' });
      expect((await data.as[who].get(`/api/dashboard/cases?measure=received&${month}&departmentId=${data.ids.dept('rsj')}`)).status).toBe(403);

      // Without a department the list is still their own: the city-wide slice is never shown to them.
      const list = await drill(data.as[who], { measure: 'received', from: '2026-11-01', until: '2026-11-21' });
      expect(list.ids.sort()).toEqual([data.cases.c4, data.cases.c6].sort());
      expect(list.total).toBe(2);
      const overdueNow = await drill(data.as[who], { measure: 'overdue_now' });
      expect(overdueNow.ids.sort()).toEqual([data.cases.c1, data.cases.c4].sort());
    }
    const rsj = await data.as['rsj-handler'].get('/api/dashboard/overview');
    expect(rsj.body.kpis.received.value).toBe(2); // c5, c8 (returned to rsj)
    expect((await drill(data.as['rsj-handler'], { measure: 'overdue', from: '2026-11-01', until: '2026-11-21' })).ids).toEqual([data.cases.c8]);
  });

  it('lets a department open every case its dashboard lists', async () => {
    for (const who of ['zjj-handler', 'rsj-handler', 'scjg-handler'] as const) {
      for (const slice of [{ measure: 'received', from: '2026-10-01', until: '2026-11-21' }, { measure: 'overdue', from: '2026-10-01', until: '2026-11-21' }, { measure: 'overdue_now' }]) {
        for (const id of (await drill(data.as[who], slice)).ids) expect((await data.as[who].get(`/api/cases/${id}`)).status, `${who} case ${id}`).toBe(200);
      }
    }
  });
});

describe('bad input', () => {
  it('refuses malformed months, ranges and filters with stable codes and zh-CN messages', async () => {
    const cases: [string, number, string][] = [
      ['/api/dashboard/overview?month=2026-13', 422, 'DASHBOARD_MONTH_INVALID'],
      ['/api/dashboard/overview?month=2026-12', 422, 'DASHBOARD_MONTH_INVALID'], // after this month
      ['/api/dashboard/overview?month=nov', 422, 'DASHBOARD_MONTH_INVALID'],
      ['/api/dashboard/overview?departmentId=999999', 422, 'DEPARTMENT_NOT_FOUND'],
      ['/api/dashboard/cases?measure=received', 422, 'DASHBOARD_RANGE_INVALID'],
      ['/api/dashboard/cases?measure=received&from=2026-11-21&until=2026-11-01', 422, 'DASHBOARD_RANGE_INVALID'],
      ['/api/dashboard/cases?measure=received&from=2024-01-01&until=2026-11-01', 422, 'DASHBOARD_RANGE_INVALID'],
      ['/api/dashboard/cases?measure=received&from=2026-02-30&until=2026-03-05', 422, 'DASHBOARD_RANGE_INVALID'],
      ['/api/dashboard/cases?measure=everything&from=2026-11-01&until=2026-11-21', 400, 'VALIDATION_FAILED'],
      ['/api/dashboard/cases?measure=received&from=2026/11/01&until=2026-11-21', 400, 'VALIDATION_FAILED'],
      [`/api/dashboard/cases?measure=received&${month}&categoryId=999999`, 422, 'CATEGORY_NOT_FOUND'],
      [`/api/dashboard/cases?measure=received&${month}&districtId=999999`, 422, 'DEPARTMENT_NOT_FOUND'],
      [`/api/dashboard/cases?measure=received&${month}&cursor=bm9wZQ`, 400, 'VALIDATION_FAILED'],
      [`/api/dashboard/cases?measure=received&${month}&limit=500`, 400, 'VALIDATION_FAILED'],
    ];
    for (const [url, status, code] of cases) {
      const r = await data.as.leader.get(url);
      expect({ url, status: r.status, code: r.body.error?.code }).toEqual({ url, status, code });
      expect(r.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
  });
});

describe('live refresh', () => {
  it('the watcher tells subscribers when any case changed, and not otherwise', async () => {
    const watcher = new ChangeWatcher(rt.deps, 3_600_000); // the interval never fires in the test: check() is driven by hand
    const marks: number[] = [];
    const stop = watcher.subscribe((m) => marks.push(m));
    await watcher.check();
    await watcher.check();
    expect(marks).toEqual([]);
    const created = await data.as.intake.post('/api/cases', sampleCase(data.ids.category('policy.talent'), { title: '看板实时刷新' }));
    expect(created.status).toBe(201);
    await watcher.check();
    const top = await sql<{ m: number }>`SELECT max(id) AS m FROM case_events`.execute(rt.deps.database.db);
    expect(marks).toEqual([Number(top.rows[0].m)]);
    stop();
  });

  it('the overview follows a new case at once (its shared computation is keyed on the event mark)', async () => {
    const before = (await data.as.leader.get('/api/dashboard/overview')).body.kpis.received.value;
    expect((await data.as.leader.get('/api/dashboard/overview')).body.kpis.received.value).toBe(before);
    const created = await data.as.intake.post('/api/cases', sampleCase(data.ids.category('policy.talent'), { title: '看板缓存' }));
    expect(created.status).toBe(201);
    expect((await data.as.leader.get('/api/dashboard/overview')).body.kpis.received.value).toBe(before + 1);
  });

  it('streams server-sent events to a department head, starting with ready', async () => {
    const login = await rt.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'rsj-head', password: demoPassword } });
    const cookie = `yw_session=${login.cookies.find((c) => c.name === 'yw_session')!.value}`;
    await rt.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = rt.app.server.address() as AddressInfo;
    const abort = new AbortController();
    const res = await fetch(`http://127.0.0.1:${port}/api/dashboard/stream`, { headers: { cookie }, signal: abort.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    let text = '';
    while (!text.includes('event: ready')) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toMatch(/event: ready\ndata: \{"mark":\d+\}/);
    abort.abort();
  });
});
