import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zBoardCase, zBoardCaseParams, zBoardFacets, zBoardPage, zBoardQuery, zPublicStats } from '../../../contracts/board.js';
import { zId, zStr } from '../../../contracts/common.js';
import {
  zApproveRequest, zBulkApproveRequest, zBulkApproveResult, zDecisionRequest, zPublicationDetail, zQueuePage, zQueueQuery,
} from '../../../contracts/publication.js';
import { AppError } from '../../errors.js';
import type { AppDeps } from '../../deps.js';
import { requireUser } from '../../http/auth-hooks.js';
import { boardCacheOf } from './board-cache.js';
import { boardAttachment, boardFacets, boardQueryKey, findBoard, getBoardCase, publicStats } from './board-queries.js';
import { sendAttachment } from '../portal/index.js';
import { getPublicationDetail, findQueue } from './queue.js';
import { approvePublication, bulkApprove, decidePublication } from './review.js';

const zParams = z.object({ id: zId });
const staffTags = ['publication'];
const publicTags = ['public'];
const zPreviewRequest = z.object({ redactions: z.array(zStr().trim().min(1).max(100)).max(50).default([]), maskEnterprise: z.boolean().default(true) });

export function publicationRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const cache = boardCacheOf(deps);
    // Cached pages are already JSON: sent as they are. Tests validate responses, so there the object goes through
    // the route's schema like every other response.
    const sendJson = (reply: FastifyReply, body: Buffer) => (deps.validateResponses
      ? reply.send(JSON.parse(body.toString('utf8')) as never)
      : reply.type('application/json; charset=utf-8').send(body as never));

    // A public page cached for this very URL is answered before validation and the session lookup.
    app.addHook('onRequest', async (req, reply) => {
      if (req.method !== 'GET' || !req.url.startsWith('/api/public/board')) return;
      const body = cache.peek(req.url);
      if (body !== null) return sendJson(reply, body);
    });

    // ---- Staff: review (督办员) ----
    app.get('/api/publication/queue', { schema: { tags: staffTags, summary: '公开审核队列', querystring: zQueueQuery, response: { 200: zQueuePage } } }, async (req) => {
      requireUser(req, 'publication:review');
      return findQueue(deps, req.query);
    });

    app.get('/api/publication/cases/:id', { schema: { tags: staffTags, summary: '公开审核：原文与自动遮盖稿对照', params: zParams, response: { 200: zPublicationDetail } } }, async (req) => {
      const user = requireUser(req, 'publication:review');
      return getPublicationDetail(deps, user, req.params.id);
    });

    app.post('/api/publication/cases/:id/preview', { schema: { tags: staffTags, summary: '按人工遮盖与企业名称选项重新生成遮盖稿', params: zParams, body: zPreviewRequest, response: { 200: zPublicationDetail } } }, async (req) => {
      const user = requireUser(req, 'publication:review');
      return getPublicationDetail(deps, user, req.params.id, req.body);
    });

    app.post('/api/publication/cases/:id/approve', { schema: { tags: staffTags, summary: '审核通过并公开（或修改已公开内容）', params: zParams, body: zApproveRequest, response: { 200: zPublicationDetail } } }, async (req) => {
      const user = requireUser(req, 'publication:review');
      await approvePublication(deps, user, req.params.id, req.body);
      return getPublicationDetail(deps, user, req.params.id);
    });

    app.post('/api/publication/cases/:id/reject', { schema: { tags: staffTags, summary: '不予公开', params: zParams, body: zDecisionRequest, response: { 200: zPublicationDetail } } }, async (req) => {
      const user = requireUser(req, 'publication:review');
      await decidePublication(deps, user, req.params.id, 'reject', req.body.reason, req.body.version);
      return getPublicationDetail(deps, user, req.params.id);
    });

    app.post('/api/publication/cases/:id/withdraw', { schema: { tags: staffTags, summary: '撤回已公开的问题', params: zParams, body: zDecisionRequest, response: { 200: zPublicationDetail } } }, async (req) => {
      const user = requireUser(req, 'publication:review');
      await decidePublication(deps, user, req.params.id, 'withdraw', req.body.reason, req.body.version);
      return getPublicationDetail(deps, user, req.params.id);
    });

    app.post('/api/publication/bulk/approve', { schema: { tags: staffTags, summary: '批量按自动遮盖稿公开', body: zBulkApproveRequest, response: { 200: zBulkApproveResult } } }, async (req) => {
      const user = requireUser(req, 'publication:review');
      return bulkApprove(deps, user, req.body.caseIds);
    });

    // ---- Public: the board (no session; masked, allow-listed output; served from the per-process cache) ----
    app.get('/api/public/board', { schema: { tags: publicTags, summary: '公开栏：已公开的问题（可检索、筛选）', querystring: zBoardQuery, response: { 200: zBoardPage } } }, async (req, reply) => {
      const key = boardQueryKey(req.query);
      const body = await cache.list(key, async () => JSON.stringify(await findBoard(deps, req.query)));
      cache.remember(req.url, 'list', key);
      return sendJson(reply, body);
    });

    app.get('/api/public/board/facets', { schema: { tags: publicTags, summary: '公开栏筛选项', response: { 200: zBoardFacets } } }, async () => {
      return boardFacets(deps, await deps.directory.ready());
    });

    app.get('/api/public/board/cases/:code', { schema: { tags: publicTags, summary: '公开栏：问题详情（时间线、承办单位、工作日、答复、评价）', params: zBoardCaseParams, response: { 200: zBoardCase } } }, async (req, reply) => {
      const body = await cache.page(req.params.code, async () => {
        const found = await getBoardCase(deps, req.params.code);
        return found ? { caseId: found.caseId, body: JSON.stringify(found.body) } : null;
      });
      if (body === null) throw new AppError('BOARD_CASE_NOT_FOUND');
      cache.remember(req.url, 'page', req.params.code);
      return sendJson(reply, body);
    });

    app.get('/api/public/board/cases/:code/attachments/:attachmentId', {
      schema: { tags: publicTags, summary: '公开栏：下载或预览答复附件（经审核公开的）', params: zBoardCaseParams.extend({ attachmentId: zId }), querystring: z.object({ inline: z.enum(['1']).optional() }) },
    }, async (req, reply) => {
      const file = await boardAttachment(deps, req.params.code, req.params.attachmentId);
      return sendAttachment(reply, file, req.params.attachmentId, req.query.inline === '1', 'public, max-age=300');
    });

    app.get('/api/public/stats', { schema: { tags: publicTags, summary: '部门响应率、解决率、满意率（最新已发布考核）', response: { 200: zPublicStats } } }, async (_req, reply) => {
      const body = await cache.stats(async () => JSON.stringify(await publicStats(deps)));
      return sendJson(reply, body);
    });
  };
}
