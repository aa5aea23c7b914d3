import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  batchBodies, commandBodies, zBatchResult, zCaseDetail, type BatchCommand, zCaseExportQuery, zCasePage, zCreateCaseRequest,
  zFindCasesQuery,
} from '../../../contracts/cases.js';
import { zId, zStr } from '../../../contracts/common.js';
import type { Command, CommandType } from '../../../domain/case/types.js';
import { AppError } from '../../errors.js';
import type { AppDeps } from '../../deps.js';
import { requireUser } from '../../http/auth-hooks.js';
import { createCase } from './create-case.js';
import { findCases } from './find-cases.js';
import { caseListPages, caseSummaryColumns } from './export.js';
import { beijingDate } from '../../../domain/calendar/local-time.js';
import { sendXlsx } from '../../kernel/index.js';
import { getCase, getCaseBody } from './get-case.js';
import { runCommand } from './run-command.js';
import { runBatch } from './batch.js';

const commandTitles: Record<CommandType, string> = {
  accept: '受理', reject: '不予受理', merge: '并案', dispatch: '派单', sign: '签收', 'request-return': '申请退单',
  'approve-return': '同意退单（改派）', 'deny-return': '驳回退单', 'request-extension': '申请延期', 'approve-extension': '同意延期',
  'deny-extension': '驳回延期', suspend: '挂起', resume: '恢复', opinion: '提交协办意见', reply: '答复', 'approve-reply': '审核通过答复',
  'send-back': '退回重新答复', rate: '评价', redo: '重办', close: '办结', instruct: '领导批示',
  'sub-dispatch': '下派（二级派单）', 'sub-reply': '上报办理结果', 'call-in': '吹哨报到（请求部门协同）',
  'answer-directly': '直接答复（知识库）',
};

const zParams = z.object({ id: zId });
const zCreateBody = zCreateCaseRequest.extend({
  dispatch: z.object({ leadDepartmentId: zId, coDepartmentIds: z.array(zId).max(20).default([]) }).optional(),
});

export function caseRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/api/cases', {
      schema: {
        tags: ['cases'], summary: '登记诉求（受理员）。支持 Idempotency-Key 请求头。',
        headers: z.object({ 'idempotency-key': zStr().min(8).max(100).optional() }).passthrough(),
        body: zCreateBody, response: { 200: zCaseDetail, 201: zCaseDetail },
      },
    }, async (req, reply) => {
      const user = requireUser(req, 'case:create');
      const { id, created } = await createCase(deps, user, req.body, req.headers['idempotency-key']);
      return reply.status(created ? 201 : 200).send(await getCase(deps, user, id));
    });

    app.get('/api/cases', { schema: { tags: ['cases'], summary: '诉求列表（按视图筛选，游标分页）', querystring: zFindCasesQuery, response: { 200: zCasePage } } }, async (req) => {
      const user = requireUser(req, 'case:read');
      return findCases(deps, user, req.query);
    });

    app.get('/api/cases/export.xlsx', { schema: { tags: ['cases'], summary: '导出诉求列表（Excel，当前视图与筛选条件，流式）', querystring: zCaseExportQuery } }, async (req, reply) => {
      const user = requireUser(req, 'case:read');
      const day = beijingDate(deps.now()).replaceAll('-', '');
      return sendXlsx(reply, `诉求清单-${day}.xlsx`, `cases-${day}.xlsx`, { sheetName: '诉求清单', columns: caseSummaryColumns, pages: caseListPages(deps, user, req.query) });
    });

    // Sent as ready-made JSON bytes (the route's serializer is skipped for a Buffer), so checked here where tests check
    // every response against its schema. Made once, not per request (a closure per request is an allocation, and
    // under tsx a defineProperty for its name).
    const sendCaseBody = (reply: FastifyReply, body: Buffer): void => {
      if (deps.validateResponses) {
        const checked = zCaseDetail.safeParse(JSON.parse(body.toString('utf8')));
        if (!checked.success) throw new Error(`case page does not match its schema: ${checked.error.message}`);
      }
      reply.type('application/json; charset=utf-8').send(body);
    };
    app.get('/api/cases/:id', { schema: { tags: ['cases'], summary: '诉求详情：状态、承办、可执行操作与时间线', params: zParams, response: { 200: zCaseDetail } } }, (req, reply) => {
      const user = requireUser(req, 'case:read');
      // Not an async handler: a page in this process's cache is answered without a promise (getCaseBody is
      // synchronous then); a throw here is sent as the error, as from an async handler. The promise resolves to
      // nothing once the reply is sent, so Fastify sends nothing more.
      const body = getCaseBody(deps, user, req.params.id);
      if (body instanceof Promise) return body.then((bytes) => sendCaseBody(reply, bytes));
      sendCaseBody(reply, body);
    });

    const batchTitles: Record<BatchCommand, string> = { dispatch: '批量派单（同一承办单位）', sign: '批量签收', 'approve-reply': '批量审核通过答复' };
    for (const [type, body] of Object.entries(batchBodies) as [BatchCommand, z.ZodType<{ caseIds: number[] }>][]) {
      app.post(`/api/cases/batch/${type}`, {
        schema: { tags: ['commands'], summary: `${batchTitles[type]}：每件一个事务，逐件返回结果`, body, response: { 200: zBatchResult } },
      }, async (req) => {
        const user = requireUser(req, 'case:command');
        const { caseIds, ...rest } = req.body as { caseIds: number[] };
        const cmd = { ...rest, type } as Command;
        return runBatch(deps, user, caseIds, cmd);
      });
    }

    for (const [type, body] of Object.entries(commandBodies) as [CommandType, z.ZodType][]) {
      app.post(`/api/cases/:id/${type}`, {
        schema: { tags: ['commands'], summary: commandTitles[type], params: zParams, body, response: { 200: zCaseDetail } },
      }, async (req) => {
        const user = requireUser(req, 'case:command');
        const cmd = { ...(req.body as object), type } as Command;
        await runCommand(deps, user, req.params.id, cmd);
        return getCase(deps, user, req.params.id);
      });
    }

    app.post('/api/cases/:id/:command', { schema: { hide: true } }, async (req) => {
      requireUser(req, 'case:command');
      throw new AppError('UNKNOWN_COMMAND');
    });
  };
}
