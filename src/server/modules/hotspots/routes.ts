import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zId } from '../../../contracts/common.js';
import {
  zHotspotConvert, zHotspotDetail, zHotspotList, zHotspotListQuery, zHotspotMap, zHotspotParams, zHotspotParamsView, zHotspotRunResult, zHotspotTopic,
} from '../../../contracts/hotspots.js';
import type { AppDeps } from '../../deps.js';
import { requireUser } from '../../http/auth-hooks.js';
import { detect } from './detect.js';
import { hotspotParamsView, saveHotspotParams } from './params.js';
import { getHotspotRow, hotspotDetail, hotspotMap, listHotspots } from './queries.js';
import { clearTopic, convertToItem, setTopic } from './take-up.js';

const tags = ['hotspots'];
const zParams = z.object({ id: zId });

/** 热点发现: the day's hot spots, one with its cases and trend, the district map, running the detection, taking one up. */
export function hotspotRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/hotspots', { schema: { tags, summary: '热点列表（某一检测日，默认最近一次）', querystring: zHotspotListQuery, response: { 200: zHotspotList } } }, async (req) => {
      const user = requireUser(req, 'hotspot:read');
      return listHotspots(deps, user, req.query);
    });

    app.get('/api/hotspots/params', { schema: { tags, summary: '热点检测参数', response: { 200: zHotspotParamsView } } }, async (req) => {
      const user = requireUser(req, 'hotspot:read');
      return hotspotParamsView(deps, user);
    });

    app.put('/api/hotspots/params', { schema: { tags, summary: '修改热点检测参数（下一次检测起生效）', body: zHotspotParams, response: { 200: zHotspotParamsView } } }, async (req) => {
      const user = requireUser(req, 'hotspot:manage');
      await saveHotspotParams(deps, user, req.ip, req.body);
      return hotspotParamsView(deps, user);
    });

    app.get('/api/hotspots/map', { schema: { tags, summary: '各区县当前热点（地图着色）', response: { 200: zHotspotMap } } }, async (req) => {
      requireUser(req, 'hotspot:read');
      return hotspotMap(deps);
    });

    app.get('/api/hotspots/:id', { schema: { tags, summary: '热点详情：诉求清单与前后趋势', params: zParams, response: { 200: zHotspotDetail } } }, async (req) => {
      const user = requireUser(req, 'hotspot:read');
      return hotspotDetail(deps, user, req.params.id);
    });

    app.post('/api/hotspots/run', { schema: { tags, summary: '立即检测今日热点（重复运行只更新当日结果）', response: { 200: zHotspotRunResult } } }, async (req) => {
      const user = requireUser(req, 'hotspot:run');
      const t = performance.now();
      // A rerun of the day upserts the same rows (one transaction), so it needs no lock against the daily job.
      const done = await detect(deps, { by: user.id });
      return { day: done.day, found: done.found, casesRead: done.casesRead, seconds: Math.round((performance.now() - t) / 100) / 10 };
    });

    app.post('/api/hotspots/:id/task', { schema: { tags, summary: '转为治理任务（督办事项，来源“热点问题”）', params: zParams, body: zHotspotConvert, response: { 200: z.object({ id: z.number(), code: z.string() }) } } }, async (req) => {
      const user = requireUser(req, 'hotspot:manage');
      const h = await getHotspotRow(deps.database.db, req.params.id);
      return convertToItem(deps, user, h, req.body);
    });

    app.post('/api/hotspots/:id/topic', { schema: { tags, summary: '设为每月一题', params: zParams, body: zHotspotTopic, response: { 200: z.object({ ok: z.literal(true) }) } } }, async (req) => {
      const user = requireUser(req, 'hotspot:manage');
      const h = await getHotspotRow(deps.database.db, req.params.id);
      await setTopic(deps, user, h, req.body.month);
      return { ok: true as const };
    });

    app.delete('/api/hotspots/:id/topic', { schema: { tags, summary: '取消每月一题（本月或以后的月份）', params: zParams, response: { 200: z.object({ ok: z.literal(true) }) } } }, async (req) => {
      const user = requireUser(req, 'hotspot:manage');
      const h = await getHotspotRow(deps.database.db, req.params.id);
      await clearTopic(deps, user, h);
      return { ok: true as const };
    });
  };
}
