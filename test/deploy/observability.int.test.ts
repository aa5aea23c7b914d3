import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJobs } from '../../src/server/jobs/scheduler.js';
import { loginAs } from '../kit/http.js';
import { testEngine, testRuntime, type TestRuntime } from '../kit/runtime.js';

// Request ids, /metrics (token, content, route patterns), liveness and readiness, on the engine under test.
const token = 'metrics-test-token-0123456789';
let rt: TestRuntime;

beforeAll(async () => {
  // The token is read when the app is built: this runtime serves /metrics, the one below without it does not.
  process.env.YIWANG_METRICS_TOKEN = token;
  try {
    rt = await testRuntime();
  } finally {
    delete process.env.YIWANG_METRICS_TOKEN;
  }
});
afterAll(() => rt.close());

const scrape = async () => {
  const res = await rt.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${token}` } });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toContain('text/plain');
  return res.body;
};

/** The value of one sample line, e.g. `yiwang_notification_outbox_pending`. */
const sample = (text: string, series: string): number => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  if (!line) throw new Error(`no sample ${series} in:\n${text}`);
  return Number(line.slice(series.length + 1));
};

describe('request ids', () => {
  it('echoes a well-formed X-Request-Id and makes a new one otherwise', async () => {
    const kept = await rt.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'lb-7f3a.42:abc' } });
    expect(kept.headers['x-request-id']).toBe('lb-7f3a.42:abc');
    const made = await rt.app.inject({ method: 'GET', url: '/healthz' });
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const refused = await rt.app.inject({ method: 'GET', url: '/api/auth/me', headers: { 'x-request-id': 'bad id with spaces <script>' } });
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('/metrics', () => {
  it('refuses callers without the bearer token', async () => {
    expect((await rt.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    const wrong = await rt.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer wrong' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('UNAUTHENTICATED');
    expect(wrong.headers['www-authenticate']).toBe('Bearer');
    // A staff session is not a metrics token.
    const admin = await loginAs(rt.app, 'admin');
    expect((await admin.get('/metrics')).status).toBe(401);
  });

  it('labels requests by route pattern, never by the raw URL', async () => {
    const admin = await loginAs(rt.app, 'admin');
    expect((await admin.get('/api/cases/987654')).status).toBe(404);
    expect((await admin.get('/api/cases/987655')).status).toBe(404);
    await rt.app.inject({ method: 'GET', url: '/no/such/page/123' });
    const text = await scrape();
    expect(sample(text, 'yiwang_http_requests_total{method="GET",route="/api/cases/:id",status_code="404"}')).toBe(2);
    expect(text).not.toContain('987654');
    expect(text).not.toContain('/no/such/page');
    expect(text).toContain('route="unmatched"');
    expect(sample(text, 'yiwang_http_request_duration_seconds_count{method="GET",route="/api/cases/:id"}')).toBe(2);
    // Process metrics come along.
    expect(text).toContain('process_resident_memory_bytes');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
  });

  it('reports the outbox lag, running imports and the connection pool from the database', async () => {
    const db = rt.deps.database.db;
    await sql`INSERT INTO notification_outbox (event_id, enqueued_at) VALUES (900000001, now() - interval '95 seconds'), (900000002, now())`.execute(db);
    await db.insertInto('import_runs').values({
      source: 'metrics-test', file_name: 'a.csv', file_size: 10, file_sha256: 'x', format: 'csv', encoding: 'utf-8',
      mapping: '{}', status: 'running', read_count: 120, failed_count: 3, started_at: new Date(), heartbeat_at: new Date(),
    }).execute();
    const text = await scrape();
    expect(sample(text, 'yiwang_notification_outbox_pending')).toBe(2);
    expect(sample(text, 'yiwang_notification_outbox_oldest_age_seconds')).toBeGreaterThanOrEqual(94);
    expect(sample(text, 'yiwang_import_runs_running')).toBe(1);
    expect(sample(text, 'yiwang_import_rows_read')).toBe(120);
    expect(sample(text, 'yiwang_import_rows_failed')).toBe(3);
    expect(sample(text, 'yiwang_metrics_database_up')).toBe(1);
    expect(sample(text, 'yiwang_db_pool_connections')).toBeGreaterThanOrEqual(1);
    if (testEngine === 'pglite') expect(sample(text, 'yiwang_db_pool_connections')).toBe(1);
    expect(text).toContain('yiwang_db_pool_waiting');

    await db.deleteFrom('notification_outbox').where('event_id', 'in', [900000001, 900000002]).execute();
    await db.updateTable('import_runs').set({ status: 'finished' }).where('source', '=', 'metrics-test').execute();
    const after = await scrape();
    expect(sample(after, 'yiwang_notification_outbox_pending')).toBe(0);
    expect(sample(after, 'yiwang_notification_outbox_oldest_age_seconds')).toBe(0);
    expect(sample(after, 'yiwang_import_runs_running')).toBe(0);
  });

  it('times each periodic job of the scheduler', async () => {
    const jobs = startJobs(rt.deps, 3_600_000, 3_600_000);
    try {
      await jobs.runOnce();
    } finally {
      jobs.stop();
    }
    const text = await scrape();
    for (const job of ['close_ratings', 'sla', 'assessment_facts']) {
      expect(sample(text, `yiwang_sweep_duration_seconds_count{job="${job}"}`)).toBe(1);
      expect(sample(text, `yiwang_sweep_last_success_timestamp_seconds{job="${job}"}`)).toBeGreaterThan(Date.now() / 1000 - 60);
    }
  });
});

describe('health', () => {
  it('answers liveness and readiness', async () => {
    const live = await rt.app.inject({ method: 'GET', url: '/healthz' });
    expect(live.statusCode).toBe(200);
    expect(live.json()).toEqual({ ok: true, engine: testEngine });
    const ready = await rt.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ ok: true, engine: testEngine });
  });

  it('is not ready while a migration of this version is missing', async () => {
    const db = rt.deps.database.db;
    const last = await db.selectFrom('schema_migrations').selectAll().orderBy('name', 'desc').limit(1).executeTakeFirstOrThrow();
    await db.deleteFrom('schema_migrations').where('name', '=', last.name).execute();
    try {
      const res = await rt.app.inject({ method: 'GET', url: '/readyz' });
      expect(res.statusCode).toBe(503);
      expect(res.json().error.code).toBe('MIGRATIONS_PENDING');
      expect(res.json().error.details.pending).toEqual([last.name]);
    } finally {
      await db.insertInto('schema_migrations').values(last).execute();
    }
    expect((await rt.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
  });
});

describe('without YIWANG_METRICS_TOKEN, and with the database gone', () => {
  let other: TestRuntime;
  beforeAll(async () => {
    other = await testRuntime();
  });
  afterAll(() => other.close());

  it('has no /metrics at all', async () => {
    const res = await other.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer anything' } });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it('answers 503 DATABASE_UNAVAILABLE on /readyz once the database is closed, while /healthz stays 200', async () => {
    await other.deps.database.db.destroy();
    const res = await other.app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.json().error.code).toBe('DATABASE_UNAVAILABLE');
    expect((await other.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });
});
