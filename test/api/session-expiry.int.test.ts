import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionTtlMs } from '../../src/server/modules/auth/sessions.js';
import { loginAs } from '../kit/http.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await testRuntime('2026-11-02T09:00:00+08:00');
  rt.deps.sessionTtlMs = undefined; // the production lifetime
});
afterAll(() => rt.close());

describe('session lifetime', () => {
  it('ends a session at its expiry by the application clock, even while this process has it cached', async () => {
    const intake = await loginAs(rt.app, 'intake');
    expect((await intake.get('/api/auth/me')).status).toBe(200); // now cached in this process
    rt.clock.advanceHours(sessionTtlMs / 3_600_000 - 1);
    expect((await intake.get('/api/auth/me')).status).toBe(200);
    rt.clock.advanceHours(2);
    const expired = await intake.get('/api/auth/me');
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe('UNAUTHENTICATED');
  });
});
