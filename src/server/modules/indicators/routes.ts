import multipart from '@fastify/multipart';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import {
  zCopyYear, zFileFigure, zIdParams, zIndicatorCreate, zIndicatorDetail, zIndicatorImport, zIndicatorList, zIndicatorListQuery, zIndicatorProblems,
  zIndicatorReforms, zIndicatorUpdate, zIndicatorUpload, zLeadingDashboard, zPressCreate, zReformCreate, zReportNote, zReportQuery, zPressDecide, zPressList, zProblemsQuery, zPublicStoryList, zPublicStoryQuery, zReviewFigure, zStoryCreate, zStoryList, zStoryReformOptions, zStoryReview,
} from '../../../contracts/indicators.js';
import { attachmentLimits } from '../../../contracts/portal.js';
import { beijingDate } from '../../../domain/calendar/local-time.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { requireUser } from '../../http/auth-hooks.js';
import { contentDisposition, docxType, RateLimiter, sendFile, xlsxType } from '../../kernel/index.js';
import { cityTexts } from '../settings/index.js';
import { openIndicatorFile } from './access.js';
import { importRegistry, registryXlsx } from './excel.js';
import { storeIndicatorFile } from './files.js';
import { fileFigure, reviewFigure } from './figures.js';
import { decidePress, indicatorProblems, listPresses, requestPress } from './problems.js';
import { indicatorDetail, listIndicators } from './queries.js';
import { copyYear, createIndicator, editIndicator } from './registry.js';
import { leadingDashboard } from './dashboard.js';
import { createReform, indicatorReforms } from './reforms.js';
import { leadReport, meetingPack, reportNote, saveReportNote } from './report.js';
import { leadReportDocx, meetingPackDocx } from './report-docx.js';
import { storiesDocx } from './stories-docx.js';
import { listStories, nominateStory, publicPhoto, publicStories, reviewStory } from './stories.js';
import { storyReformOptions } from './story-sources.js';

const tags = ['indicators'];
const zOk = z.object({ ok: z.literal(true) });
const zCreated = z.object({ id: z.number() });

function sendBlob(reply: FastifyReply, f: { fileName: string; mime: string; size: number; stream: Readable }, id: number, cache: string) {
  return reply.header('content-type', f.mime)
    .header('content-disposition', contentDisposition(f.fileName, `file-${id}.${f.fileName.split('.').pop()}`, 'inline'))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; object-src 'self'")
    .header('cache-control', cache).header('content-length', String(f.size)).send(f.stream);
}

