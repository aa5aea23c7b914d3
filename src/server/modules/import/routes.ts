import { existsSync } from 'node:fs';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zId, zStr } from '../../../contracts/common.js';
import {
  zDryRunRequest, zDryRunResponse, zImportMapping, zImportRun, zImportRunErrors, zImportRunList, zSaveMappingRequest,
  zSavedMapping, zStartRunRequest, zUploadResponse, type ImportMapping,
} from '../../../contracts/import.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { requireUser } from '../../http/auth-hooks.js';
import { actorOf } from '../cases/index.js';
import { csvType, sendFile } from '../../kernel/index.js';
import { ImportJobs } from './jobs.js';
import { deleteMapping, errorsCsv, getMapping, getRunRow, listMappings, listRuns, presentRun, runErrors, saveMapping } from './queries.js';
import { describeColumns } from '../../import-file/read-file.js';
import { openImportFileInWorker } from './reader-worker.js';
import { runImport } from './run-import.js';
import { dropUpload, getUpload, maxUploadBytes, storeUpload } from './uploads.js';

const tags = ['import'];
const zRunParams = z.object({ id: zId });
const zMappingParams = z.object({ name: zStr().trim().min(1).max(100) });
const zErrorsQuery = z.object({ offset: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(500).default(100) });

/** A saved mapping (by name) with the request's own mapping laid over it. */
async function effectiveMapping(deps: AppDeps, name: string | undefined, inline: ImportMapping | undefined): Promise<ImportMapping> {
  const saved = name ? await getMapping(deps, name) : {};
  if (!inline) return saved;
  return { ...saved, ...inline, columns: { ...saved.columns, ...inline.columns } };
}

