import { zStr } from '../../../contracts/common.js';
import { createHash, randomUUID } from 'node:crypto';
import { unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import multipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  zUnitCreate, zUnitDated, zUnitDetail, zUnitEdit, zUnitImportResult, zUnitMerge, zUnitMove, zUnitResult, zUnitSplit, zUnitTree,
} from '../../../contracts/org-units.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { requireUser } from '../../http/auth-hooks.js';
import { beijingDate } from '../../../domain/calendar/local-time.js';
import { sendFile, xlsxType } from '../../kernel/index.js';
import {
  createUnit, deactivateUnit, editUnit, mergeUnit, moveUnit, reactivateUnit, splitUnit, type CommandContext, type OrgHooks,
} from './unit-commands.js';
import { exportUnits, importUnits } from './unit-excel.js';
import { unitDetail, unitTreeJson } from './unit-tree.js';

// 组织机构 (admin): the tree, a unit's page, the commands, Excel import and export. Permission org:manage.

const tags = ['org'];
const zId = z.object({ id: z.coerce.number().int() });
const maxTreeFileBytes = 20 * 1024 * 1024;

export function unitRoutes(deps: AppDeps, hooks: OrgHooks): FastifyPluginAsyncZod {
  const ctxOf = (req: FastifyRequest): CommandContext => ({ db: deps.database.db, now: deps.now(), user: requireUser(req, 'org:manage'), address: req.ip, hooks });
  /** Names and the tree change: the directory reloads now rather than after its time to live. */
  const changed = <T>(r: T): T => {
    deps.directory.invalidate();
    return r;
  };

  return async (app) => {
    await app.register(multipart, { limits: { fileSize: maxTreeFileBytes, files: 1, fields: 3, parts: 4, headerPairs: 50 } });

    // The answer is JSON text from the database (unit-tree.ts), sent as it is, with an ETag: the console's next load of
    // an unchanged tree (about 1 MB for a province) is a 304 without a body.
    app.get('/api/admin/org/tree', { schema: { tags, summary: '组织机构树（含人数、在办诉求数）', response: { 200: zUnitTree } } }, async (req, typed) => {
      requireUser(req, 'org:manage');
      const text = await unitTreeJson(deps.database.db);
      const etag = `"${createHash('sha256').update(text).digest('base64url').slice(0, 27)}"`;
      const reply: FastifyReply = typed; // a string body: Fastify sends it as it is, the schema documents it
      reply.header('etag', etag).header('cache-control', 'private, no-cache');
      if (req.headers['if-none-match'] === etag) return reply.status(304).send();
      return reply.type('application/json; charset=utf-8').send(text);
    });

    app.get('/api/admin/org/units/:id', { schema: { tags, summary: '单位详情：人员、牵头类别、历史', params: zId, response: { 200: zUnitDetail } } }, async (req) => {
      requireUser(req, 'org:manage');
      return unitDetail(deps.database.db, req.params.id);
    });

    app.post('/api/admin/org/units', { schema: { tags, summary: '新增单位', body: zUnitCreate, response: { 201: zUnitResult } } }, async (req, reply) => {
      return reply.status(201).send(changed(await createUnit(ctxOf(req), req.body)));
    });

    app.post('/api/admin/org/units/:id/edit', { schema: { tags, summary: '修改单位（名称、编码、电话、排序、类型）', params: zId, body: zUnitEdit, response: { 200: zUnitResult } } },
      async (req) => changed(await editUnit(ctxOf(req), req.params.id, req.body)));

    app.post('/api/admin/org/units/:id/move', { schema: { tags, summary: '调整上级单位', params: zId, body: zUnitMove, response: { 200: zUnitResult } } },
      async (req) => changed(await moveUnit(ctxOf(req), req.params.id, req.body.parentId, req.body.effectiveOn)));

    app.post('/api/admin/org/units/:id/merge', { schema: { tags, summary: '合并到另一单位（在办诉求、账号、下级单位随之转移）', params: zId, body: zUnitMerge, response: { 200: zUnitResult } } },
      async (req) => changed(await mergeUnit(ctxOf(req), req.params.id, req.body.targetId, req.body.effectiveOn)));

    app.post('/api/admin/org/units/:id/split', { schema: { tags, summary: '拆分单位', params: zId, body: zUnitSplit, response: { 200: zUnitResult } } },
      async (req) => changed(await splitUnit(ctxOf(req), req.params.id, req.body)));

    app.post('/api/admin/org/units/:id/deactivate', { schema: { tags, summary: '停用单位', params: zId, body: zUnitDated, response: { 200: zUnitResult } } },
      async (req) => changed(await deactivateUnit(ctxOf(req), req.params.id, req.body.effectiveOn)));

    app.post('/api/admin/org/units/:id/reactivate', { schema: { tags, summary: '启用单位', params: zId, body: zUnitDated, response: { 200: zUnitResult } } },
      async (req) => changed(await reactivateUnit(ctxOf(req), req.params.id, req.body.effectiveOn)));

    app.get('/api/admin/org/export', { schema: { tags, summary: '导出组织机构（Excel）' } }, async (req, reply) => {
      requireUser(req, 'org:manage');
      const body = await exportUnits(deps.database.db);
      return sendFile(reply, body, xlsxType, `组织机构-${beijingDate(deps.now())}.xlsx`, 'organisation.xlsx');
    });

    app.post('/api/admin/org/import', {
      schema: { tags, summary: '导入组织机构（Excel/CSV；dryRun=1 只检查）', querystring: z.object({ dryRun: z.enum(['0', '1']).default('1'), effectiveOn: zStr().optional() }), response: { 200: zUnitImportResult } },
    }, async (req) => {
      const ctx = ctxOf(req);
      if (!req.isMultipart()) throw new AppError('IMPORT_FILE_EMPTY');
      const file = await req.file();
      if (!file) throw new AppError('IMPORT_FILE_EMPTY');
      const data = await file.toBuffer().catch(() => {
        throw new AppError('IMPORT_FILE_TOO_LARGE', { maxBytes: maxTreeFileBytes });
      });
      const ext = /\.csv$/i.test(file.filename) ? '.csv' : '.xlsx';
      const path = join(tmpdir(), `yw-org-${randomUUID()}${ext}`);
      await writeFile(path, data);
      try {
        return changed(await importUnits(ctx, path, { dryRun: req.query.dryRun === '1', effectiveOn: req.query.effectiveOn }));
      } finally {
        await unlink(path).catch(() => {});
      }
    });
  };
}