/** 营商环境评价指标: registry, figures and review, problems of an indicator, press requests, stories. docs/indicators.md */
export function indicatorRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const db = () => deps.database.db;
    await app.register(multipart, { limits: { fileSize: attachmentLimits.maxBytes, files: 1, fields: 2, parts: 3, headerPairs: 50 } });
    const limiter = new RateLimiter<'read'>(app, 'stories', { read: { max: 120, windowMs: 60_000 } }, 'PORTAL_RATE_LIMITED');

    app.get('/api/indicators', { schema: { tags, summary: '评价指标体系及红绿灯', querystring: zIndicatorListQuery, response: { 200: zIndicatorList } } }, async (req) => {
      const user = requireUser(req, 'indicator:read');
      return listIndicators(deps, user, req.query);
    });

    app.get('/api/indicators/export', { schema: { tags, summary: '导出年度指标体系（Excel）', querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100), system: zIndicatorListQuery.shape.system }) } }, async (req, reply) => {
      requireUser(req, 'indicator:manage');
      return sendFile(reply, await registryXlsx(db(), req.query.year, req.query.system), xlsxType, `评价指标-${req.query.year}.xlsx`, `indicators-${req.query.year}.xlsx`);
    });

    app.post('/api/indicators/import', { bodyLimit: 12 * 1024 * 1024, schema: { tags, summary: '导入年度指标体系（全部成功或全部不导入）', body: zIndicatorImport, response: { 200: z.object({ created: z.number(), updated: z.number() }) } } }, async (req) => {
      const user = requireUser(req, 'indicator:manage');
      return importRegistry(deps, { user, address: req.ip }, req.body);
    });

    app.post('/api/indicators', { schema: { tags, summary: '新增评价指标', body: zIndicatorCreate, response: { 200: zCreated } } }, async (req) => {
      const user = requireUser(req, 'indicator:manage');
      return { id: await createIndicator(deps, { user, address: req.ip }, req.body) };
    });

    app.post('/api/indicators/copy-year', { schema: { tags, summary: '复制年度指标体系到新年度', body: zCopyYear, response: { 200: z.object({ copied: z.number() }) } } }, async (req) => {
      const user = requireUser(req, 'indicator:manage');
      return { copied: await copyYear(deps, { user, address: req.ip }, req.body.system, req.body.fromYear, req.body.toYear) };
    });

    app.post('/api/indicators/uploads', { schema: { tags, summary: '上传佐证材料或故事照片（图片或 PDF，≤10 MB）', response: { 201: zIndicatorUpload } } }, async (req, reply) => {
      const user = requireUser(req);
      if (!user.permissions.includes('indicator:file') && !user.permissions.includes('story:nominate')) throw new AppError('FORBIDDEN');
      if (!req.isMultipart()) throw new AppError('ATTACHMENT_MISSING');
      return reply.status(201).send(await storeIndicatorFile(deps, user, await req.file()));
    });

    app.get('/api/indicators/files/:id', { schema: { tags, summary: '查看佐证材料或故事照片', params: zIdParams } }, async (req, reply) => {
      const user = requireUser(req, 'indicator:read');
      return sendBlob(reply, await openIndicatorFile(deps, user, req.params.id), req.params.id, 'private, max-age=600');
    });

    app.get('/api/indicators/presses', { schema: { tags, summary: '请求督办列表', querystring: z.object({ status: z.enum(['open', 'all']).default('open') }), response: { 200: zPressList } } }, async (req) => {
      const user = requireUser(req, 'indicator:read');
      return listPresses(deps, user, req.query.status);
    });

    app.post('/api/indicators/presses/:id', { schema: { tags, summary: '处理请求督办：下发督办单或不予督办', params: zIdParams, body: zPressDecide, response: { 200: zOk } } }, async (req) => {
      const user = requireUser(req, 'supervision:order');
      await decidePress(deps, user, req.params.id, req.body);
      return { ok: true as const };
    });

    app.get('/api/indicators/dashboard', { schema: { tags, summary: '领导小组看板：每项指标对照目标与标杆，红黄灯在前', querystring: zIndicatorListQuery.pick({ year: true, system: true }), response: { 200: zLeadingDashboard } } }, async (req) => {
      requireUser(req, 'indicator:dashboard');
      return leadingDashboard(deps, req.query);
    });

    app.get('/api/indicators/reports/pack', { schema: { tags, summary: '领导小组会议材料（全部牵头单位，Word）', querystring: zReportQuery } }, async (req, reply) => {
      requireUser(req, 'indicator:dashboard');
      const { cityName } = await cityTexts(db());
      const docx = await meetingPackDocx(await meetingPack(deps, req.query), cityName, deps.now());
      return sendFile(reply, docx, docxType, `领导小组会议材料-${req.query.year}.docx`, `leading-group-pack-${req.query.year}.docx`);
    });

    app.get('/api/indicators/reports/:id', { schema: { tags, summary: '牵头单位工作汇报（Word）', params: zIdParams, querystring: zReportQuery } }, async (req, reply) => {
      const user = requireUser(req, 'indicator:read');
      const r = await leadReport(deps, user, req.params.id, req.query);
      return sendFile(reply, await leadReportDocx(r, deps.now()), docxType, `${r.departmentName}工作汇报-${r.year}.docx`, `lead-unit-report-${r.departmentId}-${r.year}.docx`);
    });

    app.get('/api/indicators/reports/notes', { schema: { tags, summary: '牵头单位的下一步工作（汇报用）', querystring: zReportQuery.extend({ departmentId: z.coerce.number().int().positive().optional() }), response: { 200: z.object({ nextSteps: z.string() }) } } }, async (req) => {
      const user = requireUser(req, 'indicator:read');
      return reportNote(deps, user, req.query);
    });

    app.post('/api/indicators/reports/notes', { schema: { tags, summary: '牵头单位填写下一步工作', body: zReportNote, response: { 200: zOk } } }, async (req) => {
      const user = requireUser(req, 'indicator:read');
      await saveReportNote(deps, user, req.body);
      return { ok: true as const };
    });

    app.get('/api/indicators/:id/reforms', { schema: { tags, summary: '指标的改革举措（督办事项）及其亮灯', params: zIdParams, response: { 200: zIndicatorReforms } } }, async (req) => {
      const user = requireUser(req, 'indicator:read');
      return indicatorReforms(deps, user, req.params.id);
    });

    app.post('/api/indicators/:id/reforms', { schema: { tags, summary: '新建改革举措（督办事项，关联本指标）', params: zIdParams, body: zReformCreate, response: { 200: zCreated.extend({ code: z.string() }) } } }, async (req) => {
      const user = requireUser(req, 'item:manage');
      return createReform(deps, user, req.params.id, req.body);
    });

    app.get('/api/indicators/:id', { schema: { tags, summary: '指标详情：分项、数据、佐证、审核、趋势、平台数据', params: zIdParams, response: { 200: zIndicatorDetail } } }, async (req) => {
      const user = requireUser(req, 'indicator:read');
      return indicatorDetail(deps, user, req.params.id);
    });

    app.post('/api/indicators/:id', { schema: { tags, summary: '修改评价指标', params: zIdParams, body: zIndicatorUpdate, response: { 200: zOk } } }, async (req) => {
      const user = requireUser(req, 'indicator:manage');
      await editIndicator(deps, { user, address: req.ip }, req.params.id, req.body);
      return { ok: true as const };
    });

    app.post('/api/indicators/:id/figures', { schema: { tags, summary: '牵头单位填报分项数据（附佐证材料）', params: zIdParams, body: zFileFigure, response: { 200: zCreated.extend({ warnings: z.array(z.string()) }) } } }, async (req) => {
      const user = requireUser(req, 'indicator:file');
      return fileFigure(deps, user, req.params.id, req.body);
    });

    app.post('/api/indicators/figures/:id/review', { schema: { tags, summary: '营商办审核：通过、退回、更正', params: zIdParams, body: zReviewFigure, response: { 200: zOk } } }, async (req) => {
      const user = requireUser(req, 'indicator:read');
      await reviewFigure(deps, user, req.params.id, req.body);
      return { ok: true as const };
    });

    app.get('/api/indicators/:id/problems', { schema: { tags, summary: '指标关联的企业诉求（牵头单位可见全市）', params: zIdParams, querystring: zProblemsQuery, response: { 200: zIndicatorProblems } } }, async (req) => {
      const user = requireUser(req, 'indicator:read');
      return indicatorProblems(deps, user, req.params.id, req.query.only);
    });

    app.post('/api/indicators/:id/presses', { schema: { tags, summary: '牵头单位请求督查室督办承办单位', params: zIdParams, body: zPressCreate, response: { 200: zCreated } } }, async (req) => {
      const user = requireUser(req, 'indicator:read');
      return { id: await requestPress(deps, user, req.params.id, req.body) };
    });

    app.get('/api/stories', { schema: { tags, summary: '城市故事（推荐与审核）', response: { 200: zStoryList } } }, async (req) => {
      const user = requireUser(req);
      if (!user.permissions.includes('story:nominate') && !user.permissions.includes('story:review')) throw new AppError('FORBIDDEN');
      return listStories(deps, user);
    });

    app.get('/api/stories/export', { schema: { tags, summary: '已发布故事汇编（Word）' } }, async (req, reply) => {
      requireUser(req, 'story:review');
      const { cityName } = await cityTexts(db());
      const day = beijingDate(deps.now());
      return sendFile(reply, await storiesDocx(deps, cityName), docxType, `${cityName}故事汇编-${day}.docx`, `stories-${day}.docx`);
    });

    app.get('/api/stories/reforms', { schema: { tags, summary: '可推荐为故事的已销号改革举措', response: { 200: zStoryReformOptions } } }, async (req) => {
      return storyReformOptions(deps, requireUser(req, 'story:nominate'));
    });

    app.post('/api/stories', { schema: { tags, summary: '把已办结的诉求或已销号的改革举措推荐为城市故事', body: zStoryCreate, response: { 200: zCreated } } }, async (req) => {
      const user = requireUser(req, 'story:nominate');
      return { id: await nominateStory(deps, user, req.body) };
    });

    app.post('/api/stories/:id/review', { schema: { tags, summary: '审核故事：发布或退回', params: zIdParams, body: zStoryReview, response: { 200: zOk } } }, async (req) => {
      const user = requireUser(req, 'story:review');
      await reviewStory(deps, user, req.params.id, req.body);
      return { ok: true as const };
    });

    app.get('/api/public/stories', { schema: { tags: ['public'], summary: '城市故事（公开，已脱敏）', querystring: zPublicStoryQuery, response: { 200: zPublicStoryList } } }, async (req, reply) => {
      await limiter.check(req, 'read');
      reply.header('cache-control', 'public, max-age=60');
      return publicStories(deps, req.query.q);
    });

    app.get('/api/public/stories/:id/photos/:fileId', { schema: { tags: ['public'], summary: '故事照片（公开）', params: zIdParams.extend({ fileId: z.coerce.number().int().positive() }) } }, async (req, reply) => {
      await limiter.check(req, 'read');
      const f = await publicPhoto(deps, req.params.id, req.params.fileId);
      return sendBlob(reply, { fileName: `story-${req.params.id}-${req.params.fileId}.${f.mime.split('/')[1]}`, mime: f.mime, size: f.size, stream: f.stream }, req.params.fileId, 'public, max-age=600');
    });
  };
}
