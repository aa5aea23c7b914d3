import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { zSearchPage, zSearchQuery } from '../../../contracts/search.js';
import type { AppDeps } from '../../deps.js';
import { requireUser } from '../../http/auth-hooks.js';
import { searchCases } from './find-cases.js';

export function searchRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/search/cases', {
      schema: {
        tags: ['cases'], summary: '查询诉求：编号片段、来电号码（完整或尾号四位）、诉求人、企业名称或信用代码、内容词语，附筛选条件与总数（仅限本人可见范围）',
        querystring: zSearchQuery, response: { 200: zSearchPage },
      },
    }, async (req) => {
      const user = requireUser(req, 'case:read');
      return searchCases(deps, user, req.query);
    });
  };
}
