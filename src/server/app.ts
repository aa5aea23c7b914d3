import { existsSync } from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyInstance, type FastifySchema } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from './deps.js';
import { installErrorHandling } from './http/errors.js';
import { docsPolicy, installSecurityHeaders } from './http/security-headers.js';
import { installUtf8Guard } from './http/utf8-guard.js';
import { sessionHook } from './http/auth-hooks.js';
import { genReqId, installObservability } from './http/observability.js';
import { lazyChildLogger } from './http/request-logger.js';
import { installRateLimits } from './kernel/index.js';
import { authRoutes } from './modules/auth/routes.js';
import { SessionStore } from './modules/auth/sessions.js';
import { subscribeCaseChanges } from './modules/cases/case-changes.js';
import { caseRoutes } from './modules/cases/routes.js';
import { orgRoutes } from './modules/org/routes.js';
import { unitRoutes } from './modules/org/unit-routes.js';
import { moveUsersToUnit } from './modules/auth/move-users.js';
import { moveOpenAssignments } from './modules/cases/bulk-writes.js';
import { moveCategoryLeads } from './modules/catalogue/move-leads.js';
import { moveOpenOrders } from './modules/supervision/move-orders.js';
import { publishCaseChanges } from './modules/cases/case-changes.js';
import { calendarRoutes } from './modules/calendar/routes.js';
import { policyRoutes } from './modules/policies/routes.js';
import { slaRoutes } from './modules/sla/routes.js';
import { supervisionRoutes } from './modules/supervision/routes.js';
import { itemLedgerRoutes, itemRoutes, moveUnitItems } from './modules/items/index.js';
import { notificationRoutes } from './modules/notifications/routes.js';
import { alertAdmins } from './modules/notifications/security-alerts.js';
import { assessmentRoutes } from './modules/assessment/routes.js';
import { dashboardRoutes } from './modules/dashboard/routes.js';
import { publicationRoutes } from './modules/publication/routes.js';
import { portalRoutes } from './modules/portal/routes.js';
import { importRoutes } from './modules/import/routes.js';
import { open311Routes } from './modules/open311/routes.js';
import { routingRoutes } from './modules/routing/routes.js';
import { followupsRoutes } from './modules/followups/routes.js';
import { backupRoutes } from './modules/backup/routes.js';
import { settingsRoutes } from './modules/settings/routes.js';
import { adminAuditRoutes } from './modules/audit-trail/routes.js';
import { catalogueRoutes } from './modules/catalogue/routes.js';
import { indicatorRoutes } from './modules/indicators/index.js';
import { hotspotRoutes } from './modules/hotspots/index.js';
import { searchRoutes } from './modules/search/routes.js';
import { knowledgeRoutes } from './modules/knowledge/index.js';
import { suggestionRoutes } from './modules/suggestions/routes.js';
import { majorReportRoutes } from './modules/suggestions/major-report-routes.js';
import { promiseItems } from './modules/suggestions/index.js';

z.config(z.locales.zhCN());

declare module 'fastify' {
  interface FastifyInstance {
    /** Method, URL pattern and schema of every registered route (HEAD left out). */
    routeList: { method: string; url: string; schema?: FastifySchema }[];
  }
}

/** The whole HTTP application without listen(), so tests drive it in-process with inject(). */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.log,
    bodyLimit: 1_048_576,
    // Behind a reverse proxy or load balancer, YIWANG_TRUST_PROXY=1 makes req.ip the citizen's address (per-IP limits).
    trustProxy: process.env.YIWANG_TRUST_PROXY === '1',
    // Case commands are already recorded as events; per-request access logs would double the volume.
    logController: new LogController({ disableRequestLogging: true }),
    // Logged as reqId on every line of a request and echoed in X-Request-Id; an incoming well-formed id is kept.
    requestIdHeader: false,
    genReqId,
    // The request's reqId-bound logger is made only when the request logs something (http/request-logger.ts).
    childLoggerFactory: lazyChildLogger,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  // Tests check every response against its zod schema; production trusts the presenters and only stringifies
  // (validating each response cost ~8% of a case page's CPU in bench/).
  if (deps.validateResponses) app.setSerializerCompiler(serializerCompiler);
  else app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  const serveWeb = !!deps.webRoot && existsSync(path.join(deps.webRoot, 'index.html'));
  installErrorHandling(app, serveWeb);
  // Every route registered below, for the tests that walk all endpoints (authorization, public output scans).
  const routeList: { method: string; url: string; schema?: FastifySchema }[] = [];
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) if (method !== 'HEAD') routeList.push({ method, url: r.url, schema: r.schema });
  });
  app.decorate('routeList', routeList);
  // Request ids, /metrics, /healthz (liveness) and /readyz (readiness).
  installObservability(app, deps);

  await installSecurityHeaders(app, { secure: deps.secureCookies });
  installUtf8Guard(app);
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      info: { title: '一网督办 API', description: '优化营商环境问题并网督办平台接口。错误统一为 {error:{code,message}}。', version: '0.1.0' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'yw_session' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true, transformStaticCSP: (h) => docsPolicy(h, deps.secureCookies) });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const unsubscribe = await subscribeCaseChanges(deps);
  app.addHook('onClose', async () => unsubscribe());
  await deps.calendar.ready();
  const unsubscribeCalendar = await deps.calendar.subscribe();
  app.addHook('onClose', async () => unsubscribeCalendar());
  const sessions = new SessionStore(deps, (alert) => alertAdmins(deps, alert));
  app.decorateRequest('session', null);
  await installRateLimits(app, deps.database.db, deps.now);
  app.addHook('preValidation', sessionHook(sessions));

  await app.register(authRoutes(sessions, deps.secureCookies));
  await app.register(orgRoutes(deps));
  // The organisation sits below cases and accounts: a merge moves their rows through the owners' functions, handed in here.
  await app.register(unitRoutes(deps, { moveOpenAssignments, moveUsers: moveUsersToUnit, moveOpenOrders, moveUnitItems, moveCategoryLeads, casesChanged: (ids) => void publishCaseChanges(deps, ids) }));
  await app.register(caseRoutes(deps));
  await app.register(calendarRoutes(deps));
  await app.register(policyRoutes(deps));
  await app.register(slaRoutes(deps));
  await app.register(supervisionRoutes(deps));
  await app.register(itemRoutes(deps));
  await app.register(itemLedgerRoutes(deps));
  await app.register(notificationRoutes(deps));
  await app.register(assessmentRoutes(deps));
  await app.register(dashboardRoutes(deps));
  await app.register(publicationRoutes(deps));
  await app.register(portalRoutes(deps));
  await app.register(importRoutes(deps));
  await app.register(open311Routes(deps));
  await app.register(routingRoutes(deps));
  await app.register(followupsRoutes(deps));
  await app.register(backupRoutes(deps));
  await app.register(settingsRoutes(deps));
  await app.register(adminAuditRoutes(deps));
  await app.register(catalogueRoutes(deps));
  await app.register(indicatorRoutes(deps));
  await app.register(hotspotRoutes(deps));
  await app.register(searchRoutes(deps));
  await app.register(knowledgeRoutes(deps));
  // A B or C answer's promise becomes a supervised item (督办事项) in the same transaction.
  await app.register(suggestionRoutes(deps, promiseItems(deps.now, () => deps.calendar.workingTime)));
  await app.register(majorReportRoutes(deps));

  if (serveWeb) {
    // Files are looked up per request (wildcard), so a rebuilt client is served without a restart.
    await app.register(fastifyStatic, { root: deps.webRoot!, prefix: '/', index: ['index.html'] });
  }
  return app;
}
