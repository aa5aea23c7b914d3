import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zId } from '../../../contracts/common.js';
import { zAcknowledgeBody, zFileReportBody, zMajorReport, zMajorReportQuery, zMajorReportStats, zReportType, zReportTypeBody, zSummaryQuery } from '../../../contracts/suggestions.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { requireUser } from '../../http/auth-hooks.js';
import { sendFile } from '../../kernel/index.js';
import { acknowledgeReport, fileReport, findReports, getReport, listReportTypes, reportStats, saveReportType } from './major-reports.js';

const tags = ['major-reports'];
const zParams = z.object({ id: zId });

/** 重大事项报告: types (admin), filing (units), acknowledging (督查室), lists and timeliness counts for both sides. */
export function majorReportRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const reader = (req: Parameters<typeof requireUser>[0]) => {
      const user = requireUser(req);
      if (!['major-report:file', 'major-report:read-all', 'major-report:types'].some((p) => user.permissions.includes(p as never))) throw new AppError('FORBIDDEN');
      return user;
    };

    app.get('/api/major-report-types', { schema: { tags, summary: '重大事项报告类型', response: { 200: z.object({ items: z.array(zReportType) }) } } }, async (req) => {
      const user = reader(req);
      return { items: await listReportTypes(deps.database.db, !user.permissions.includes('major-report:types')) };
    });
    app.post('/api/major-report-types', { schema: { tags, summary: '新增报告类型（管理员）', body: zReportTypeBody, response: { 201: zReportType } } }, async (req, reply) => {
      const user = requireUser(req, 'major-report:types');
      return reply.status(201).send(await saveReportType(deps, { user, address: req.ip }, null, req.body));
    });
    app.post('/api/major-report-types/:id', { schema: { tags, summary: '修改报告类型（管理员）', params: zParams, body: zReportTypeBody, response: { 200: zReportType } } }, async (req) => {
      const user = requireUser(req, 'major-report:types');
      return saveReportType(deps, { user, address: req.ip }, req.params.id, req.body);
    });

    app.get('/api/major-reports', { schema: { tags, summary: '重大事项报告列表（单位看本单位，督查室看全部）', querystring: zMajorReportQuery, response: { 200: z.object({ items: z.array(zMajorReport) }) } } }, async (req) => {
      const user = reader(req);
      return { items: await findReports(deps.database.db, user, req.query) };
    });
    app.post('/api/major-reports', { schema: { tags, summary: '报送重大事项报告（承办单位）', body: zFileReportBody, response: { 201: zMajorReport } } }, async (req, reply) => {
      const user = requireUser(req, 'major-report:file');
      const id = await fileReport(deps, user, req.body);
      const { fileKeys: _k, ...r } = await getReport(deps.database.db, user, id);
      return reply.status(201).send(r);
    });
    app.get('/api/major-reports/stats', { schema: { tags, summary: '重大事项报告按单位、月份的及时性统计', querystring: zSummaryQuery, response: { 200: zMajorReportStats } } }, async (req) => {
      const user = reader(req);
      return { rows: await reportStats(deps.database.db, user, req.query.year) };
    });
    app.get('/api/major-reports/:id', { schema: { tags, summary: '重大事项报告详情', params: zParams, response: { 200: zMajorReport } } }, async (req) => {
      const user = reader(req);
      const { fileKeys: _k, ...r } = await getReport(deps.database.db, user, req.params.id);
      return r;
    });
    app.post('/api/major-reports/:id/acknowledge', { schema: { tags, summary: '签收重大事项报告（督查室）', params: zParams, body: zAcknowledgeBody, response: { 200: zMajorReport } } }, async (req) => {
      const user = requireUser(req, 'major-report:acknowledge');
      await acknowledgeReport(deps, user, req.params.id, req.body.note);
      const { fileKeys: _k, ...r } = await getReport(deps.database.db, user, req.params.id);
      return r;
    });
    app.get('/api/major-reports/:id/files/:n', { schema: { tags, summary: '下载报告附件', params: z.object({ id: zId, n: z.coerce.number().int().min(0).max(4) }) } }, async (req, reply) => {
      const user = reader(req);
      const r = await getReport(deps.database.db, user, req.params.id);
      const key = r.fileKeys[req.params.n];
      if (!key) throw new AppError('NOT_FOUND');
      const blob = await deps.files.get(key);
      return sendFile(reply, blob.stream, 'application/octet-stream', r.files[req.params.n].name, `report-${r.id}-${req.params.n}`);
    });
  };
}
