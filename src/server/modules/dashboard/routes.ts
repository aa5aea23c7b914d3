import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { zDashboardCasesExportQuery, zDashboardCasesPage, zDashboardCasesQuery, zOverview, zOverviewQuery } from '../../../contracts/dashboard.js';
import { beijingDate } from '../../../domain/calendar/local-time.js';
import { caseSummaryColumns } from '../cases/index.js';
import type { AppDeps } from '../../deps.js';
import { requireUser } from '../../http/auth-hooks.js';
import { findSliceCases } from './drill.js';
import { OverviewCache } from './overview-cache.js';
import { scopeDepartment } from './scope.js';
import { keysetPages, openStreams, sendXlsx } from '../../kernel/index.js';
import { ChangeWatcher, serveDashboardStream } from './stream.js';

const tags = ['dashboard'];

export function dashboardRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const watcher = new ChangeWatcher(deps);
    const streams = openStreams();
    const overviews = new OverviewCache(deps);
    app.addHook('preClose', async () => {
      streams.closeAll();
      watcher.stop();
    });

    app.get('/api/dashboard/overview', {
      schema: { tags, summary: '数据看板：本月与上月、周趋势、类别与区县排行、满意度、超期热力图（部门人员仅本单位）', querystring: zOverviewQuery, response: { 200: zOverview } },
    }, async (req) => {
      const user = requireUser(req, 'dashboard:read');
      const departmentId = await scopeDepartment(deps, user, req.query.departmentId);
      return overviews.get(departmentId, req.query.month);
    });

    app.get('/api/dashboard/cases', {
      schema: { tags, summary: '数据看板下钻：图表某一项所计的诉求清单', querystring: zDashboardCasesQuery, response: { 200: zDashboardCasesPage } },
    }, async (req) => {
      const user = requireUser(req, 'dashboard:read');
      const departmentId = await scopeDepartment(deps, user, req.query.departmentId);
      return findSliceCases(deps, departmentId, req.query);
    });

    app.get('/api/dashboard/cases/export.xlsx', {
      schema: { tags, summary: '导出看板下钻清单（Excel，同一口径，流式）', querystring: zDashboardCasesExportQuery },
    }, async (req, reply) => {
      const user = requireUser(req, 'dashboard:read');
      const departmentId = await scopeDepartment(deps, user, req.query.departmentId);
      const day = beijingDate(deps.now()).replaceAll('-', '');
      const pages = keysetPages((cursor) => findSliceCases(deps, departmentId, { ...req.query, cursor, limit: 500 }));
      return sendXlsx(reply, `看板下钻清单-${day}.xlsx`, `dashboard-cases-${day}.xlsx`, { sheetName: '诉求清单', columns: caseSummaryColumns, pages });
    });

    app.get('/api/dashboard/stream', { schema: { tags, summary: '数据看板实时刷新（Server-Sent Events：ready、changed）' } }, async (req, reply) => {
      requireUser(req, 'dashboard:read');
      serveDashboardStream(reply, watcher, streams);
    });
  };
}
