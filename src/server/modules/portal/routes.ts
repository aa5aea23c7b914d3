import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zId, zStr } from '../../../contracts/common.js';
import { attachmentLimits } from '../../../contracts/portal.js';
import {
  zAttachmentList, zLookupRequest, zLookupResponse, zPublicCategories, zRateRequest, zRouteHintRequest,
  zRouteHintResponse, zStaffUploadResponse, zSubmissionRequest, zSubmissionResponse, zTrackingView, zUploadResponse,
} from './schemas.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { requireUser } from '../../http/auth-hooks.js';
import { suggestDepartments } from '../routing/index.js';
import { similarRoutes } from '../similar/index.js';
import { warmUp } from '../similar/index.js';
import { RateLimiter } from '../../kernel/index.js';
import { checkCaseAccess, listAttachments, readAttachment, readSubmitterAttachment } from './attachments.js';
import { sendAttachment } from './send-attachment.js';
import { portalLimits, type LimitName } from './rate-limit.js';
import { submitCase } from './submit.js';
import { caseOfToken, lookupCase, rateFromTracking, trackingView } from './tracking.js';
import { storeStaffUpload, storeUpload } from './uploads.js';

const tags = ['portal'];
const zToken = z.object({ token: zStr().max(100) });
const zInline = z.object({ inline: z.enum(['0', '1']).optional() });
const zIdempotency = z.object({ 'idempotency-key': zStr().trim().min(8).max(100).optional() });

