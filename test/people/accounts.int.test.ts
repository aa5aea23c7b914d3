import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword } from '../../src/server/demo/seed-org.js';
import { orgIds } from '../kit/org.js';
import { loginAs } from '../kit/http.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';
import { mustSignIn, signIn, type PeopleClient } from './kit.js';

// Accounts administration: create, edit, roles, deactivate, reset, sessions, unlock, the password policy, my account.
let rt: TestRuntime;
let admin: PeopleClient;
let zjj: number;
let yshb: number;

const audit = async (action: string) => (await rt.deps.database.db.selectFrom('admin_audit').select(['action', 'target_name', 'after']).where('action', '=', action).execute());

beforeAll(async () => {
  rt = await testRuntime();
  admin = await mustSignIn(rt.app, 'admin', demoPassword);
  const ids = await orgIds(await loginAs(rt.app, 'admin'));
  zjj = ids.dept('zjj');
  yshb = ids.dept('yshb');
});
afterAll(() => rt.close());

describe('accounts', () => {
  it('creates an account with two roles and a one-time password that must be changed before anything else', async () => {
    const r = await admin.post('/api/admin/users', { username: 'wang.wu', displayName: '王五', departmentId: zjj, roles: ['handler', 'head'], mobile: '13900001111' });
    expect(r.status).toBe(200);
    expect(r.body.account).toMatchObject({ username: 'wang.wu', role: 'handler', roles: ['handler', 'head'], mustChangePassword: true, mobile: '13900001111' });
    const otp: string = r.body.oneTimePassword;
    expect(otp).toMatch(/^[A-Za-z0-9]{16}$/);
    expect((await audit('user.create')).map((a) => a.target_name)).toContain('王五（wang.wu）');
    const row = await rt.deps.database.db.selectFrom('users').select(['role', 'roles', 'must_change_password']).where('username', '=', 'wang.wu').executeTakeFirstOrThrow();
    expect(row).toEqual({ role: 'handler', roles: ['handler', 'head'], must_change_password: true });

    const user = await mustSignIn(rt.app, 'wang.wu', otp);
    expect(user.user).toMatchObject({ mustChangePassword: true, roles: ['handler', 'head'] });
    expect(user.user.permissions).toContain('assessment:appeal'); // head's, not handler's
    expect((await user.get('/api/cases')).body.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await user.get('/api/cases')).status).toBe(403);
    expect((await user.get('/api/auth/me')).status).toBe(200);

    const weak = await user.post('/api/me/password', { oldPassword: otp, newPassword: 'short' });
    expect(weak.status).toBe(422);
    expect(weak.body.error.code).toBe('PASSWORD_WEAK');
    expect(weak.body.error.details.map((d: any) => d.message)).toEqual(['长度至少 8 位（当前 5 位）', '须包含大写字母、数字']);
    expect((await user.post('/api/me/password', { oldPassword: 'nope', newPassword: 'Strong#2026' })).body.error.code).toBe('PASSWORD_WRONG');
    expect((await user.post('/api/me/password', { oldPassword: otp, newPassword: 'Strong#2026' })).status).toBe(200);
    expect((await user.get('/api/auth/me')).body.user.mustChangePassword).toBe(false);
    expect((await user.get('/api/cases')).status).toBe(200);
    // No reuse of the last N: the one just set, and the one before it.
    const again = await user.post('/api/me/password', { oldPassword: 'Strong#2026', newPassword: 'Strong#2026' });
    expect(again.body.error.code).toBe('PASSWORD_REUSED');
    expect((await user.post('/api/me/password', { oldPassword: 'Strong#2026', newPassword: 'Other#2027x' })).status).toBe(200);
    expect((await user.post('/api/me/password', { oldPassword: 'Other#2027x', newPassword: 'Strong#2026' })).body.error.code).toBe('PASSWORD_REUSED');
  });

  it('refuses a duplicate username, an unknown unit and no role, writing nothing', async () => {
    const before = await rt.deps.database.db.selectFrom('users').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect((await admin.post('/api/admin/users', { username: 'ADMIN', displayName: '重名', departmentId: zjj, roles: ['handler'] })).body.error.code).toBe('USERNAME_TAKEN');
    expect((await admin.post('/api/admin/users', { username: 'new.one', displayName: '新人', departmentId: 999999, roles: ['handler'] })).body.error.code).toBe('UNIT_NOT_FOUND');
    expect((await admin.post('/api/admin/users', { username: 'new.one', displayName: '新人', departmentId: zjj, roles: [] })).status).toBe(400);
    expect((await admin.post('/api/admin/users', { username: 'bad name', displayName: '新人', departmentId: zjj, roles: ['handler'] })).status).toBe(400);
    const after = await rt.deps.database.db.selectFrom('users').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('never leaves the platform without an active administrator', async () => {
    const me = admin.user.id;
    expect((await admin.post(`/api/admin/users/${me}/deactivate`)).body.error.code).toBe('LAST_ADMIN');
    expect((await admin.put(`/api/admin/users/${me}`, { roles: ['supervisor'] })).body.error.code).toBe('LAST_ADMIN');
    const second = await admin.post('/api/admin/users', { username: 'admin2', displayName: '第二管理员', departmentId: yshb, roles: ['admin'] });
    // With another administrator: still not oneself.
    expect((await admin.post(`/api/admin/users/${me}/deactivate`)).body.error.code).toBe('CANNOT_DEACTIVATE_SELF');
    const other = second.body.account.id;
    const off = await admin.post(`/api/admin/users/${other}/deactivate`);
    expect(off.body).toMatchObject({ isActive: false });
    expect((await signIn(rt.app, 'admin2', second.body.oneTimePassword)).status).toBe(401);
    expect((await admin.post(`/api/admin/users/${other}/deactivate`)).body.error.code).toBe('USER_INACTIVE');
    expect((await admin.post(`/api/admin/users/${other}/reactivate`)).body).toMatchObject({ isActive: true });
    expect((await audit('user.deactivate')).length).toBe(1);
    expect((await audit('user.reactivate')).length).toBe(1);
  });

  it('resets a password: sessions end, the one-time password must be changed', async () => {
    const created = await admin.post('/api/admin/users', { username: 'li.si', displayName: '李四', departmentId: zjj, roles: ['handler'] });
    const id = created.body.account.id;
    const user = await mustSignIn(rt.app, 'li.si', created.body.oneTimePassword);
    await user.post('/api/me/password', { oldPassword: created.body.oneTimePassword, newPassword: 'Handler#2026' });
    expect((await user.get('/api/cases')).status).toBe(200);
    // A chosen password is checked against the policy.
    expect((await admin.post(`/api/admin/users/${id}/reset-password`, { password: 'weakpass' })).body.error.code).toBe('PASSWORD_WEAK');
    const reset = await admin.post(`/api/admin/users/${id}/reset-password`, {});
    expect(reset.status).toBe(200);
    expect(reset.body.account.mustChangePassword).toBe(true);
    expect((await user.get('/api/cases')).status).toBe(401);
    expect((await signIn(rt.app, 'li.si', 'Handler#2026')).status).toBe(401);
    const again = await mustSignIn(rt.app, 'li.si', reset.body.oneTimePassword);
    expect(again.user.mustChangePassword).toBe(true);
    expect((await audit('user.password_reset')).length).toBeGreaterThanOrEqual(1);
    // The audit trail never holds the password.
    expect(JSON.stringify(await audit('user.password_reset'))).not.toContain(reset.body.oneTimePassword);
  });

  it('lists and ends a person\'s sessions', async () => {
    const created = await admin.post('/api/admin/users', { username: 'zhao.liu', displayName: '赵六', departmentId: zjj, roles: ['handler'] });
    const id = created.body.account.id;
    const a = await mustSignIn(rt.app, 'zhao.liu', created.body.oneTimePassword);
    const b = await mustSignIn(rt.app, 'zhao.liu', created.body.oneTimePassword);
    const list = await admin.get(`/api/admin/users/${id}/sessions`);
    expect(list.body.items).toHaveLength(2);
    const one = list.body.items[0].id;
    expect((await admin.del(`/api/admin/users/${id}/sessions/${one}`)).body).toEqual({ ended: 1 });
    expect((await admin.get(`/api/admin/users/${id}/sessions`)).body.items).toHaveLength(1);
    expect((await admin.del(`/api/admin/users/${id}/sessions`)).body).toEqual({ ended: 1 });
    expect((await a.get('/api/auth/me')).status).toBe(401);
    expect((await b.get('/api/auth/me')).status).toBe(401);
    expect((await admin.del(`/api/admin/users/${id}/sessions`)).body.error.code).toBe('SESSION_NOT_FOUND');
    expect((await audit('user.sessions_end')).length).toBe(2);
  });

  it('lifts a sign-in lock early', async () => {
    const created = await admin.post('/api/admin/users', { username: 'locked.one', displayName: '锁定者', departmentId: zjj, roles: ['handler'] });
    const id = created.body.account.id;
    expect((await admin.post(`/api/admin/users/${id}/unlock`)).body.error.code).toBe('LOGIN_LOCK_NOT_FOUND');
    for (let i = 0; i < 5; i++) await signIn(rt.app, 'locked.one', 'wrong-password');
    expect((await signIn(rt.app, 'locked.one', created.body.oneTimePassword)).status).toBe(429);
    expect((await admin.post(`/api/admin/users/${id}/unlock`)).body).toEqual({ ok: true });
    expect((await signIn(rt.app, 'locked.one', created.body.oneTimePassword)).status).toBe(200);
    expect((await audit('user.unlock')).map((a) => a.target_name)).toEqual(['锁定者（locked.one）']);
  });

  it('searches and filters the list', async () => {
    const byName = await admin.get('/api/admin/users?q=' + encodeURIComponent('王五'));
    expect(byName.body.items.map((u: any) => u.username)).toEqual(['wang.wu']);
    const heads = await admin.get(`/api/admin/users?role=head&departmentId=${zjj}`);
    expect(heads.body.items.map((u: any) => u.username).sort()).toEqual(['wang.wu', 'zjj-head']);
    const byUnit = await admin.get('/api/admin/users?q=' + encodeURIComponent('住房'));
    expect(byUnit.body.total).toBeGreaterThan(0);
  });

  it('refuses accounts administration to everyone without users:manage', async () => {
    const handler = await mustSignIn(rt.app, 'zjj-handler', demoPassword);
    expect((await handler.get('/api/admin/users')).status).toBe(403);
    expect((await handler.post('/api/admin/users', { username: 'x1', displayName: 'x', departmentId: zjj, roles: ['admin'] })).status).toBe(403);
    expect((await handler.get('/api/admin/password-policy')).status).toBe(403);
  });
});

describe('password policy', () => {
  it('is set by an administrator, recorded, and applies to the next change', async () => {
    const bad = await admin.put('/api/admin/password-policy', { minLength: 4, requiredClasses: [], historyCount: 0, maxAgeDays: null });
    expect(bad.status).toBe(400);
    const set = await admin.put('/api/admin/password-policy', { minLength: 12, requiredClasses: ['lower', 'upper', 'digit', 'symbol'], historyCount: 3, maxAgeDays: 90 });
    expect(set.body).toMatchObject({ minLength: 12, maxAgeDays: 90 });
    expect(set.body.description).toContain('每 90 天须更换一次');
    expect((await audit('password_policy.update')).length).toBe(1);
    const created = await admin.post('/api/admin/users', { username: 'policy.user', displayName: '策略', departmentId: zjj, roles: ['handler'] });
    const user = await mustSignIn(rt.app, 'policy.user', created.body.oneTimePassword);
    const weak = await user.post('/api/me/password', { oldPassword: created.body.oneTimePassword, newPassword: 'Abcdefgh123' });
    expect(weak.body.error.details.map((d: any) => d.message)).toEqual(['长度至少 12 位（当前 11 位）', '须包含特殊符号']);
    expect((await user.post('/api/me/password', { oldPassword: created.body.oneTimePassword, newPassword: 'Abcdefgh123!' })).status).toBe(200);
  });

  it('an expired password must be changed at the next request', async () => {
    await rt.deps.database.db.updateTable('users').set({ password_changed_at: rt.deps.now() }).where('username', '=', 'zjj-head').execute();
    const user = await mustSignIn(rt.app, 'zjj-head', demoPassword);
    expect((await user.get('/api/cases')).status).toBe(200);
    rt.clock.advanceDays(91);
    const again = await mustSignIn(rt.app, 'zjj-head', demoPassword);
    expect(again.user.mustChangePassword).toBe(true);
    expect((await again.get('/api/cases')).body.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    await admin.put('/api/admin/password-policy', { minLength: 8, requiredClasses: ['lower', 'upper', 'digit'], historyCount: 5, maxAgeDays: null });
  });
});

describe('my account', () => {
  it('keeps contact addresses and notice preferences', async () => {
    const me = await mustSignIn(rt.app, 'zjj-handler', demoPassword);
    const put = await me.put('/api/me/account', { email: 'zh@example.cn', mobile: '13700001234', notifyEmail: false, notifySms: true });
    expect(put.body).toMatchObject({ email: 'zh@example.cn', mobile: '13700001234', notifyEmail: false, notifySms: true });
    expect((await me.put('/api/me/account', { email: 'not-an-email', mobile: '', notifyEmail: true, notifySms: true })).status).toBe(400);
    const row = await rt.deps.database.db.selectFrom('users').select(['email', 'phone', 'notify_email']).where('username', '=', 'zjj-handler').executeTakeFirstOrThrow();
    expect(row).toEqual({ email: 'zh@example.cn', phone: '13700001234', notify_email: false });
  });
});
