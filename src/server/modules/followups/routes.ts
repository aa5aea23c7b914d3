import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zId } from '../../../contracts/common.js';
import {
  followUpRetryHours, maxFollowUpAttempts, zCaseFollowUps, zFollowUpCall, zFollowUpQueue, zFollowUpQueueQuery, zFollowUpStats,
  zFollowUpStatsQuery, zRecordFollowUpRequest,
} from '../../../contracts/followups.js';
import type { AppDeps } from '../../deps.js';
import { requireUser } from '../../http/auth-hooks.js';
import { caseFollowUps, followUpQueue, followUpStats } from './queries.js';
import { recordFollowUp } from './record-follow-up.js';

const tags = ['followups'];
const zParams = z.object({ id: zId });

/** 回访: the operator's queue, recording a call (a reached call rates the case), a case's calls, and period counts. */
export function followupsRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/followups/queue', { schema: { tags, summary: '回访队列：待评价的电话诉求', querystring: zFollowUpQueueQuery, response: { 200: zFollowUpQueue } } }, async (req) => {
      requireUser(req, 'followup:record');
      return { items: await followUpQueue(deps, req.query.state, req.query.limit), maxAttempts: maxFollowUpAttempts, retryHours: followUpRetryHours };
    });

    app.post('/api/cases/:id/followups', { schema: { tags, summary: '登记一次回访（接通则按诉求人意见评价）', params: zParams, body: zRecordFollowUpRequest, response: { 201: zFollowUpCall } } }, async (req, reply) => {
      const user = requireUser(req, 'followup:record');
      return reply.status(201).send(await recordFollowUp(deps, user, req.params.id, req.body));
    });

    app.get('/api/cases/:id/followups', { schema: { tags, summary: '诉求的回访记录', params: zParams, response: { 200: zCaseFollowUps } } }, async (req) => {
      const user = requireUser(req, 'followup:record');
      return { items: await caseFollowUps(deps, user, req.params.id) };
    });

    app.get('/api/followups/stats', { schema: { tags, summary: '回访统计（有效回访口径见 docs/followups.md）', querystring: zFollowUpStatsQuery, response: { 200: zFollowUpStats } } }, async (req) => {
      requireUser(req, 'followup:record');
      return followUpStats(deps, req.query.from, req.query.to);
    });
  };
}
