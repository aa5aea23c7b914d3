import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zId, zStr } from '../../../contracts/common.js';
import {
  zDirectAnswerRequest, zDirectAnswerResult, zKnowledgeDetail, zKnowledgeEntryInput, zKnowledgeFromCaseRequest, zKnowledgeHelpfulRequest, zKnowledgeHits,
  zKnowledgeImportRequest, zKnowledgeImportResult, zKnowledgeListQuery, zKnowledgePage, zKnowledgeSearchQuery, zKnowledgeStats, zKnowledgeStatsQuery,
  zPublicKnowledgeHits, zPublicKnowledgeQuery,
} from '../../../contracts/knowledge.js';
import type { AppDeps } from '../../deps.js';
import { requireUser } from '../../http/auth-hooks.js';
import { RateLimiter, type Limit } from '../../kernel/index.js';
import { approveVersion, createEntry, reviseEntry } from './commands.js';
import { answerDirectly, countHelpful } from './direct-answer.js';
import { entryFromCase } from './from-case.js';
import { importKnowledge } from './import.js';
import { entryDetail, knowledgeStats, listEntries } from './queries.js';
import { searchKnowledge } from './search.js';

const tags = ['knowledge'];
const zParams = z.object({ id: zId });
const publicLimits = { read: { max: 240, windowMs: 60_000 }, helpful: { max: 30, windowMs: 10 * 60_000 } } satisfies Record<string, Limit>;

/** 知识库: entries, versions and approval (staff), search at the desk, 直接答复, and the portal's answers (public). */
export function knowledgeRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const limiter = new RateLimiter<keyof typeof publicLimits>(app, 'knowledge', publicLimits, 'PORTAL_RATE_LIMITED');

    app.get('/api/knowledge/entries', { schema: { tags, summary: '知识条目列表（任意状态，可按词语、状态、责任单位筛选）', querystring: zKnowledgeListQuery, response: { 200: zKnowledgePage } } }, async (req) => {
      const user = requireUser(req, 'knowledge:read');
      return listEntries(deps, user, req.query);
    });

    app.get('/api/knowledge/entries/:id', { schema: { tags, summary: '知识条目及其全部版本', params: zParams, response: { 200: zKnowledgeDetail } } }, async (req) => {
      const user = requireUser(req, 'knowledge:read');
      return entryDetail(deps, user, req.params.id);
    });

    app.post('/api/knowledge/entries', { schema: { tags, summary: '新建知识条目（第 1 版，待责任单位审核）', body: zKnowledgeEntryInput, response: { 201: zKnowledgeDetail } } }, async (req, reply) => {
      const user = requireUser(req, 'knowledge:edit');
      const id = await createEntry(deps, user, req.body);
      return reply.status(201).send(await entryDetail(deps, user, id));
    });

    app.post('/api/knowledge/entries/:id/versions', { schema: { tags, summary: '修改知识条目：保存为新版本（草稿）', params: zParams, body: zKnowledgeEntryInput, response: { 201: zKnowledgeDetail } } }, async (req, reply) => {
      const user = requireUser(req, 'knowledge:edit');
      await reviseEntry(deps, user, req.params.id, req.body);
      return reply.status(201).send(await entryDetail(deps, user, req.params.id));
    });

    app.post('/api/knowledge/entries/:id/versions/:version/approve', {
      schema: { tags, summary: '责任单位审核通过一个版本（发布）', params: z.object({ id: zId, version: zId }), response: { 200: zKnowledgeDetail } },
    }, async (req) => {
      const user = requireUser(req, 'knowledge:approve');
      await approveVersion(deps, user, req.params.id, req.params.version);
      return entryDetail(deps, user, req.params.id);
    });

    app.post('/api/knowledge/from-case', { schema: { tags, summary: '把诉求的答复转为知识条目草稿（督办员）', body: zKnowledgeFromCaseRequest, response: { 201: zKnowledgeDetail } } }, async (req, reply) => {
      const user = requireUser(req, 'knowledge:import');
      const id = await entryFromCase(deps, user, req.body.caseId);
      return reply.status(201).send(await entryDetail(deps, user, id));
    });

    app.post('/api/knowledge/import', { schema: { tags, summary: '导入已有知识库（Excel/CSV，每行一个草稿）', body: zKnowledgeImportRequest, response: { 200: zKnowledgeImportResult } } }, async (req) => {
      const user = requireUser(req, 'knowledge:import');
      return importKnowledge(deps, user, req.body);
    });

    app.get('/api/knowledge/search', { schema: { tags, summary: '受理台：按输入内容查找已审核、在有效期内的知识条目', querystring: zKnowledgeSearchQuery, response: { 200: zKnowledgeHits } } }, async (req) => {
      requireUser(req, 'knowledge:read');
      return searchKnowledge(deps, req.query.q, { publicOnly: false, limit: req.query.limit });
    });

    app.post('/api/knowledge/answers', {
      schema: {
        tags, summary: '直接答复：用知识条目答复来电人并办结（新登记或待受理的诉求）。支持 Idempotency-Key。',
        headers: z.object({ 'idempotency-key': zStr().min(8).max(100).optional() }).passthrough(),
        body: zDirectAnswerRequest, response: { 201: zDirectAnswerResult },
      },
    }, async (req, reply) => {
      const user = requireUser(req, req.body.case ? 'case:create' : 'case:command');
      return reply.status(201).send(await answerDirectly(deps, user, req.body, req.headers['idempotency-key']));
    });

    app.get('/api/knowledge/stats', { schema: { tags, summary: '直接答复率与门户自助解答次数', querystring: zKnowledgeStatsQuery, response: { 200: zKnowledgeStats } } }, async (req) => {
      requireUser(req, 'knowledge:read');
      return knowledgeStats(deps, req.query.from, req.query.to);
    });

    app.get('/api/public/knowledge', { schema: { tags, summary: '门户：提交咨询前的公开解答', querystring: zPublicKnowledgeQuery, response: { 200: zPublicKnowledgeHits } } }, async (req) => {
      await limiter.check(req, 'read');
      const hits = await searchKnowledge(deps, req.query.q, { publicOnly: true, limit: 5 });
      return { notice: hits.notice, items: hits.items.map(({ id, version, question, answer, basisTitle, basisNumber, ownerUnitName }) => ({ id, version, question, answer, basisTitle, basisNumber, ownerUnitName })) };
    });

    app.post('/api/public/knowledge/helpful', { schema: { tags, summary: '门户：“这解答了我的问题”（计数，不提交诉求）', body: zKnowledgeHelpfulRequest, response: { 204: z.null() } } }, async (req, reply) => {
      await limiter.check(req, 'helpful');
      await countHelpful(deps, req.body.entryId, req.body.version);
      return reply.status(204).send(null);
    });
  };
}
