import multipart from '@fastify/multipart';
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  zAccount, zAccountImportReport, zAccountPage, zAccountQuery, zAccountSessions, zChangePassword, zCreateAccount, zMyAccount, zOneTimePassword,
  zPasswordPolicy, zPasswordPolicyView, zResetPassword, zUpdateAccount, zUpdateMyAccount,
} from '../../../../contracts/people.js';
import { zId, zStr } from '../../../../contracts/common.js';
import { AppError } from '../../../errors.js';
import { requireUser } from '../../../http/auth-hooks.js';
import { readTable } from '../../../import-file/read-table.js';
import { sessionCookie, type SessionStore } from '../sessions.js';
import { createAccount, findAccounts, getAccount, resetPassword, setActive, updateAccount } from './accounts.js';
import { importAccounts } from './import-accounts.js';
import { changeMyPassword, getMyAccount, updateMyAccount } from './my-account.js';
import { getPolicy, presentPolicy, updatePolicy } from './policy.js';
import { endSessions, listSessions, unlockAccount } from './sessions-admin.js';

const zIdParams = z.object({ id: zId });
const ok = z.object({ ok: z.boolean() });
const maxImportBytes = 20 * 1024 * 1024;

/** Accounts administration (users:manage), the password policy, and every person's own account. */
export function peopleRoutes(sessions: SessionStore): FastifyPluginAsyncZod {
  const deps = sessions.deps;
  const { db } = deps.database;
  return async (app) => {
    await app.register(multipart, { limits: { fileSize: maxImportBytes, files: 1, fields: 2, parts: 3, headerPairs: 50 } });

    app.get('/api/admin/users', { schema: { tags: ['people'], summary: '账号列表（搜索、筛选）', querystring: zAccountQuery, response: { 200: zAccountPage } } }, async (req) => {
      requireUser(req, 'users:manage');
      return findAccounts(db, deps.now(), req.query);
    });
    app.get('/api/admin/users/:id', { schema: { tags: ['people'], summary: '账号详情', params: zIdParams, response: { 200: zAccount } } }, async (req) => {
      requireUser(req, 'users:manage');
      return getAccount(db, req.params.id, deps.now());
    });
    app.post('/api/admin/users', { schema: { tags: ['people'], summary: '新增账号（返回一次性密码，仅显示一次）', body: zCreateAccount, response: { 200: zOneTimePassword } } }, async (req) => {
      const user = requireUser(req, 'users:manage');
      return createAccount(deps, user, req.ip, req.body);
    });
    app.put('/api/admin/users/:id', { schema: { tags: ['people'], summary: '修改账号（姓名、单位、角色、邮箱、手机）', params: zIdParams, body: zUpdateAccount, response: { 200: zAccount } } }, async (req) => {
      const user = requireUser(req, 'users:manage');
      return updateAccount(deps, sessions, user, req.ip, req.params.id, req.body);
    });
    app.post('/api/admin/users/:id/deactivate', { schema: { tags: ['people'], summary: '停用账号', params: zIdParams, response: { 200: zAccount } } }, async (req) => {
      const user = requireUser(req, 'users:manage');
      return setActive(deps, sessions, user, req.ip, req.params.id, false);
    });
    app.post('/api/admin/users/:id/reactivate', { schema: { tags: ['people'], summary: '启用账号', params: zIdParams, response: { 200: zAccount } } }, async (req) => {
      const user = requireUser(req, 'users:manage');
      return setActive(deps, sessions, user, req.ip, req.params.id, true);
    });
    app.post('/api/admin/users/:id/reset-password', { schema: { tags: ['people'], summary: '重置密码（一次性密码，下次登录须修改）', params: zIdParams, body: zResetPassword, response: { 200: zOneTimePassword } } }, async (req) => {
      const user = requireUser(req, 'users:manage');
      return resetPassword(deps, sessions, user, req.ip, req.params.id, req.body.password);
    });
    app.get('/api/admin/users/:id/sessions', { schema: { tags: ['people'], summary: '账号的登录会话', params: zIdParams, response: { 200: zAccountSessions } } }, async (req) => {
      requireUser(req, 'users:manage');
      return { items: await listSessions(deps, req.params.id, req.cookies[sessionCookie]) };
    });
    app.delete('/api/admin/users/:id/sessions', { schema: { tags: ['people'], summary: '强制下线（结束全部会话）', params: zIdParams, response: { 200: z.object({ ended: z.number() }) } } }, async (req) => {
      const user = requireUser(req, 'users:manage');
      return { ended: await endSessions(deps, sessions, user, req.ip, req.params.id) };
    });
    app.delete('/api/admin/users/:id/sessions/:session', {
      schema: { tags: ['people'], summary: '结束一个会话', params: z.object({ id: zId, session: zStr().regex(/^[0-9a-f]{16}$/) }), response: { 200: z.object({ ended: z.number() }) } },
    }, async (req) => {
      const user = requireUser(req, 'users:manage');
      return { ended: await endSessions(deps, sessions, user, req.ip, req.params.id, req.params.session) };
    });
    app.post('/api/admin/users/:id/unlock', { schema: { tags: ['people'], summary: '解除登录锁定', params: zIdParams, response: { 200: ok } } }, async (req) => {
      const user = requireUser(req, 'users:manage');
      await unlockAccount(deps, sessions, user, req.ip, req.params.id);
      return { ok: true };
    });
    app.post('/api/admin/users/import', {
      schema: { tags: ['people'], summary: '导入账号（Excel/CSV；dryRun=1 只检查）', querystring: z.object({ dryRun: z.enum(['0', '1', 'true', 'false']).default('1') }), response: { 200: zAccountImportReport } },
    }, async (req) => {
      const user = requireUser(req, 'users:manage');
      const file = await req.file();
      if (!file) throw new AppError('IMPORT_FILE_EMPTY');
      const ext = (/\.([A-Za-z0-9]{1,6})$/.exec(file.filename ?? '')?.[1] ?? 'dat').toLowerCase();
      const filePath = path.join(os.tmpdir(), `yw-people-${randomUUID()}.${ext}`);
      try {
        await pipeline(file.file, createWriteStream(filePath));
        if (file.file.truncated) throw new AppError('IMPORT_FILE_TOO_LARGE', { maxBytes: maxImportBytes });
        const table = await readTable(filePath, { maxBytes: maxImportBytes });
        const dryRun = req.query.dryRun === '1' || req.query.dryRun === 'true';
        return await importAccounts(deps, user, req.ip, table, dryRun);
      } finally {
        await rm(filePath, { force: true });
      }
    });

    app.get('/api/admin/password-policy', { schema: { tags: ['people'], summary: '密码策略', response: { 200: zPasswordPolicyView } } }, async (req) => {
      requireUser(req, 'users:manage');
      return presentPolicy(await getPolicy(db));
    });
    app.put('/api/admin/password-policy', { schema: { tags: ['people'], summary: '修改密码策略', body: zPasswordPolicy, response: { 200: zPasswordPolicyView } } }, async (req) => {
      const user = requireUser(req, 'users:manage');
      return updatePolicy(db, user, req.ip, req.body, deps.now());
    });

    // 我的账号: every signed-in person.
    app.get('/api/me/password-policy', { schema: { tags: ['people'], summary: '密码要求（修改密码页）', response: { 200: zPasswordPolicyView } } }, async (req) => {
      requireUser(req);
      return presentPolicy(await getPolicy(db));
    });
    app.get('/api/me/account', { schema: { tags: ['people'], summary: '我的账号', response: { 200: zMyAccount } } }, async (req) => {
      return getMyAccount(deps, requireUser(req));
    });
    app.put('/api/me/account', { schema: { tags: ['people'], summary: '修改我的联系方式与通知方式', body: zUpdateMyAccount, response: { 200: zMyAccount } } }, async (req) => {
      return updateMyAccount(deps, requireUser(req), req.body);
    });
    app.post('/api/me/password', { schema: { tags: ['people'], summary: '修改我的密码', body: zChangePassword, response: { 200: ok } } }, async (req) => {
      const user = requireUser(req);
      const token = req.cookies[sessionCookie];
      await changeMyPassword(deps, sessions, user, token ? createHash('sha256').update(token).digest('hex') : null, req.body);
      return { ok: true };
    });
  };
}
