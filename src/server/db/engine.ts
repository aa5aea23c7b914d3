import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import {
  Kysely, PGliteDialect, PostgresDialect,
  type DatabaseConnection, type Dialect, type Driver, type TransactionSettings,
} from 'kysely';
import pg from 'pg';
import { lockDataFolder } from './folder-lock.js';
import type { DB } from './schema.js';

export type EngineKind = 'pglite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  kind: EngineKind;
  /**
   * PostgreSQL only: LISTEN on a dedicated connection. `onGap` runs when the connection was lost and notifications
   * may have been missed. Returns a function that stops listening.
   */
  listen?(channel: string, onMessage: (payload: string) => void, onGap: () => void): Promise<() => Promise<void>>;
  /** Where the data lives, for messages: a folder or a redacted URL. */
  location: string;
  /** PGlite only: the instance, for dumpDataDir (backup). */
  pglite?: PGlite;
  /** PostgreSQL only: the connection URL, for pg_dump (backup). Never for messages: it may hold a password. */
  url?: string;
  /** PostgreSQL only: the pool, shared with the read side's fallback (db/read-replica.ts). */
  pool?: pg.Pool;
  /** Connections held, idle, and queries waiting for one (PGlite: its one session), for /metrics. */
  poolStats?(): PoolStats;
  close(): Promise<void>;
}

export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

export interface EngineOptions {
  /** PostgreSQL server URL; when set it wins over dataDir. */
  databaseUrl?: string;
  /** PGlite data folder; undefined means in memory (tests). */
  dataDir?: string;
  poolSize?: number;
  /** A PGlite instance made by the caller (tests load one from a migrated template). */
  pglite?: PGlite;
}

// pg returns int8/numeric as strings; PGlite returns count as a number. Normalise once here: ids and counts fit in a double.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

export const pgliteParsers = { 20: (v: string) => Number(v), 1700: (v: string) => Number(v) };

export async function openDatabase(opts: EngineOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 16 });
    // An idle client losing its connection (server restart, admin kill) must not crash the process; the pool replaces it.
    pool.on('error', () => {});
    // A checked-out client whose server goes away emits 'error' after its query has already failed; without a
    // listener that would be an uncaught exception (the process dies on a database restart). The query's own error
    // is what the request answers with (503 DATABASE_UNAVAILABLE), and the pool drops the broken client.
    pool.on('connect', (client) => client.on('error', () => {}));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    const url = opts.databaseUrl;
    const poolStats = () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount });
    return { db, kind: 'postgres', location: redactUrl(url), url, pool, poolStats, close: () => db.destroy(), listen: (channel, onMessage, onGap) => listenOn(url, channel, onMessage, onGap) };
  }
  if (opts.pglite) {
    const queue = new SessionQueue();
    const db = new Kysely<DB>({ dialect: serialized(new PGliteDialect({ pglite: opts.pglite }), queue) });
    return { db, kind: 'pglite', location: 'memory', pglite: opts.pglite, poolStats: () => queue.stats(), close: () => db.destroy() };
  }
  if (!opts.dataDir) {
    const pglite = await PGlite.create({ parsers: pgliteParsers });
    const queue = new SessionQueue();
    const db = new Kysely<DB>({ dialect: serialized(new PGliteDialect({ pglite }), queue) });
    return { db, kind: 'pglite', location: 'memory', pglite, poolStats: () => queue.stats(), close: () => db.destroy() };
  }
  const dataDir = path.resolve(opts.dataDir);
  mkdirSync(dataDir, { recursive: true });
  // One process per folder: PGlite has no lock of its own, and two processes writing one folder lose writes.
  const lock = lockDataFolder(dataDir);
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(dataDir, { parsers: pgliteParsers });
  } catch (err) {
    lock.release();
    throw err;
  }
  const queue = new SessionQueue();
  const db = new Kysely<DB>({ dialect: serialized(new PGliteDialect({ pglite }), queue) });
  return {
    db, kind: 'pglite', location: dataDir, pglite, poolStats: () => queue.stats(),
    async close() {
      try {
        await db.destroy();
      } finally {
        lock.release();
      }
    },
  };
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres';
  }
}

/**
 * PGlite is one session. Kysely's PGlite driver hands the same connection to everyone, so a query issued while
 * another request's transaction is open would run inside that transaction. Serialise connection use instead:
 * a transaction holds the connection until it ends, as a pool of one would.
 */
function serialized(dialect: Dialect, queue: SessionQueue): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createDriver: () => new SerializedDriver(dialect.createDriver(), queue),
  };
}

/** Who holds PGlite's one session and how many wait for it (metrics). */
class SessionQueue {
  waiting = 0;
  busy = false;
  stats(): PoolStats {
    return { total: 1, idle: this.busy ? 0 : 1, waiting: this.waiting };
  }
}

class SerializedDriver implements Driver {
  #tail: Promise<void> = Promise.resolve();
  #releases = new Map<DatabaseConnection, () => void>();
  constructor(private readonly inner: Driver, private readonly queue: SessionQueue) {}
  init() {
    return this.inner.init();
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    let release!: () => void;
    const turn = new Promise<void>((r) => (release = r));
    const previous = this.#tail;
    this.#tail = previous.then(() => turn);
    this.queue.waiting++;
    try {
      await previous;
    } finally {
      this.queue.waiting--;
    }
    this.queue.busy = true;
    const conn = await this.inner.acquireConnection();
    this.#releases.set(conn, release);
    return conn;
  }
  async releaseConnection(conn: DatabaseConnection): Promise<void> {
    await this.inner.releaseConnection(conn);
    const release = this.#releases.get(conn);
    this.#releases.delete(conn);
    this.queue.busy = false;
    release?.();
  }
  beginTransaction(conn: DatabaseConnection, settings: TransactionSettings) {
    return this.inner.beginTransaction(conn, settings);
  }
  commitTransaction(conn: DatabaseConnection) {
    return this.inner.commitTransaction(conn);
  }
  rollbackTransaction(conn: DatabaseConnection) {
    return this.inner.rollbackTransaction(conn);
  }
  destroy() {
    return this.inner.destroy();
  }
}

async function listenOn(url: string, channel: string, onMessage: (payload: string) => void, onGap: () => void): Promise<() => Promise<void>> {
  let client: pg.Client | null = null;
  let stopped = false;
  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (n) => {
      if (n.channel === channel) onMessage(n.payload ?? '');
    });
    c.on('error', () => {
      // Notifications sent while we were away are lost: let the caller drop what it cached, then reconnect.
      onGap();
      client = null;
      if (!stopped) setTimeout(() => void connect().catch(() => onGap()), 1_000).unref();
    });
    await c.connect();
    await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    client = c;
  };
  await connect();
  return async () => {
    stopped = true;
    await client?.end().catch(() => {});
  };
}
