import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { zOrgResponse, zUsersResponse } from '../../../contracts/org.js';
import type { AppDeps } from '../../deps.js';
import { requireUser } from '../../http/auth-hooks.js';
import { listUsers } from './list-users.js';

export function orgRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/org', { schema: { tags: ['org'], summary: '组织机构与问题类别', response: { 200: zOrgResponse } } }, async (req) => {
      requireUser(req, 'org:read');
      const dir = await deps.directory.ready();
      return { departments: dir.departments, categories: dir.categories };
    });

    app.get('/api/users', { schema: { tags: ['org'], summary: '账号列表', response: { 200: zUsersResponse } } }, async (req) => {
      requireUser(req, 'users:read');
      return { items: await listUsers(deps.database.db) };
    });
  };
}
