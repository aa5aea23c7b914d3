import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import type { FastifyBaseLogger } from 'fastify';
import { openDatabase, type Database, type EngineOptions } from './db/engine.js';
import { readReplicaFromEnv, type ReadReplica } from './db/read-replica.js';
import { CalendarStore } from './modules/calendar/calendar-store.js';
import { CaseCache } from './modules/cases/case-cache.js';
import { IdBlock } from './modules/cases/id-block.js';
import { Directory } from './modules/org/directory.js';
import { notificationServices } from './modules/notifications/services.js';
import { migrate } from './db/migrate.js';
import { createMetrics } from './metrics.js';
import type { AppDeps } from './deps.js';
import { publicUrlFromEnv } from './http/public-url.js';
import { blobStoreFromEnv, type BlobStore } from './kernel/blob-store/index.js';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const defaultWebRoot = path.join(projectRoot, 'dist/web');

export interface RuntimeOptions extends EngineOptions {
  logLevel?: string;
  now?: () => Date;
  webRoot?: string;
  /** The blob store; by default from the environment (blobStoreFromEnv), beside the PGlite folder's data. */
  files?: BlobStore;
}

/** Where the data lives: DATABASE_URL wins; otherwise the PGlite folder from --data, YIWANG_DATA_DIR or ./data. */
export function engineFromEnv(dataFlag?: string): EngineOptions {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) return { databaseUrl };
  return { dataDir: dataFlag ?? process.env.YIWANG_DATA_DIR ?? './data' };
}

/** Opens the database, applies migrations and assembles the dependencies every part of the server shares. */
export async function startRuntime(opts: RuntimeOptions): Promise<AppDeps> {
  const database = await openDatabase(opts);
  try {
    await migrate(database.db, { log: (line) => console.warn(line) });
  } catch (err) {
    await database.close();
    throw err;
  }
  let replica: ReadReplica | undefined;
  try {
    replica = readReplicaFromEnv(database);
  } catch (err) {
    await database.close();
    throw err;
  }
  if (replica) {
    // The replica's pool ends with the database, so every caller that closes the database closes both.
    const closePrimary = database.close.bind(database);
    database.close = async () => {
      await replica.close();
      await closePrimary();
    };
  }
  const deps = assembleDeps(database, { ...opts, replica });
  await deps.calendar.ready();
  return deps;
}

/** The dependencies around an open database; tests pass their own clock. */
export function assembleDeps(database: Database, opts: Omit<RuntimeOptions, keyof EngineOptions> & { validateResponses?: boolean; replica?: ReadReplica } = {}): AppDeps {
  const log = pino({ level: opts.logLevel ?? process.env.LOG_LEVEL ?? 'info' }) as FastifyBaseLogger;
  // Starts with the transcribed calendar; ready() (startRuntime, buildApp) seeds empty tables and loads the database's.
  const calendar = new CalendarStore(database, log);
  return {
    database,
    readDb: opts.replica?.db ?? database.db,
    replica: opts.replica,
    now: opts.now ?? (() => new Date()),
    policy: calendar.policy,
    calendar,
    log,
    cases: new CaseCache(),
    caseIds: new IdBlock(),
    directory: new Directory(database.db),
    secureCookies: process.env.YIWANG_SECURE_COOKIES === '1',
    publicUrl: publicUrlFromEnv(),
    notifications: notificationServices(database, log),
    files: opts.files ?? blobStoreFromEnv(process.env, {
      pgliteDir: database.kind === 'pglite' && database.location !== 'memory' ? database.location : undefined,
      memory: database.location === 'memory',
    }),
    metrics: createMetrics(database, opts.replica),
    webRoot: opts.webRoot,
    validateResponses: opts.validateResponses,
  };
}
