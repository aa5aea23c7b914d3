import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  zCatalogueImportRequest, zCatalogueImportResult, zCatalogueList, zCategoryCreate, zCategoryDetail, zCategoryMove, zCategoryStatusChange, zCategoryUpdate,
} from '../../../contracts/catalogue.js';
import { zId } from '../../../contracts/common.js';
import { beijingDate } from '../../../domain/calendar/local-time.js';
import type { AppDeps } from '../../deps.js';
import { requireUser } from '../../http/auth-hooks.js';
import { sendFile, xlsxType } from '../../kernel/index.js';
import { createCategory, moveCategory, setCategoryActive, updateCategoryFields } from './commands.js';
import { catalogueXlsx } from './export.js';
import { importCatalogue } from './import.js';
import { categoryDetail, listCatalogue } from './queries.js';

const tags = ['catalogue'];
const zParams = z.object({ id: zId });

/** 问题类别: the catalogue screen's API. Every route needs `catalogue:manage`. */
export function catalogueRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const db = () => deps.database.db;

    app.get('/api/catalogue', { schema: { tags, summary: '问题类别（含停用）', response: { 200: zCatalogueList } } }, async (req) => {
      requireUser(req, 'catalogue:manage');
      return { items: await listCatalogue(db()) };
    });

    app.get('/api/catalogue/export', { schema: { tags, summary: '导出问题类别（Excel）' } }, async (req, reply) => {
      requireUser(req, 'catalogue:manage');
      const day = beijingDate(deps.now());
      return sendFile(reply, await catalogueXlsx(db()), xlsxType, `问题类别-${day}.xlsx`, `catalogue-${day}.xlsx`);
    });

    app.get('/api/catalogue/:id', { schema: { tags, summary: '问题类别详情：历史、适用时限、派单规则', params: zParams, response: { 200: zCategoryDetail } } }, async (req) => {
      requireUser(req, 'catalogue:manage');
      return categoryDetail(db(), req.params.id);
    });

    app.post('/api/catalogue', { schema: { tags, summary: '新增问题类别', body: zCategoryCreate, response: { 200: zCategoryDetail } } }, async (req) => {
      const user = requireUser(req, 'catalogue:manage');
      const id = await createCategory(deps, { user, address: req.ip }, req.body);
      return categoryDetail(db(), id);
    });

    app.post('/api/catalogue/import', {
      bodyLimit: 12 * 1024 * 1024,
      schema: { tags, summary: '导入问题类别（先试导入）', body: zCatalogueImportRequest, response: { 200: zCatalogueImportResult } },
    }, async (req) => {
      const user = requireUser(req, 'catalogue:manage');
      return importCatalogue(deps, { user, address: req.ip }, req.body);
    });

    app.post('/api/catalogue/:id', { schema: { tags, summary: '修改问题类别', params: zParams, body: zCategoryUpdate, response: { 200: zCategoryDetail } } }, async (req) => {
      const user = requireUser(req, 'catalogue:manage');
      await updateCategoryFields(deps, { user, address: req.ip }, req.params.id, req.body);
      return categoryDetail(db(), req.params.id);
    });

    app.post('/api/catalogue/:id/move', { schema: { tags, summary: '调整类别层级', params: zParams, body: zCategoryMove, response: { 200: zCategoryDetail } } }, async (req) => {
      const user = requireUser(req, 'catalogue:manage');
      await moveCategory(deps, { user, address: req.ip }, req.params.id, req.body);
      return categoryDetail(db(), req.params.id);
    });

    for (const [path, active, summary] of [['deactivate', false, '停用问题类别'], ['reactivate', true, '启用问题类别']] as const) {
      app.post(`/api/catalogue/:id/${path}`, { schema: { tags, summary, params: zParams, body: zCategoryStatusChange, response: { 200: zCategoryDetail } } }, async (req) => {
        const user = requireUser(req, 'catalogue:manage');
        await setCategoryActive(deps, { user, address: req.ip }, req.params.id, active, req.body);
        return categoryDetail(db(), req.params.id);
      });
    }
  };
}
