import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type Client } from '../kit/http.js';
import { orgIds, sampleCase } from '../kit/org.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';

let rt: TestRuntime;
let intake: Client;
let ids: Awaited<ReturnType<typeof orgIds>>;
const count = async (table: 'cases' | 'case_events' | 'assignments') =>
  Number((await rt.deps.database.db.selectFrom(table).select(rt.deps.database.db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  rt = await testRuntime();
  intake = await loginAs(rt.app, 'intake');
  ids = await orgIds(intake);
});
afterAll(() => rt.close());

describe('bad input gets a stable code, a zh-CN message and writes nothing', () => {
  it('malformed JSON', async () => {
    const r = await intake.post('/api/cases', '{"title": "半截', { 'content-type': 'application/json' });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'MALFORMED_JSON', message: '请求内容不是有效的 JSON' });
  });

  it('missing and over-long fields name the field in Chinese', async () => {
    const r = await intake.post('/api/cases', { ...sampleCase(ids.category('approval.construction_permit')), title: '', description: '长'.repeat(5001), submitterPhone: 'abc' });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('VALIDATION_FAILED');
    const fields = r.body.error.details.map((d: any) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['title', 'description', 'submitterPhone']));
    expect(r.body.error.details.find((d: any) => d.field === 'submitterPhone').message).toBe('电话号码格式不正确');
    expect(r.body.error.details.find((d: any) => d.field === 'title').message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('unknown category, unknown department, unknown command, unknown case', async () => {
    expect((await intake.post('/api/cases', sampleCase(99999))).body.error.code).toBe('CATEGORY_NOT_FOUND');
    const bad = await intake.post('/api/cases', { ...sampleCase(ids.category('approval.construction_permit')), dispatch: { leadDepartmentId: 99999, coDepartmentIds: [] } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('DEPARTMENT_NOT_FOUND');
    expect(await count('cases')).toBe(0);
    const id = (await intake.post('/api/cases', sampleCase(ids.category('approval.construction_permit')))).body.id;
    const unknown = await intake.post(`/api/cases/${id}/teleport`, {});
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('UNKNOWN_COMMAND');
    expect((await intake.get('/api/cases/424242')).body.error.code).toBe('CASE_NOT_FOUND');
    expect((await intake.post(`/api/cases/${id}/dispatch`, { leadDepartmentId: 99999, coDepartmentIds: [] })).body.error.code).toBe('DEPARTMENT_NOT_FOUND');
    expect(await count('assignments')).toBe(0);
    expect(await count('case_events')).toBe(1);
  });

  it('a command refused mid-way leaves no partial write', async () => {
    const id = (await intake.post('/api/cases', sampleCase(ids.category('approval.construction_permit')))).body.id;
    const before = [await count('case_events'), await count('assignments')];
    const r = await intake.post(`/api/cases/${id}/dispatch`, { leadDepartmentId: ids.dept('zjj'), coDepartmentIds: [ids.dept('zjj')] });
    expect(r.body.error.code).toBe('LEAD_IN_CO');
    expect([await count('case_events'), await count('assignments')]).toEqual(before);
    const detail = (await intake.get(`/api/cases/${id}`)).body;
    expect(detail.status).toBe('submitted');
    expect(detail.version).toBe(1);
  });

  it('the same Idempotency-Key creates one case; a different body under the same key is refused', async () => {
    const body = sampleCase(ids.category('approval.construction_permit'), { title: '幂等测试' });
    const key = 'retry-7f3a9c21';
    const [a, b] = await Promise.all([intake.post('/api/cases', body, { 'idempotency-key': key }), intake.post('/api/cases', body, { 'idempotency-key': key })]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.id).toBe(b.body.id);
    const c = await intake.post('/api/cases', { ...body, title: '另一件事' }, { 'idempotency-key': key });
    expect(c.status).toBe(409);
    expect(c.body.error.code).toBe('IDEMPOTENCY_CONFLICT');
    const rows = await rt.deps.database.db.selectFrom('cases').select('id').where('title', 'in', ['幂等测试', '另一件事']).execute();
    expect(rows).toHaveLength(1);
  });
});

describe('login', () => {
  // Issue 16: five failures no longer lock the account for everyone; they slow down that address for that account.
  it('five failed attempts from one address throttle that address for the account, with a Chinese message', async () => {
    const attempt = (password: string, remoteAddress = '10.250.0.1') => rt.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'zjj-head', password }, remoteAddress });
    for (let i = 0; i < 4; i++) expect((await attempt('wrong')).json().error.code).toBe('LOGIN_FAILED');
    const fifth = await attempt('wrong');
    expect(fifth.statusCode).toBe(429);
    expect(fifth.json().error.message).toBe('登录尝试过于频繁，请稍后再试');
    expect((await attempt('Demo@2021')).json().error.code).toBe('LOGIN_THROTTLED');
    expect((await attempt('Demo@2021', '10.250.0.2')).statusCode).toBe(200);
    rt.clock.advanceHours(1);
    expect((await attempt('Demo@2021')).statusCode).toBe(200);
  });

  it('an unknown user gets the same answer as a wrong password', async () => {
    const r = await rt.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'x' } });
    expect(r.statusCode).toBe(401);
    expect(r.json().error.code).toBe('LOGIN_FAILED');
  });

  it('sets an HttpOnly SameSite cookie and logout ends the session', async () => {
    const r = await rt.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'leader', password: 'Demo@2021' } });
    const cookie = r.cookies.find((c) => c.name === 'yw_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const headers = { cookie: `yw_session=${cookie.value}`, 'x-csrf-token': r.json().csrfToken };
    expect((await rt.app.inject({ method: 'POST', url: '/api/auth/logout', headers, payload: {} })).statusCode).toBe(200);
    expect((await rt.app.inject({ method: 'GET', url: '/api/auth/me', headers })).statusCode).toBe(401);
  });
});
