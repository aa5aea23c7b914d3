import {
  Kysely, PostgresDialect, PostgresDriver, sql,
  type CompiledQuery, type DatabaseConnection, type Dialect, type Driver, type QueryResult, type TransactionSettings,
} from 'kysely';
import pg from 'pg';
import { databaseFaultOf } from '../kernel/database-faults.js';
import type { Database } from './engine.js';
import type { DB } from './schema.js';

// A streaming replica for the heavy reads that may be a few seconds old: dashboards (and the big screen), the public
// board and exports (DATABASE_READ_URL, PostgreSQL only). One Kysely instance (`deps.readDb`) whose driver picks, per
// connection, the replica when it answers and lags no more than the limit (YIWANG_READ_MAX_LAG_S), else the primary's
// pool — so a replica that stops or falls behind costs nothing but load on the primary, and callers never notice.
// Everything that writes, and every read a user makes of what they just changed (case pages, lists), uses the primary.

/** What the admin screen and /metrics show. */
export interface ReplicaStatus {
  configured: boolean;
  /** The replica answered the last check. */
  up: boolean;
  /** Seconds the replica's replay is behind the primary (0 when it has replayed everything the primary wrote). */
  lagSeconds: number | null;
  maxLagSeconds: number;
  /** Reads go to the replica now (up and lag within the limit). */
  inUse: boolean;
  /** The replica is in recovery (a real standby), not a primary given by mistake. */
  standby: boolean | null;
  checkedAt: string | null;
  error: string | null;
}

export interface ReadReplica {
  db: Kysely<DB>;
  status(): ReplicaStatus;
  /** Measures lag now (also run every few seconds in the background). */
  check(): Promise<ReplicaStatus>;
  close(): Promise<void>;
}

export const defaultMaxLagSeconds = 30;
const checkEveryMs = 5_000;

export function maxLagFromEnv(): number {
  const v = Number(process.env.YIWANG_READ_MAX_LAG_S);
  return Number.isFinite(v) && v > 0 ? v : defaultMaxLagSeconds;
}

export function readReplicaFromEnv(primary: Database): ReadReplica | undefined {
  const url = process.env.DATABASE_READ_URL;
  if (!url) return undefined;
  if (primary.kind !== 'postgres' || !primary.pool) throw new Error('DATABASE_READ_URL needs DATABASE_URL (PostgreSQL): a PGlite folder has no replica');
  return openReadReplica(primary, { url, maxLagSeconds: maxLagFromEnv() });
}

export function openReadReplica(primary: Database, opts: { url: string; maxLagSeconds?: number; checkEveryMs?: number; poolSize?: number }): ReadReplica {
  if (!primary.pool) throw new Error('a read replica needs a PostgreSQL primary');
  const maxLagSeconds = opts.maxLagSeconds ?? defaultMaxLagSeconds;
  const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? 8, connectionTimeoutMillis: 2_000 });
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  const replicaDb = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  let state: ReplicaStatus = { configured: true, up: false, lagSeconds: null, maxLagSeconds, inUse: false, standby: null, checkedAt: null, error: null };

  const check = async (): Promise<ReplicaStatus> => {
    try {
      // The primary's WAL position first: if the replica has replayed up to it, nothing is pending and the lag is 0
      // (pg_last_xact_replay_timestamp alone grows while the primary is idle).
      const p = await sql<{ lsn: string }>`SELECT pg_current_wal_lsn()::text AS lsn`.execute(primary.db);
      const r = await sql<{ standby: boolean; caught_up: boolean | null; lag: number | null }>`
        SELECT pg_is_in_recovery() AS standby,
               pg_last_wal_replay_lsn() >= ${p.rows[0].lsn}::pg_lsn AS caught_up,
               extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8 AS lag`.execute(replicaDb);
      const row = r.rows[0];
      // Decided on the lag as shown (to 0.1 s), so a standby left out for lagging never shows a lag equal to the limit.
      const lag = !row.standby || row.caught_up ? 0 : Math.round(Math.max(0, Number(row.lag ?? 0)) * 10) / 10;
      state = { ...state, up: true, standby: row.standby, lagSeconds: lag, inUse: lag <= maxLagSeconds, checkedAt: new Date().toISOString(), error: null };
    } catch (err) {
      state = { ...state, up: false, lagSeconds: null, inUse: false, checkedAt: new Date().toISOString(), error: (err as Error).message };
    }
    return state;
  };
  const timer = setInterval(() => void check(), opts.checkEveryMs ?? checkEveryMs);
  timer.unref();
  void check();

  const replicaDriver = new PostgresDriver({ pool });
  const primaryDriver = new PostgresDriver({ pool: primary.pool });
  const db = new Kysely<DB>({
    dialect: routed(new PostgresDialect({ pool }), new RoutingDriver(replicaDriver, primaryDriver, () => state.inUse, () => {
      state = { ...state, up: false, inUse: false, error: 'connection failed' };
    })),
  });
  return {
    db,
    status: () => state,
    check,
    async close() {
      clearInterval(timer);
      await replicaDb.destroy();
    },
  };
}

