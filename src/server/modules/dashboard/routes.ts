import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { zDashboardCasesExportQuery, zDashboardCasesPage, zDashboardCasesQuery, zOverview, zOverviewQuery } from '../../../contracts/dashboard.js';
import { beijingDate } from '../../../domain/calendar/local-time.js';
import { caseSummaryColumns } from '../cases/index.js';
import type { AppDeps } from '../../deps.js';
import { requireUser } from '../../http/auth-hooks.js';
import { findSliceCases } from './drill.js';
import { OverviewCache } from './overview-cache.js';
import { countByType, overviewPeriods } from './overview.js';
import { caseTypeLabels } from '../../../domain/case/case-type.js';
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

    app.get('/api/dashboard/by-type/export.xlsx', {
      schema: { tags, summary: '导出看板“按诉求类型”表（Excel：受理、办结、当前超期在办）', querystring: zOverviewQuery },
    }, async (req, reply) => {
      const user = requireUser(req, 'dashboard:read');
      const departmentId = await scopeDepartment(deps, user, req.query.departmentId);
      const p = overviewPeriods(deps.now(), req.query.month);
      const rows = await countByType(deps, departmentId, p.kpi);
      const dir = await deps.directory.ready();
      const scope = departmentId === null ? '全市' : dir.names().department(departmentId) ?? `单位 ${departmentId}`;
      const last = new Date(Date.parse(`${p.kpi.until}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      const span = `${p.kpi.from} 至 ${last}`;
      const pages = (async function* () { yield rows; })();
      return sendXlsx(reply, `看板-按诉求类型-${p.month}.xlsx`, `dashboard-by-type-${p.month}.xlsx`, {
        sheetName: '按诉求类型',
        columns: [
          { header: '范围', width: 20, value: () => scope },
          { header: '统计期间', width: 26, value: () => span },
          { header: '诉求类型', width: 10, value: (r) => caseTypeLabels[r.caseType] },
          { header: '受理（件）', width: 12, value: (r) => r.received },
          { header: '办结（件）', width: 12, value: (r) => r.closed },
          { header: '当前超期在办（件）', width: 18, value: (r) => r.overdueNow },
        ],
        pages,
      });
    });

    app.get('/api/dashboard/stream', { schema: { tags, summary: '数据看板实时刷新（Server-Sent Events：ready、changed）' } }, async (req, reply) => {
      requireUser(req, 'dashboard:read');
      serveDashboardStream(reply, watcher, streams);
    });
  };
}
