import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandTypes } from '../../src/domain/case/types.js';
import { loginAs, type Client } from '../kit/http.js';
import { orgIds, sampleCase } from '../kit/org.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';

let rt: TestRuntime;
const users = ['admin', 'intake', 'zjj-handler', 'zjj-head', 'scjg-handler', 'supervisor', 'leader'] as const;
type User = (typeof users)[number];
const as = {} as Record<User, Client>;
let caseId: number;

beforeAll(async () => {
  rt = await testRuntime();
  for (const u of users) as[u] = await loginAs(rt.app, u);
  const ids = await orgIds(as.intake);
  caseId = (await as.intake.post('/api/cases', { ...sampleCase(ids.category('approval.construction_permit')), dispatch: { leadDepartmentId: ids.dept('zjj'), coDepartmentIds: [] } })).body.id;
});
afterAll(() => rt.close());

describe('every endpoint checks who may call it', () => {
  it('refuses every API endpoint without a session', async () => {
    const get = ['/api/auth/me', '/api/org', '/api/users', '/api/cases', `/api/cases/${caseId}`];
    for (const url of get) {
      const r = await rt.app.inject({ method: 'GET', url });
      expect(r.statusCode, url).toBe(401);
      expect(r.json().error.code).toBe('UNAUTHENTICATED');
    }
    const post = ['/api/auth/logout', '/api/cases', ...commandTypes.map((c) => `/api/cases/${caseId}/${c}`)];
    for (const url of post) {
      const r = await rt.app.inject({ method: 'POST', url, payload: {} });
      expect([400, 401], url).toContain(r.statusCode);
      if (r.statusCode === 400) expect(r.json().error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('public endpoints stay public: health, OpenAPI, docs', async () => {
    expect((await rt.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    const spec = await rt.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(spec.statusCode).toBe(200);
    expect(Object.keys(spec.json().paths)).toEqual(expect.arrayContaining(['/api/cases', '/api/cases/{id}', '/api/cases/{id}/dispatch', '/api/auth/login']));
    expect((await rt.app.inject({ method: 'GET', url: '/api/docs' })).statusCode).toBeLessThan(400);
  });

  it('refuses a cookie-authenticated write without the CSRF token', async () => {
    const login = await rt.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'intake', password: 'Demo@2021' } });
    const cookie = `yw_session=${login.cookies.find((c) => c.name === 'yw_session')!.value}`;
    const r = await rt.app.inject({ method: 'POST', url: '/api/cases', headers: { cookie }, payload: sampleCase(1) });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('CSRF_FAILED');
    const count = await rt.deps.database.db.selectFrom('cases').select(rt.deps.database.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  const expectations: { name: string; call: (c: Client) => Promise<{ status: number }>; allowed: User[]; refusedStatus: number }[] = [
    { name: 'GET /api/org', call: (c) => c.get('/api/org'), allowed: [...users], refusedStatus: 403 },
    // 营商环境评价指标 and stories (docs/indicators.md).
    { name: 'GET /api/indicators', call: (c) => c.get('/api/indicators'), allowed: ['admin', 'zjj-handler', 'zjj-head', 'scjg-handler', 'supervisor', 'leader'], refusedStatus: 403 },
    { name: 'GET /api/indicators/dashboard', call: (c) => c.get('/api/indicators/dashboard'), allowed: ['supervisor', 'leader'], refusedStatus: 403 },
    { name: 'GET /api/indicators/presses', call: (c) => c.get('/api/indicators/presses'), allowed: ['admin', 'zjj-handler', 'zjj-head', 'scjg-handler', 'supervisor', 'leader'], refusedStatus: 403 },
    { name: 'GET /api/stories', call: (c) => c.get('/api/stories'), allowed: ['zjj-handler', 'zjj-head', 'scjg-handler', 'supervisor'], refusedStatus: 403 },
    // An empty source year is refused (422) only after the permission check: it counts as let through.
    { name: 'POST /api/indicators/copy-year', call: (c) => c.post('/api/indicators/copy-year', { system: 'province', fromYear: 2001, toYear: 2002 }).then((r) => ({ status: r.status === 422 ? 200 : r.status })), allowed: ['admin', 'supervisor'], refusedStatus: 403 },
    { name: 'GET /api/users', call: (c) => c.get('/api/users'), allowed: ['admin', 'supervisor'], refusedStatus: 403 },
    { name: 'GET /api/cases', call: (c) => c.get('/api/cases'), allowed: [...users], refusedStatus: 403 },
    { name: 'GET /api/cases/:id', call: (c) => c.get(`/api/cases/${caseId}`), allowed: ['admin', 'intake', 'zjj-handler', 'zjj-head', 'supervisor', 'leader'], refusedStatus: 404 },
    { name: 'POST /api/cases', call: (c) => c.post('/api/cases', sampleCase(1)), allowed: ['intake', 'supervisor'], refusedStatus: 403 },
  ];
  for (const e of expectations) {
    it(`${e.name}: allowed for ${e.allowed.join(', ')}`, async () => {
      for (const u of users) {
        const r = await e.call(as[u]);
        if (e.allowed.includes(u)) expect(r.status, u).toBeLessThan(300);
        else expect(r.status, u).toBe(e.refusedStatus);
      }
    });
  }

  it('a department sees only its own cases in lists', async () => {
    const own = (await as['zjj-handler'].get('/api/cases?view=all&limit=100')).body.items;
    expect(own.map((c: any) => c.id)).toContain(caseId);
    const other = (await as['scjg-handler'].get('/api/cases?view=all&limit=100')).body.items;
    expect(other.map((c: any) => c.id)).not.toContain(caseId);
  });

  it('each command refuses roles that may not issue it, with no event written', async () => {
    const before = await rt.deps.database.db.selectFrom('case_events').select('id').where('case_id', '=', caseId).execute();
    // The case is dispatched to zjj: only zjj staff may sign; the leader, admin and desk may not.
    for (const u of ['admin', 'leader', 'intake', 'supervisor'] as const) {
      const r = await as[u].post(`/api/cases/${caseId}/sign`, {});
      expect(r.status, u).toBe(403);
      // The admin has no case commands at all (FORBIDDEN); the others lack this one (ROLE_NOT_ALLOWED).
      expect(r.body.error.code).toBe(u === 'admin' ? 'FORBIDDEN' : 'ROLE_NOT_ALLOWED');
    }
    const other = await as['scjg-handler'].post(`/api/cases/${caseId}/sign`, {});
    expect(other.status).toBe(404);
    expect((await as.admin.post(`/api/cases/${caseId}/instruct`, { text: '批示' })).body.error.code).toBe('FORBIDDEN');
    expect((await as.intake.post(`/api/cases/${caseId}/instruct`, { text: '批示' })).body.error.code).toBe('ROLE_NOT_ALLOWED');
    const after = await rt.deps.database.db.selectFrom('case_events').select('id').where('case_id', '=', caseId).execute();
    expect(after.length).toBe(before.length);
  });
});
