import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { attachmentLimits } from '../../../contracts/portal.js';
import { z } from 'zod';
import { zId } from '../../../contracts/common.js';
import {
  zCloseItemRequest, zCreateItemRequest, zEditItemRequest, zItemDetail, zItemOrderAnswerRequest, zItemOrderCloseRequest, zItemOrderRequest,
  zItemsPage, zItemsQuery, zReportRequest, zReviewRequest,
} from '../../../contracts/items.js';
import type { AppDeps } from '../../deps.js';
import { requireUser } from '../../http/auth-hooks.js';
import { actorOf } from '../cases/index.js';
import { closeItem, reportProgress, reviewReport } from './commands.js';
import { editItem } from './edit-item.js';
import { createItem } from './create-item.js';
import { workingTimeOfDeps } from './calendar.js';
import { answerItemOrderCmd, closeItemOrderCmd, issueItemOrder } from './orders.js';
import { findItems, getItem } from './queries.js';
import { requireSupervisor } from './run.js';
import { sweepItemLights } from './light-sweep.js';
import { storeItemFile } from './files.js';
import { AppError } from '../../errors.js';

const tags = ['items'];
const zParams = z.object({ id: zId });
const zReportParams = z.object({ id: zId, reportId: zId });
const zOrderParams = z.object({ id: zId, orderId: zId });
const zReportResult = z.object({ id: z.number(), isLate: z.boolean(), warnings: z.array(z.object({ code: z.string(), targetId: z.number().optional() })), item: zItemDetail });

export function itemRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    // Scoped to this plugin: only the evidence upload takes a multipart body, one file of at most 10 MB.
    await app.register(multipart, { limits: { fileSize: attachmentLimits.maxBytes, files: 1, fields: 2, parts: 3, headerPairs: 50 } });
    app.get('/api/items', { schema: { tags, summary: '督办事项列表（按来源、责任领导、单位、亮灯、状态筛选）', querystring: zItemsQuery, response: { 200: zItemsPage } } }, async (req) => {
      const user = requireUser(req, 'item:read');
      return findItems(deps, user, req.query);
    });

    app.post('/api/items', { schema: { tags, summary: '新建督办事项（督办员）', body: zCreateItemRequest, response: { 201: zItemDetail } } }, async (req, reply) => {
      const user = requireUser(req, 'item:manage');
      requireSupervisor(user);
      const { id } = await deps.database.db.transaction().execute((tx) => createItem(tx, req.body, actorOf(user), { now: deps.now(), calendar: workingTimeOfDeps(deps) }));
      return reply.status(201).send(await getItem(deps, user, id));
    });

    app.get('/api/items/:id', { schema: { tags, summary: '督办事项详情', params: zParams, response: { 200: zItemDetail } } }, async (req) => {
      const user = requireUser(req, 'item:read');
      return getItem(deps, user, req.params.id);
    });

    app.post('/api/items/:id/edit', { schema: { tags, summary: '修改督办事项（督办员）', params: zParams, body: zEditItemRequest, response: { 200: zItemDetail } } }, async (req) => {
      const user = requireUser(req, 'item:manage');
      await editItem(deps, user, req.params.id, req.body);
      return getItem(deps, user, req.params.id);
    });

    app.post('/api/items/:id/reports', { schema: { tags, summary: '报送进展（牵头或配合单位）', params: zParams, body: zReportRequest, response: { 201: zReportResult } } }, async (req, reply) => {
      const user = requireUser(req, 'item:report');
      const r = await reportProgress(deps, user, req.params.id, req.body);
      return reply.status(201).send({ ...r, item: await getItem(deps, user, req.params.id) });
    });

    app.post('/api/items/:id/reports/:reportId/review', { schema: { tags, summary: '审核进展报告：认可或退回（督办员）', params: zReportParams, body: zReviewRequest, response: { 200: zItemDetail } } }, async (req) => {
      const user = requireUser(req, 'item:manage');
      await reviewReport(deps, user, req.params.id, req.params.reportId, req.body);
      return getItem(deps, user, req.params.id);
    });

    app.post('/api/items/:id/close', { schema: { tags, summary: '销号（督办员，依据佐证材料）', params: zParams, body: zCloseItemRequest, response: { 200: zItemDetail } } }, async (req) => {
      const user = requireUser(req, 'item:manage');
      await closeItem(deps, user, req.params.id, req.body);
      return getItem(deps, user, req.params.id);
    });

    app.post('/api/items/:id/orders', { schema: { tags, summary: '对督办事项下发督办单（督办员）', params: zParams, body: zItemOrderRequest, response: { 201: zItemDetail } } }, async (req, reply) => {
      const user = requireUser(req, 'item:manage');
      await issueItemOrder(deps, user, req.params.id, req.body);
      return reply.status(201).send(await getItem(deps, user, req.params.id));
    });

    app.post('/api/items/:id/orders/:orderId/answer', { schema: { tags, summary: '答复事项督办单（被督办单位）', params: zOrderParams, body: zItemOrderAnswerRequest, response: { 200: zItemDetail } } }, async (req) => {
      const user = requireUser(req, 'item:report');
      await answerItemOrderCmd(deps, user, req.params.id, req.params.orderId, req.body.text);
      return getItem(deps, user, req.params.id);
    });

    app.post('/api/items/:id/orders/:orderId/close', { schema: { tags, summary: '认可答复，办结事项督办单（督办员）', params: zOrderParams, body: zItemOrderCloseRequest, response: { 200: zItemDetail } } }, async (req) => {
      const user = requireUser(req, 'item:manage');
      await closeItemOrderCmd(deps, user, req.params.id, req.params.orderId, req.body.reason);
      return getItem(deps, user, req.params.id);
    });

    app.post('/api/items/:id/files', {
      schema: { tags, summary: '上传佐证材料（图片或 PDF，≤10 MB），返回文件编号，报送进展或销号时引用', params: zParams,
        response: { 201: z.object({ id: z.number(), fileName: z.string(), mime: z.string(), size: z.number() }) } },
    }, async (req, reply) => {
      const user = requireUser(req, 'item:read');
      if (!req.isMultipart()) throw new AppError('ATTACHMENT_MISSING');
      return reply.status(201).send(await storeItemFile(deps, user, req.params.id, await req.file()));
    });

    app.post('/api/items/sweep', { schema: { tags, summary: '立即执行督办事项亮灯检查', response: { 200: z.object({ scanned: z.number(), changed: z.number(), crossings: z.number(), events: z.number() }) } } }, async (req) => {
      const user = requireUser(req, 'item:manage');
      requireSupervisor(user);
      return sweepItemLights(deps);
    });
  };
}
