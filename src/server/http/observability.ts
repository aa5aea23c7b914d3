import { randomUUID, timingSafeEqual } from 'node:crypto';
import { readdirSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { sql } from 'kysely';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { migrationsDir } from '../db/migrate.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import { withTimeout } from '../metrics.js';

// Request ids, Prometheus metrics at /metrics, liveness (/healthz) and readiness (/readyz).

const wellFormedId = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request id: the caller's X-Request-Id (a proxy's or a client's) when well-formed, else a new UUID. */
export function genReqId(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && wellFormedId.test(incoming) ? incoming : randomUUID();
}

/** How long /readyz waits for the database before answering 503. */
const readyTimeoutMs = 2_000;

/** Installed on the root instance (not as an encapsulated plugin), so its hooks see every route. */
export function installObservability(app: FastifyInstance, deps: AppDeps): void {
  const metricsToken = process.env.YIWANG_METRICS_TOKEN || null;
  const migrationFiles = readdirSync(migrationsDir).filter((f) => f.endsWith('.sql'));
  // Every answer carries the id its log lines have (reqId), so a user's report can be matched to the logs.
  // Callback style, as the other per-request hooks: an async hook costs a promise and a microtask turn per request.
  app.addHook('onRequest', (req, reply, done) => {
    reply.header('x-request-id', req.id);
    done();
  });

  if (metricsToken) {
    deps.metrics.collectProcessMetrics();
    app.addHook('onResponse', async (req, reply) => {
      // The route pattern (/api/cases/:id), never the raw URL: one series per route, whatever the ids.
      const route = req.routeOptions.url ?? 'unmatched';
      deps.metrics.httpRequests.inc({ method: req.method, route, status_code: String(reply.statusCode) });
      // A live stream's time is how long the page stayed open, not a latency.
      if (!route.endsWith('/stream')) deps.metrics.httpDuration.observe({ method: req.method, route }, reply.elapsedTime / 1000);
    });
  }

  // Not public: answers only a Bearer token equal to YIWANG_METRICS_TOKEN; without that variable it does not exist.
  app.get('/metrics', { schema: { hide: true } }, async (req, reply) => {
    if (!metricsToken) throw new AppError('NOT_FOUND');
    if (!tokenMatches(req.headers.authorization, metricsToken)) {
      reply.header('www-authenticate', 'Bearer');
      throw new AppError('UNAUTHENTICATED');
    }
    await deps.metrics.refresh();
    return reply.header('content-type', deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });

  // Liveness: the process answers. No database, so a slow database never gets a healthy process restarted.
  app.get('/healthz', { schema: { hide: true } }, async () => ({ ok: true, engine: deps.database.kind }));

  // Readiness: the database answers within a short time and has every migration this version ships.
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply: FastifyReply) => {
    let applied: Set<string>;
    try {
      applied = await withTimeout((async () => {
        await sql`SELECT 1`.execute(deps.database.db);
        const rows = await deps.database.db.selectFrom('schema_migrations').select('name').execute();
        return new Set(rows.map((r) => r.name));
      })(), readyTimeoutMs);
    } catch (err) {
      deps.log.warn({ err }, 'readiness: database unavailable');
      throw new AppError('DATABASE_UNAVAILABLE');
    }
    const pending = migrationFiles.filter((f) => !applied.has(f));
    if (pending.length > 0) throw new AppError('MIGRATIONS_PENDING', { pending });
    return reply.send({ ok: true, engine: deps.database.kind, migrations: migrationFiles.length });
  });
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(.+)$/i.exec(header ?? '');
  if (!m) return false;
  const given = Buffer.from(m[1].trim());
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}
