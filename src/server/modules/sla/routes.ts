import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { zCrossingList, zCrossingsQuery, zSweepResult } from '../../../contracts/sla.js';
import type { AppDeps } from '../../deps.js';
import { requireUser } from '../../http/auth-hooks.js';
import { runSlaSweep } from '../../jobs/scheduler.js';
import { emptyCounts } from '../../jobs/sla-sweep.js';
import { findCrossings } from './crossings.js';

const tags = ['sla'];

export function slaRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/sla/crossings', {
      schema: { tags, summary: '诉求的预警记录（黄色预警/红色超期，每个时限每级一条）', querystring: zCrossingsQuery, response: { 200: zCrossingList } },
    }, async (req) => {
      const user = requireUser(req, 'sla:read');
      return findCrossings(deps, user, req.query.caseId);
    });

    app.post('/api/sla/sweep', {
      schema: { tags, summary: '立即运行预警扫描（督办员、管理员）；另一进程正在扫描时 ran 为 false', response: { 200: zSweepResult } },
    }, async (req) => {
      requireUser(req, 'sla:sweep');
      const at = deps.now().toISOString();
      const counts = await runSlaSweep(deps);
      return { ran: counts != null, at, ...(counts ?? emptyCounts()) };
    });
  };
}