/** The public portal under /api/public (no session), the staff attachment endpoints, and the similar-cases endpoints. */
export function portalRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const limiter = new RateLimiter<LimitName>(app, 'portal', portalLimits, 'PORTAL_RATE_LIMITED');
    let warmed = false;
    // Scoped to this plugin: only the upload route takes multipart bodies, one file of at most 10 MB.
    await app.register(multipart, { limits: { fileSize: attachmentLimits.maxBytes, files: 1, fields: 2, parts: 3, headerPairs: 50 } });

    app.get('/api/public/categories', { schema: { tags, summary: '问题类别与区县（公开）', response: { 200: zPublicCategories } } }, async (req, reply) => {
      await limiter.check(req, 'read');
      // The form is opening: load the word dictionary for its similar-problems hint before the hint is asked for.
      if (!warmed) {
        warmed = true;
        setImmediate(warmUp);
      }
      const dir = await deps.directory.ready();
      reply.header('cache-control', 'public, max-age=300');
      return {
        categories: offeredCategories(dir.categories).map((c) => ({ id: c.id, name: c.name, parentId: c.parentId, kind: c.kind, acceptedKinds: c.acceptedKinds })),
        districts: dir.departments.filter((d) => d.kind === 'district').map((d) => ({ id: d.id, name: d.name })),
      };
    });

    app.post('/api/public/uploads', { schema: { tags, summary: '上传一个附件（图片或 PDF，≤10 MB），返回附件令牌', response: { 201: zUploadResponse } } }, async (req, reply) => {
      await limiter.check(req, 'upload');
      if (!req.isMultipart()) throw new AppError('ATTACHMENT_MISSING');
      const result = await storeUpload(deps, await req.file(), req.ip);
      return reply.status(201).send(result);
    });

    app.post('/api/public/cases', {
      schema: { tags, summary: '提交诉求（无需登录；Idempotency-Key 防重复提交）', headers: zIdempotency, body: zSubmissionRequest, response: { 201: zSubmissionResponse, 200: zSubmissionResponse } },
    }, async (req, reply) => {
      await limiter.check(req, 'submit');
      const result = await submitCase(deps, req.body, req.headers['idempotency-key']);
      return reply.status(result.created ? 201 : 200).send(result);
    });

    app.post('/api/public/route-hint', { schema: { tags, summary: '提交前：可能承办的部门', body: zRouteHintRequest, response: { 200: zRouteHintResponse } } }, async (req) => {
      await limiter.check(req, 'hint');
      const s = await suggestDepartments(deps, { text: req.body.text, categoryId: req.body.categoryId, districtId: req.body.districtId });
      return { departments: s.suggestions.slice(0, 3).map((x) => ({ name: x.departmentName, confidence: x.confidence })) };
    });

    app.post('/api/public/track/lookup', { schema: { tags, summary: '用受理编号和手机号后四位找回查询链接', body: zLookupRequest, response: { 200: zLookupResponse } } }, async (req) => {
      await limiter.check(req, 'lookup');
      return lookupCase(deps, req.ip, req.body.code, req.body.phoneLast4);
    });

    app.get('/api/public/track/:token', { schema: { tags, summary: '查询进度（私密链接）', params: zToken, response: { 200: zTrackingView } } }, async (req, reply) => {
      await limiter.check(req, 'read');
      reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
      return trackingView(deps, await caseOfToken(deps, req.params.token));
    });

    app.post('/api/public/track/:token/rate', { schema: { tags, summary: '评价办理结果（满意/基本满意/不满意，可申请重办）', params: zToken, body: zRateRequest, response: { 200: zTrackingView } } }, async (req) => {
      await limiter.check(req, 'rate');
      const caseId = await caseOfToken(deps, req.params.token);
      await rateFromTracking(deps, caseId, req.body);
      return trackingView(deps, caseId);
    });

    // Staff: a case's attachments, with the same visibility as the case itself.
    app.get('/api/cases/:id/attachments', { schema: { tags, summary: '诉求附件列表', params: z.object({ id: zId }), response: { 200: zAttachmentList } } }, async (req) => {
      const user = requireUser(req, 'case:read');
      return { items: await listAttachments(deps, user, req.params.id) };
    });

    app.get('/api/cases/:id/attachments/:attachmentId', {
      schema: { tags, summary: '下载或预览附件', params: z.object({ id: zId, attachmentId: zId }), querystring: zInline },
    }, async (req, reply) => {
      const user = requireUser(req, 'case:read');
      const file = await readAttachment(deps, user, req.params.id, req.params.attachmentId);
      return sendAttachment(reply, file, req.params.attachmentId, req.query.inline === '1', 'private, max-age=600');
    });

    // Staff: one file for a command on a case they may work on (reply, opinion, report, order answer, return or
    // extension request); the command then names it by id. Checked from its content like a portal upload.
    app.post('/api/cases/:id/uploads', {
      schema: { tags, summary: '为办理操作上传一个附件（图片或 PDF，≤10 MB），返回附件编号', params: z.object({ id: zId }), response: { 201: zStaffUploadResponse } },
    }, async (req, reply) => {
      const user = requireUser(req, 'case:command');
      await checkCaseAccess(deps, user, req.params.id);
      if (!req.isMultipart()) throw new AppError('ATTACHMENT_MISSING');
      return reply.status(201).send(await storeStaffUpload(deps, user, req.params.id, await req.file(), req.ip));
    });

    // The submitter, through the tracking link: only their own files and the approved reply's files meant for them.
    app.get('/api/public/track/:token/attachments/:attachmentId', {
      schema: { tags, summary: '查询页下载附件（本人上传的和答复附件）', params: zToken.extend({ attachmentId: zId }), querystring: zInline },
    }, async (req, reply) => {
      await limiter.check(req, 'read');
      const file = await readSubmitterAttachment(deps, await caseOfToken(deps, req.params.token), req.params.attachmentId);
      reply.header('referrer-policy', 'no-referrer');
      return sendAttachment(reply, file, req.params.attachmentId, req.query.inline === '1', 'private, no-store');
    });

    await similarRoutes(app, deps, limiter);
  };
}

/** Active categories, without a group whose children are all retired (it would look like a leaf to the form). */
function offeredCategories<C extends { id: number; parentId: number | null; isActive: boolean }>(all: readonly C[]): C[] {
  return all.filter((c) => c.isActive && (!all.some((x) => x.parentId === c.id) || all.some((x) => x.parentId === c.id && x.isActive)));
}
