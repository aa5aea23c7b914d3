import { sql } from 'kysely';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Database } from './db/engine.js';
import type { ReadReplica } from './db/read-replica.js';

// Prometheus metrics of one process, served at /metrics (http/metrics-routes.ts). Request counts and latencies are
// recorded as requests finish; sweep durations by the scheduler; the outbox, running imports and the connection
// pool are read when scraped (the outbox and imports from the database, so every process reports the shared state).

export interface Metrics {
  registry: Registry;
  httpRequests: Counter<'method' | 'route' | 'status_code'>;
  httpDuration: Histogram<'method' | 'route'>;
  sweepDuration: Histogram<'job'>;
  sweepLastRun: Gauge<'job'>;
  /** Reads the gauges that come from the database; a failure sets yiwang_metrics_database_up to 0. */
  refresh(): Promise<void>;
  /** Process and Node.js metrics (CPU, memory, event loop lag, GC); turned on by the server, once. */
  collectProcessMetrics(): void;
}

export function createMetrics(database: Database, replica?: ReadReplica): Metrics {
  const registry = new Registry();
  const httpRequests = new Counter({
    name: 'yiwang_http_requests_total', help: 'HTTP requests finished, by route pattern and status code.',
    labelNames: ['method', 'route', 'status_code'] as const, registers: [registry],
  });
  const httpDuration = new Histogram({
    name: 'yiwang_http_request_duration_seconds', help: 'HTTP response time by route pattern (live streams left out).',
    labelNames: ['method', 'route'] as const, buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const sweepDuration = new Histogram({
    name: 'yiwang_sweep_duration_seconds', help: 'Duration of the periodic jobs run by this process (it held the sweep lock).',
    labelNames: ['job'] as const, buckets: [0.01, 0.05, 0.1, 0.5, 1, 2, 5, 10, 30, 60, 120], registers: [registry],
  });
  const sweepLastRun = new Gauge({
    name: 'yiwang_sweep_last_success_timestamp_seconds', help: 'When each periodic job last finished without error in this process (Unix time).',
    labelNames: ['job'] as const, registers: [registry],
  });
  const outboxPending = gauge(registry, 'yiwang_notification_outbox_pending', 'Committed events waiting in notification_outbox.');
  const outboxOldest = gauge(registry, 'yiwang_notification_outbox_oldest_age_seconds', 'Age of the oldest event waiting in notification_outbox (0 when empty).');
  const importsRunning = gauge(registry, 'yiwang_import_runs_running', 'Import runs with status running.');
  const importRows = gauge(registry, 'yiwang_import_rows_read', 'Rows read so far by the running import runs.');
  const importRowsFailed = gauge(registry, 'yiwang_import_rows_failed', 'Rows failed so far in the running import runs.');
  const databaseUp = gauge(registry, 'yiwang_metrics_database_up', '1 when the database answered the last scrape\'s queries, else 0.');
  const poolTotal = gauge(registry, 'yiwang_db_pool_connections', 'Connections the pool holds (PGlite: its one session).');
  const poolIdle = gauge(registry, 'yiwang_db_pool_idle', 'Idle connections in the pool.');
  const poolWaiting = gauge(registry, 'yiwang_db_pool_waiting', 'Queries waiting for a connection (PGlite: for its one session).');

  const replicaLag = gauge(registry, 'yiwang_db_replica_lag_seconds', 'Seconds the read replica (DATABASE_READ_URL) replays behind the primary; absent without a replica, -1 when it does not answer.');
  const replicaInUse = gauge(registry, 'yiwang_db_replica_in_use', '1 when dashboards, the board and exports read from the replica; 0 when they fell back to the primary.');

  let processMetrics = false;
  return {
    registry, httpRequests, httpDuration, sweepDuration, sweepLastRun,
    async refresh() {
      const pool = database.poolStats?.();
      if (pool) {
        poolTotal.set(pool.total);
        poolIdle.set(pool.idle);
        poolWaiting.set(pool.waiting);
      }
      if (replica) {
        const st = await replica.check();
        replicaLag.set(st.lagSeconds ?? -1);
        replicaInUse.set(st.inUse ? 1 : 0);
      }
      try {
        const r = await withTimeout(sql<{ pending: number; oldest: number | null; running: number; read: number | null; failed: number | null }>`
          SELECT (SELECT count(*)::int FROM notification_outbox) AS pending,
                 (SELECT extract(epoch FROM now() - min(enqueued_at))::float8 FROM notification_outbox) AS oldest,
                 (SELECT count(*)::int FROM import_runs WHERE status = 'running') AS running,
                 (SELECT sum(read_count)::float8 FROM import_runs WHERE status = 'running') AS read,
                 (SELECT sum(failed_count)::float8 FROM import_runs WHERE status = 'running') AS failed`.execute(database.db), 2_000);
        const row = r.rows[0];
        outboxPending.set(Number(row.pending));
        outboxOldest.set(Math.max(0, Number(row.oldest ?? 0)));
        importsRunning.set(Number(row.running));
        importRows.set(Number(row.read ?? 0));
        importRowsFailed.set(Number(row.failed ?? 0));
        databaseUp.set(1);
      } catch {
        databaseUp.set(0);
      }
    },
    collectProcessMetrics() {
      if (processMetrics) return;
      processMetrics = true;
      collectDefaultMetrics({ register: registry });
    },
  };
}

function gauge(registry: Registry, name: string, help: string): Gauge {
  return new Gauge({ name, help, registers: [registry] });
}

/** Rejects when `work` has not settled within `ms` (the work itself goes on). */
export function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Times one periodic job into the sweep metrics. */
export async function timedJob<T>(metrics: Metrics, job: string, work: () => Promise<T>): Promise<T> {
  const end = metrics.sweepDuration.startTimer({ job });
  try {
    const result = await work();
    metrics.sweepLastRun.set({ job }, Date.now() / 1000);
    return result;
  } finally {
    end();
  }
}
