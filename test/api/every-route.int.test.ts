import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs } from '../kit/http.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';

// Walks every route the app registers — including those added later by any area — and checks that nothing outside
// the public prefixes answers without a session, and that no cookie-authenticated write goes through without the
// session's CSRF token.
let rt: TestRuntime;

beforeAll(async () => {
  rt = await testRuntime();
});
afterAll(() => rt.close());

// Anything outside /api (Open311, health, the built web client) is public by design; inside it only these.
const isPublic = (url: string) => !url.startsWith('/api/') || url.startsWith('/api/public/') || url.startsWith('/api/docs')
  || ['/api/openapi.json', '/api/auth/login'].includes(url);

/** A concrete URL for a pattern: every path parameter becomes 1. */
const concrete = (url: string) => url.replace(/:[A-Za-z_]+/g, '1').replace(/\*$/, 'x');

describe('every route', () => {
  it('has a reasonable number of routes registered', () => {
    expect(rt.app.routeList.length).toBeGreaterThan(40);
  });

  it('refuses callers without a session everywhere outside the public prefixes', async () => {
    const failures: string[] = [];
    for (const r of rt.app.routeList) {
      if (isPublic(r.url)) continue;
      const res = await rt.app.inject({ method: r.method as 'GET', url: concrete(r.url), payload: r.method === 'GET' || r.method === 'DELETE' ? undefined : {} });
      // The session is checked before the body is validated: always 401, never 400, 2xx, 404 or 5xx.
      if (res.statusCode !== 401 || res.json().error?.code !== 'UNAUTHENTICATED') failures.push(`${r.method} ${r.url} → ${res.statusCode}`);
    }
    expect(failures).toEqual([]);
  });

  it('refuses every cookie-authenticated write without the CSRF token', async () => {
    const login = await rt.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'Demo@2021' } });
    const cookie = `yw_session=${login.cookies.find((c) => c.name === 'yw_session')!.value}`;
    const failures: string[] = [];
    for (const r of rt.app.routeList) {
      if (['GET', 'OPTIONS'].includes(r.method) || isPublic(r.url) || r.url === '/api/auth/login') continue;
      const res = await rt.app.inject({ method: r.method as 'POST', url: concrete(r.url), payload: {}, headers: { cookie } });
      if (res.statusCode !== 403 || res.json().error?.code !== 'CSRF_FAILED') failures.push(`${r.method} ${r.url} → ${res.statusCode}`);
    }
    expect(failures).toEqual([]);
    // And the session still works with the token.
    const admin = await loginAs(rt.app, 'admin');
    expect((await admin.get('/api/auth/me')).status).toBe(200);
  });
});