/** Bulk import (批量导入): uploads, dry runs, runs as jobs, their errors, saved mappings. Permission import:run. */
export function importRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const jobs = new ImportJobs(deps);
    app.addHook('onClose', async () => jobs.stopAll());
    // Scoped to this plugin: one file per request, up to the import upload cap.
    await app.register(multipart, { limits: { fileSize: maxUploadBytes(), files: 1, fields: 5, parts: 6, headerPairs: 50 } });

    app.post('/api/import/uploads', { schema: { tags, summary: '上传导入文件（CSV / XLSX / JSON），返回识别出的列', response: { 201: zUploadResponse } } }, async (req, reply) => {
      requireUser(req, 'import:run');
      if (!req.isMultipart()) throw new AppError('IMPORT_FILE_EMPTY');
      const stored = await storeUpload(await req.file());
      try {
        const file = await openImportFileInWorker(stored.filePath, { now: deps.now(), lenient: true });
        await file.rows.return(undefined);
        return reply.status(201).send({
          uploadId: stored.id, fileName: stored.fileName, size: stored.size, format: file.info.format, encoding: file.info.encoding,
          headerRow: file.info.headerRow, columns: describeColumns(file.info.headers, file.info.columns),
        });
      } catch (err) {
        // A file that cannot be read at all is not kept.
        await dropUpload(stored);
        throw err;
      }
    });

    app.post('/api/import/dry-run', { schema: { tags, summary: '试运行：逐行说明将新建、更新、跳过或失败的原因，不写入', body: zDryRunRequest, response: { 200: zDryRunResponse } } }, async (req) => {
      const user = requireUser(req, 'import:run');
      const upload = await getUpload(req.body.uploadId);
      const mapping = await effectiveMapping(deps, req.body.mappingName, req.body.mapping);
      const result = await runImport(deps, {
        filePath: upload.filePath, fileName: upload.fileName, source: req.body.source, mapping, actor: actorOf(user),
        dryRun: true, previewLimit: req.body.limit,
      });
      return { counts: result.counts, columns: describeColumns(result.info.headers, result.info.columns), rows: result.preview, truncated: result.truncated };
    });

    app.post('/api/import/runs', { schema: { tags, summary: '开始导入（后台任务），返回导入任务', body: zStartRunRequest, response: { 202: zImportRun } } }, async (req, reply) => {
      const user = requireUser(req, 'import:run');
      const upload = await getUpload(req.body.uploadId);
      const mapping = await effectiveMapping(deps, req.body.mappingName, req.body.mapping);
      const id = await jobs.start({
        filePath: upload.filePath, fileName: upload.fileName, fileSha256: upload.sha256, source: req.body.source, mapping,
        mappingName: req.body.mappingName ?? null, actor: actorOf(user),
      });
      return reply.status(202).send(presentRun(deps, await getRunRow(deps, id), true));
    });

    app.get('/api/import/runs', { schema: { tags, summary: '导入历史', response: { 200: zImportRunList } } }, async (req) => {
      requireUser(req, 'import:run');
      const rows = await listRuns(deps);
      return { items: rows.map((r) => presentRun(deps, r, jobs.isRunning(r.source))) };
    });

    app.get('/api/import/runs/:id', { schema: { tags, summary: '导入任务（进度）', params: zRunParams, response: { 200: zImportRun } } }, async (req) => {
      requireUser(req, 'import:run');
      await deps.directory.ready();
      const r = await getRunRow(deps, req.params.id);
      return presentRun(deps, r, jobs.isRunning(r.source));
    });

    app.post('/api/import/runs/:id/resume', { schema: { tags, summary: '继续中断的导入', params: zRunParams, response: { 202: zImportRun } } }, async (req, reply) => {
      const user = requireUser(req, 'import:run');
      const r = await getRunRow(deps, req.params.id);
      const run = presentRun(deps, r, jobs.isRunning(r.source));
      if (!(run.status === 'interrupted' || run.status === 'failed') || !r.file_path || !existsSync(r.file_path)) {
        throw new AppError('IMPORT_RUN_NOT_RESUMABLE', { status: run.status, fileKept: Boolean(r.file_path && existsSync(r.file_path)) });
      }
      const id = await jobs.start({
        filePath: r.file_path, fileName: r.file_name, fileSha256: r.file_sha256, source: r.source, mapping: zImportMapping.parse(r.mapping),
        mappingName: r.mapping_name, actor: actorOf(user),
      });
      return reply.status(202).send(presentRun(deps, await getRunRow(deps, id), true));
    });

    app.get('/api/import/runs/:id/errors', { schema: { tags, summary: '导入任务的错误与提示（分页）', params: zRunParams, querystring: zErrorsQuery, response: { 200: zImportRunErrors } } }, async (req) => {
      requireUser(req, 'import:run');
      return runErrors(deps, req.params.id, req.query.offset, req.query.limit);
    });

    app.get('/api/import/runs/:id/errors.csv', { schema: { tags, summary: '下载错误表（CSV）', params: zRunParams } }, async (req, reply) => {
      requireUser(req, 'import:run');
      await getRunRow(deps, req.params.id);
      return sendFile(reply, errorsCsv(deps, req.params.id), csvType, `导入错误表-${req.params.id}.csv`, `import-errors-${req.params.id}.csv`);
    });

    app.get('/api/import/mappings', { schema: { tags, summary: '已保存的字段映射', response: { 200: z.object({ items: z.array(zSavedMapping) }) } } }, async (req) => {
      requireUser(req, 'import:run');
      return { items: await listMappings(deps) };
    });

    app.put('/api/import/mappings/:name', { schema: { tags, summary: '保存字段映射', params: zMappingParams, body: zSaveMappingRequest, response: { 200: zSavedMapping } } }, async (req) => {
      const user = requireUser(req, 'import:run');
      await saveMapping(deps, req.params.name, req.body.mapping, user.id);
      const saved = (await listMappings(deps)).find((m) => m.name === req.params.name);
      if (!saved) throw new AppError('IMPORT_MAPPING_NOT_FOUND');
      return saved;
    });

    app.delete('/api/import/mappings/:name', { schema: { tags, summary: '删除字段映射', params: zMappingParams } }, async (req, reply) => {
      requireUser(req, 'import:run');
      await deleteMapping(deps, req.params.name);
      return reply.status(204).send();
    });
  };
}
