import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zCrossingList, zSweepResult } from '../../src/contracts/sla.js';
import { loginAs, type Client } from '../kit/http.js';
import { orgIds, sampleCase } from '../kit/org.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';

let rt: TestRuntime;
const users = ['admin', 'intake', 'zjj-handler', 'zjj-head', 'scjg-handler', 'supervisor', 'leader'] as const;
type User = (typeof users)[number];
const as = {} as Record<User, Client>;
let caseId: number;

beforeAll(async () => {
  rt = await testRuntime('2024-09-27T10:00:00+08:00');
  for (const u of users) as[u] = await loginAs(rt.app, u);
  const ids = await orgIds(as.intake);
  const created = await as.intake.post('/api/cases', sampleCase(ids.category('approval.construction_permit')));
  caseId = created.body.id;
  if (created.body.status === 'submitted') await as.intake.post(`/api/cases/${caseId}/dispatch`, { leadDepartmentId: ids.dept('zjj') });
});
afterAll(() => rt.close());

describe('sla endpoints check who may call them', () => {
  it('refuse callers without a session', async () => {
    expect((await rt.app.inject({ method: 'GET', url: `/api/sla/crossings?caseId=${caseId}` })).statusCode).toBe(401);
    const r = await rt.app.inject({ method: 'POST', url: '/api/sla/sweep', payload: {} });
    expect(r.statusCode).toBe(401);
    expect(r.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('GET /api/sla/crossings: staff who can see the case; other departments get CASE_NOT_FOUND', async () => {
    for (const u of users) {
      const r = await as[u].get(`/api/sla/crossings?caseId=${caseId}`);
      if (u === 'scjg-handler') {
        expect(r.status, u).toBe(404);
        expect(r.body.error.code).toBe('CASE_NOT_FOUND');
      } else {
        expect(r.status, u).toBe(200);
        expect(zCrossingList.parse(r.body)).toMatchObject({ caseId, warningLevel: 'none', items: [] });
      }
    }
    expect((await as.supervisor.get('/api/sla/crossings?caseId=99999999')).body.error.code).toBe('CASE_NOT_FOUND');
    const bad = await as.supervisor.get('/api/sla/crossings?caseId=abc');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('POST /api/sla/sweep: supervisor and admin only; returns the counts', async () => {
    for (const u of ['intake', 'zjj-handler', 'zjj-head', 'scjg-handler', 'leader'] as const) {
      const r = await as[u].post('/api/sla/sweep');
      expect(r.status, u).toBe(403);
      expect(r.body.error.code).toBe('FORBIDDEN');
    }
    expect(await rt.deps.database.db.selectFrom('sla_crossings').selectAll().execute()).toEqual([]);

    rt.clock.set('2024-09-29T17:30:00+08:00'); // the sign deadline (make-up Sunday): yellow and red at once
    const r = await as.supervisor.post('/api/sla/sweep');
    expect(r.status).toBe(200);
    expect(zSweepResult.parse(r.body)).toMatchObject({ ran: true, crossings: 2, events: 4, urged: 1, escalated: 1, casesChanged: 1 });
    const again = await as.admin.post('/api/sla/sweep');
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ ran: true, crossings: 0, events: 0 });

    const list = (await as['zjj-handler'].get(`/api/sla/crossings?caseId=${caseId}`)).body;
    expect(list.warningLevel).toBe('red');
    expect(list.items.map((c: any) => [c.clock, c.level, c.departmentName])).toEqual([['sign', 'yellow', '市住房和城乡建设局'], ['sign', 'red', '市住房和城乡建设局']]);
    // The department sees the warning level in its list too.
    const mine = (await as['zjj-handler'].get('/api/cases?warningLevel=red')).body.items;
    expect(mine.map((c: any) => [c.id, c.warningLevel])).toEqual([[caseId, 'red']]);
    expect((await as['scjg-handler'].get('/api/cases?warningLevel=red')).body.items).toEqual([]);
    expect((await as.supervisor.get('/api/cases?warningLevel=purple')).status).toBe(400);
  });
});
