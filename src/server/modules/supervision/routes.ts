import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zId } from '../../../contracts/common.js';
import {
  zAnswerOrderRequest, zBulkInstructRequest, zBulkIssueRequest, zBulkResult, zCaseOrders, zCentreExportQuery, zCentrePage, zCentreQuery,
  zCloseOrderRequest, zDepartmentPage, zIssueOrderRequest, zOrder, zRaiseOrderRequest,
} from '../../../contracts/supervision.js';
import { AppError } from '../../errors.js';
import type { AppDeps } from '../../deps.js';
import { requireUser } from '../../http/auth-hooks.js';
import { bulkInstruct, bulkIssue } from './bulk.js';
import { findCentreRows } from './centre.js';
import { loadOrderDocument, loadOverdueList } from './exports/load.js';
import { docxType, hasRole, sendFile, sendXlsx, xlsxType } from '../../kernel/index.js';
import { beijingDate } from '../../../domain/calendar/local-time.js';
import { centreColumns, centreDocx, centrePages } from './exports/centre-list.js';
import { orderDocx } from './exports/order-docx.js';
import { overdueDocx, overdueXlsx } from './exports/overdue-list.js';
import { actOnOrder, issueOrder, orderDeadline } from './order-commands.js';
import { caseOrders, checkDepartmentAccess, departmentOrders, getOrder } from './order-queries.js';

const zParams = z.object({ id: zId });
const tags = ['supervision'];