function routed(dialect: Dialect, driver: Driver): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createDriver: () => driver,
  };
}

/** Hands out a replica connection while the replica is usable, else one of the primary's; each goes back where it came from. */
class RoutingDriver implements Driver {
  #owner = new Map<DatabaseConnection, Driver>();
  constructor(
    private readonly replica: Driver,
    private readonly primary: Driver,
    private readonly useReplica: () => boolean,
    private readonly markDown: () => void,
  ) {}
  async init() {
    await this.replica.init();
    await this.primary.init();
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    if (this.useReplica()) {
      try {
        const conn = new ReplicaConnection(await this.replica.acquireConnection(), this.primary, this.markDown);
        this.#owner.set(conn, this.replica);
        return conn;
      } catch {
        // The replica went away between checks: read from the primary until the next check finds it again.
        this.markDown();
      }
    }
    const conn = await this.primary.acquireConnection();
    this.#owner.set(conn, this.primary);
    return conn;
  }
  async releaseConnection(conn: DatabaseConnection): Promise<void> {
    const owner = this.#owner.get(conn) ?? this.primary;
    this.#owner.delete(conn);
    await owner.releaseConnection(conn instanceof ReplicaConnection ? conn.inner : conn);
  }
  beginTransaction(conn: DatabaseConnection, settings: TransactionSettings) {
    return (this.#owner.get(conn) ?? this.primary).beginTransaction(unwrap(conn), settings);
  }
  commitTransaction(conn: DatabaseConnection) {
    return (this.#owner.get(conn) ?? this.primary).commitTransaction(unwrap(conn));
  }
  rollbackTransaction(conn: DatabaseConnection) {
    return (this.#owner.get(conn) ?? this.primary).rollbackTransaction(unwrap(conn));
  }
  async destroy() {
    // The replica's pool is ended by close(); the primary's belongs to the primary's Kysely.
  }
}

const unwrap = (conn: DatabaseConnection) => (conn instanceof ReplicaConnection ? conn.inner : conn);

/**
 * A replica connection whose query, failing because the replica went away (stopped, restarted, connection cut), is
 * run once more on a primary connection. Only reads go through deps.readDb, so running one again is harmless.
 */
class ReplicaConnection implements DatabaseConnection {
  constructor(
    readonly inner: DatabaseConnection,
    private readonly primary: Driver,
    private readonly markDown: () => void,
  ) {}
  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    try {
      return await this.inner.executeQuery<R>(query);
    } catch (err) {
      if (databaseFaultOf(err) !== 'DATABASE_UNAVAILABLE') throw err;
      this.markDown();
      const conn = await this.primary.acquireConnection();
      try {
        return await conn.executeQuery<R>(query);
      } finally {
        await this.primary.releaseConnection(conn);
      }
    }
  }
  streamQuery<R>(query: CompiledQuery, chunkSize: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}
