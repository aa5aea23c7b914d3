import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zLoginLocks, zLoginRequest, zSessionResponse } from '../../../contracts/auth.js';
import { requireUser, setSessionCookie } from '../../http/auth-hooks.js';
import { peopleRoutes } from './people/routes.js';
import { sessionCookie, sessionTtlMs, type SessionStore } from './sessions.js';

export function authRoutes(sessions: SessionStore, secureCookies: boolean): FastifyPluginAsyncZod {
  return async (app) => {
    // Accounts, the password policy and my account: the same area (it owns users and sessions), its own plugin.
    await app.register(peopleRoutes(sessions));

    app.post('/api/auth/login', {
      schema: { tags: ['auth'], summary: '登录', body: zLoginRequest, response: { 200: zSessionResponse } },
    }, async (req, reply) => {
      const { token, session } = await sessions.login(req.body.username, req.body.password, req.ip);
      setSessionCookie(reply, token, secureCookies, sessionTtlMs / 1000);
      return { user: session.user, csrfToken: session.csrfToken };
    });

    app.post('/api/auth/logout', { schema: { tags: ['auth'], summary: '退出登录', response: { 200: z.object({ ok: z.boolean() }) } } }, async (req, reply) => {
      requireUser(req);
      await sessions.logout(req.cookies[sessionCookie]!);
      reply.clearCookie(sessionCookie, { path: '/' });
      return { ok: true };
    });

    app.get('/api/admin/login-locks', {
      schema: { tags: ['auth'], summary: '当前被锁定的账号与被限制登录的地址（管理员）', response: { 200: zLoginLocks } },
    }, async (req) => {
      requireUser(req, 'security:read');
      return { items: await sessions.throttle.current() };
    });

    app.get('/api/auth/me', { schema: { tags: ['auth'], summary: '当前用户', response: { 200: zSessionResponse } } }, async (req) => {
      const user = requireUser(req);
      return { user, csrfToken: req.session!.csrfToken };
    });
  };
}
