import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword } from '../../src/server/demo/seed-org.js';
import { loginAs } from '../kit/http.js';
import { orgIds, sampleCase } from '../kit/org.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';
import { mustSignIn, readXlsx, xlsx, type PeopleClient } from './kit.js';

// The account import (dry run, bad rows, one-time passwords file) and what several roles let one person do.
let rt: TestRuntime;
let admin: PeopleClient;

beforeAll(async () => {
  rt = await testRuntime();
  admin = await mustSignIn(rt.app, 'admin', demoPassword);
});
afterAll(() => rt.close());

const header = ['姓名', '用户名', '单位（名称或编码）', '角色（多个用、分隔）', '手机', '邮箱'];

describe('account import', () => {
  it('lists each bad row in Chinese on the dry run, then imports the good rows and gives their one-time passwords once', async () => {
    const file = await xlsx([
      header,
      ['周一', 'zhou.yi', 'zjj', '承办人、承办单位负责人', '13900000001', 'zy@example.cn'],
      ['吴二', 'wu.er', '市住房和城乡建设局', '督办员,系统管理员', '', ''],
      ['郑三', 'admin', 'zjj', '承办人', '', ''],
      ['钱四', 'qian.si', '不存在的局', '承办人', '', ''],
      ['孙五', 'sun.wu', 'zjj', '扫地僧', '123', 'bad'],
      ['周一同名', 'zhou.yi', 'zjj', '承办人', '', ''],
    ]);
    const dry = await admin.upload('/api/admin/users/import?dryRun=1', 'accounts.xlsx', file);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, total: 6, good: 2, imported: 0, credentialsXlsx: null });
    const problems = Object.fromEntries(dry.body.problems.map((p: any) => [p.rowNumber, p.problems]));
    expect(problems[4]).toEqual(['用户名「admin」已存在']);
    expect(problems[5]).toEqual(['单位「不存在的局」不存在（请填写单位名称或单位编码）']);
    expect(problems[6]).toEqual(['角色「扫地僧」无法识别（可填：系统管理员、受理员、承办人、承办单位负责人、督办员、市领导、代表委员）', '手机号「123」格式不正确（11 位数字）', '邮箱「bad」格式不正确']);
    expect(problems[7]).toEqual(['用户名「zhou.yi」与第 2 行重复']);
    expect(await rt.deps.database.db.selectFrom('users').select('id').where('username', 'in', ['zhou.yi', 'wu.er']).execute()).toEqual([]);

    const real = await admin.upload('/api/admin/users/import?dryRun=0', 'accounts.xlsx', file);
    expect(real.body).toMatchObject({ dryRun: false, total: 6, good: 2, imported: 2 });
    expect(real.body.problems).toHaveLength(4);
    const rows = await readXlsx(real.body.credentialsXlsx);
    expect(rows[0]).toEqual(['姓名', '用户名', '单位', '一次性密码', '说明']);
    const zhou = rows.find((r) => r[1] === 'zhou.yi')!;
    const user = await mustSignIn(rt.app, 'zhou.yi', zhou[3]);
    expect(user.user).toMatchObject({ roles: ['handler', 'head'], mustChangePassword: true });
    const wu = await rt.deps.database.db.selectFrom('users').select(['roles', 'role']).where('username', '=', 'wu.er').executeTakeFirstOrThrow();
    expect(wu).toEqual({ roles: ['supervisor', 'admin'], role: 'supervisor' });
    const audit = await rt.deps.database.db.selectFrom('admin_audit').select(['action', 'after']).where('action', '=', 'user.import').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].after).toMatchObject({ count: 2 });
  });

  it('refuses a file without the required columns', async () => {
    const r = await admin.upload('/api/admin/users/import?dryRun=1', 'x.xlsx', await xlsx([['姓名', '电话'], ['甲', '1']]));
    expect(r.body.error.code).toBe('PEOPLE_IMPORT_COLUMNS');
  });
});

describe('several roles', () => {
  it('a person who is admin and supervisor manages accounts and suspends a case as supervisor', async () => {
    const yshb = (await orgIds(await loginAs(rt.app, 'admin'))).dept('yshb');
    const created = await admin.post('/api/admin/users', { username: 'dual', displayName: '双角色', departmentId: yshb, roles: ['admin', 'supervisor'] });
    const dual = await mustSignIn(rt.app, 'dual', created.body.oneTimePassword);
    await dual.post('/api/me/password', { oldPassword: created.body.oneTimePassword, newPassword: 'Two#Roles2026' });
    expect((await dual.get('/api/admin/users')).status).toBe(200);

    const intake = await loginAs(rt.app, 'intake');
    const ids = await orgIds(intake);
    const c = await intake.post('/api/cases', { ...sampleCase(ids.category('approval.construction_permit')), dispatch: { leadDepartmentId: ids.dept('zjj'), coDepartmentIds: [] } });
    const detail = await dual.get(`/api/cases/${c.body.id}`);
    expect(detail.body.allowedActions).toContain('suspend');
    // An admin alone may not; the person's supervisor role may, and the event says so.
    const onlyAdmin = await loginAs(rt.app, 'admin');
    expect((await onlyAdmin.post(`/api/cases/${c.body.id}/suspend`, { reason: '等待材料' })).status).toBe(403);
    const r = await dual.post(`/api/cases/${c.body.id}/suspend`, { reason: '等待企业补充材料' });
    expect(r.status).toBe(200);
    const event = await rt.deps.database.db.selectFrom('case_events').select(['type', 'actor_role', 'actor_user_id']).where('case_id', '=', c.body.id).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(event).toEqual({ type: 'case.suspended', actor_role: 'supervisor', actor_user_id: created.body.account.id });
  });

  it('a role change takes effect on the person\'s session at once', async () => {
    const zjj = (await orgIds(await loginAs(rt.app, 'admin'))).dept('zjj');
    const created = await admin.post('/api/admin/users', { username: 'grow', displayName: '晋升', departmentId: zjj, roles: ['handler'] });
    const user = await mustSignIn(rt.app, 'grow', created.body.oneTimePassword);
    await user.post('/api/me/password', { oldPassword: created.body.oneTimePassword, newPassword: 'Rise#2026ab' });
    expect((await user.get('/api/auth/me')).body.user.permissions).not.toContain('assessment:appeal');
    await admin.put(`/api/admin/users/${created.body.account.id}`, { roles: ['handler', 'head'] });
    expect((await user.get('/api/auth/me')).body.user).toMatchObject({ roles: ['handler', 'head'] });
    expect((await user.get('/api/auth/me')).body.user.permissions).toContain('assessment:appeal');
    const audit = await rt.deps.database.db.selectFrom('admin_audit').select(['before', 'after']).where('action', '=', 'user.roles').execute();
    expect(audit.at(-1)).toEqual({ before: { roles: ['handler'] }, after: { roles: ['handler', 'head'] } });
  });
});