export function supervisionRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/cases/:id/orders', { schema: { tags, summary: '诉求的督办单及可下发的单位', params: zParams, response: { 200: zCaseOrders } } }, async (req) => {
      const user = requireUser(req, 'supervision:read');
      return caseOrders(deps, user, req.params.id);
    });

    app.post('/api/cases/:id/orders', { schema: { tags, summary: '下发督办单（督办员）', params: zParams, body: zIssueOrderRequest, response: { 201: zOrder } } }, async (req, reply) => {
      const user = requireUser(req, 'supervision:order');
      const id = await issueOrder(deps, user, req.params.id, req.body);
      return reply.status(201).send(await getOrder(deps, user, id));
    });

    app.get('/api/supervision/orders/:id', { schema: { tags, summary: '督办单详情', params: zParams, response: { 200: zOrder } } }, async (req) => {
      const user = requireUser(req, 'supervision:read');
      return getOrder(deps, user, req.params.id);
    });

    app.post('/api/supervision/orders/:id/answer', { schema: { tags, summary: '书面答复督办单（被督办单位）', params: zParams, body: zAnswerOrderRequest, response: { 200: zOrder } } }, async (req) => {
      const user = requireUser(req, 'supervision:answer');
      await actOnOrder(deps, user, req.params.id, { type: 'answer', text: req.body.text, attachments: req.body.attachments });
      return getOrder(deps, user, req.params.id);
    });

    app.post('/api/supervision/orders/:id/raise', { schema: { tags, summary: '提升督办等级（只升不降）', params: zParams, body: zRaiseOrderRequest, response: { 200: zOrder } } }, async (req) => {
      const user = requireUser(req, 'supervision:order');
      const deadline = req.body.deadline ? orderDeadline(deps, req.body.deadline) : undefined;
      await actOnOrder(deps, user, req.params.id, { type: 'raise', level: req.body.level, reason: req.body.reason, deadline });
      return getOrder(deps, user, req.params.id);
    });

    app.post('/api/supervision/orders/:id/close', { schema: { tags, summary: '认可答复，办结督办单', params: zParams, body: zCloseOrderRequest, response: { 200: zOrder } } }, async (req) => {
      const user = requireUser(req, 'supervision:order');
      await actOnOrder(deps, user, req.params.id, { type: 'close', reason: req.body.reason });
      return getOrder(deps, user, req.params.id);
    });

    app.get('/api/supervision/orders/:id/docx', { schema: { tags, summary: '督办单 Word 文档', params: zParams } }, async (req, reply) => {
      const user = requireUser(req, 'supervision:read');
      const d = await loadOrderDocument(deps, user, req.params.id);
      return sendFile(reply, await orderDocx(d), docxType, `督办单-${d.code}.docx`, `order-${d.code}.docx`);
    });

    app.get('/api/supervision/cases', { schema: { tags, summary: '督办中心：在办诉求（按预警等级、单位、时长）', querystring: zCentreQuery, response: { 200: zCentrePage } } }, async (req) => {
      requireUser(req, 'supervision:centre');
      return findCentreRows(deps, req.query);
    });

    app.get('/api/supervision/cases/export.xlsx', { schema: { tags, summary: '导出督办中心列表（Excel，当前筛选条件，流式）', querystring: zCentreExportQuery } }, async (req, reply) => {
      requireUser(req, 'supervision:centre');
      const day = beijingDate(deps.now()).replaceAll('-', '');
      return sendXlsx(reply, `督办中心在办诉求-${day}.xlsx`, `supervision-${day}.xlsx`, { sheetName: '督办中心', columns: centreColumns, pages: centrePages(deps, req.query) });
    });

    app.get('/api/supervision/cases/export.docx', { schema: { tags, summary: '导出督办中心列表（Word，当前筛选条件，最紧急的前 2000 件）', querystring: zCentreExportQuery } }, async (req, reply) => {
      requireUser(req, 'supervision:centre');
      const day = beijingDate(deps.now()).replaceAll('-', '');
      return sendFile(reply, await centreDocx(deps, req.query), docxType, `督办中心在办诉求清单-${day}.docx`, `supervision-${day}.docx`);
    });

    app.post('/api/supervision/bulk/orders', { schema: { tags, summary: '批量向主办单位下发督办单', body: zBulkIssueRequest, response: { 200: zBulkResult } } }, async (req) => {
      const user = requireUser(req, 'supervision:order');
      return bulkIssue(deps, user, req.body);
    });

    app.post('/api/supervision/bulk/instruct', { schema: { tags, summary: '批量领导批示（市领导）', body: zBulkInstructRequest, response: { 200: zBulkResult } } }, async (req) => {
      const user = requireUser(req, 'case:command');
      if (!hasRole(user, 'leader')) throw new AppError('ROLE_NOT_ALLOWED');
      return bulkInstruct(deps, user, req.body);
    });

    app.get('/api/supervision/departments/:id', { schema: { tags, summary: '单位督办页：在办诉求与督办单', params: zParams, response: { 200: zDepartmentPage } } }, async (req) => {
      const user = requireUser(req, 'supervision:read');
      checkDepartmentAccess(user, req.params.id);
      const dept = (await deps.directory.ready()).department(req.params.id);
      if (!dept) throw new AppError('DEPARTMENT_NOT_FOUND');
      const [cases, orders] = await Promise.all([
        findCentreRows(deps, { holdingDepartmentId: dept.id, limit: 500 }).then((p) => p.items), departmentOrders(deps, user, dept.id),
      ]);
      return { department: { id: dept.id, name: dept.name }, cases, orders };
    });

    app.get('/api/supervision/departments/:id/overdue.docx', { schema: { tags, summary: '单位超期诉求清单（Word）', params: zParams } }, async (req, reply) => {
      const user = requireUser(req, 'supervision:read');
      const list = await loadOverdueList(deps, user, req.params.id);
      return sendFile(reply, await overdueDocx(list), docxType, `${list.departmentName}超期诉求清单.docx`, 'overdue.docx');
    });

    app.get('/api/supervision/departments/:id/overdue.xlsx', { schema: { tags, summary: '单位超期诉求清单（Excel）', params: zParams } }, async (req, reply) => {
      const user = requireUser(req, 'supervision:read');
      const list = await loadOverdueList(deps, user, req.params.id);
      return sendFile(reply, await overdueXlsx(list), xlsxType, `${list.departmentName}超期诉求清单.xlsx`, 'overdue.xlsx');
    });
  };
}
