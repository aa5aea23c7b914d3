import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword } from '../../src/server/demo/seed-org.js';
import { loginAs } from '../kit/http.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';

// Issue 16 item 3: sign-in throttles that a stranger cannot turn against a real user, and no answer that tells a
// real username from a made-up one. Addresses are simulated with inject's remoteAddress.

let rt: TestRuntime;
beforeAll(async () => {
  rt = await testRuntime();
});
afterAll(async () => rt?.close());

const attempt = (username: string, password: string, ip: string) =>
  rt.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip });

describe('login abuse', () => {
  it('five wrong passwords from an attacker address do not lock the real user out of their own address', async () => {
    const attacker = '198.51.100.10';
    const codes: string[] = [];
    for (let i = 0; i < 6; i++) codes.push((await attempt('zjj-handler', 'wrong', attacker)).json().error.code);
    expect(codes.slice(0, 4)).toEqual(Array(4).fill('LOGIN_FAILED'));
    // The attacker's address is slowed down for this account (growing delays), not the account.
    expect(codes.slice(4)).toEqual(['LOGIN_THROTTLED', 'LOGIN_THROTTLED']);
    const throttled = await attempt('zjj-handler', demoPassword, attacker);
    expect(throttled.statusCode).toBe(429);
    expect(throttled.json().error.message).toBe('登录尝试过于频繁，请稍后再试');
    expect(throttled.json().error.details.retryAfterSeconds).toBeGreaterThan(0);
    expect((await attempt('zjj-handler', demoPassword, '203.0.113.20')).statusCode).toBe(200);
    // The delay ends by itself.
    rt.clock.advanceHours(0.5);
    expect((await attempt('zjj-handler', demoPassword, attacker)).statusCode).toBe(200);
  });

  it('an unknown username and a wrong password get identical answers, also once throttled', async () => {
    const same = async (username: string, ip: string) => {
      const out: { status: number; body: unknown }[] = [];
      for (let i = 0; i < 7; i++) {
        const r = await attempt(username, 'wrong', ip);
        const body = r.json();
        if (body.error.details) body.error.details.retryAfterSeconds = 'n';
        out.push({ status: r.statusCode, body });
      }
      return out;
    };
    const known = await same('zjj-head', '198.51.100.21');
    const unknown = await same('no-such-user', '198.51.100.22');
    expect(unknown).toEqual(known);
    expect(known[0]).toEqual({ status: 401, body: { error: { code: 'LOGIN_FAILED', message: '用户名或密码错误' } } });
    expect(known[6]!.status).toBe(429);
  });

  it('one address trying 40 usernames is throttled after 20 failures, for every account; others are not', async () => {
    const ip = '198.51.100.30';
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await attempt(`user${i}`, 'wrong', ip)).statusCode);
    expect(statuses.slice(0, 19)).toEqual(Array(19).fill(401));
    expect(statuses.slice(19)).toEqual(Array(21).fill(429));
    const r = await attempt('leader', demoPassword, ip);
    expect(r.statusCode).toBe(429);
    expect(r.json().error.code).toBe('LOGIN_THROTTLED');
    expect((await attempt('leader', demoPassword, '198.51.100.31')).statusCode).toBe(200);
    // The admins are told once for this burst, not once per attempt.
    const admin = await loginAs(rt.app, 'admin');
    const inbox = (await admin.get('/api/notifications?pageSize=50')).body.items.filter((n: any) => n.eventType === 'security.login_abuse' && n.title.includes(ip));
    expect(inbox).toHaveLength(1);
    expect(inbox[0].caseId).toBeNull();
    const locks = (await admin.get('/api/admin/login-locks')).body.items;
    expect(locks).toContainEqual(expect.objectContaining({ kind: 'address', subject: ip }));
    rt.clock.advanceHours(0.5);
    expect((await attempt('leader', demoPassword, ip)).statusCode).toBe(200);
  });

  it('50 failures across addresses lock the account for everyone (423) for 15 minutes, then it opens by itself', async () => {
    for (let i = 0; i < 49; i++) expect((await attempt('supervisor', 'wrong', `192.0.2.${i + 1}`)).statusCode).toBe(401);
    const fiftieth = await attempt('supervisor', 'wrong', '192.0.2.100');
    expect(fiftieth.statusCode).toBe(423);
    expect(fiftieth.json().error.code).toBe('ACCOUNT_LOCKED');
    expect((await attempt('supervisor', demoPassword, '192.0.2.200')).statusCode).toBe(423);
    // A made-up name locks the same way: the lock says nothing about existence.
    for (let i = 0; i < 49; i++) await attempt('ghost-user', 'wrong', `192.0.2.${i + 1}`);
    expect((await attempt('ghost-user', 'wrong', '192.0.2.100')).json().error.code).toBe('ACCOUNT_LOCKED');

    const admin = await loginAs(rt.app, 'admin');
    expect((await admin.get('/api/admin/login-locks')).body.items).toContainEqual(expect.objectContaining({ kind: 'account', subject: 'supervisor', failures: 50 }));
    const alerts = (await admin.get('/api/notifications?pageSize=50')).body.items.filter((n: any) => n.title.includes('「supervisor」'));
    expect(alerts).toHaveLength(1);
    const handler = await loginAs(rt.app, 'zjj-handler');
    expect((await handler.get('/api/admin/login-locks')).status).toBe(403);

    rt.clock.advanceHours(0.26);
    expect((await attempt('supervisor', demoPassword, '192.0.2.200')).statusCode).toBe(200);
    // The lock counted again from zero: one more failure does not renew it.
    expect((await attempt('supervisor', 'wrong', '192.0.2.201')).statusCode).toBe(401);
    expect((await attempt('supervisor', demoPassword, '192.0.2.202')).statusCode).toBe(200);
  });
});
