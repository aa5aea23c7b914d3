import type { FastifyBaseLogger } from 'fastify';
import type { DeadlinePolicy } from '../domain/case/types.js';
import type { Kysely } from 'kysely';
import type { Database } from './db/engine.js';
import type { BlobStore } from './kernel/blob-store/index.js';
import type { ReadReplica } from './db/read-replica.js';
import type { DB } from './db/schema.js';
import type { Metrics } from './metrics.js';
import type { CalendarStore } from './modules/calendar/calendar-store.js';
import type { CaseCache } from './modules/cases/case-cache.js';
import type { IdBlock } from './modules/cases/id-block.js';
import type { Directory } from './modules/org/directory.js';
import type { NotificationServices } from './modules/notifications/services.js';

/** Everything a request handler or job needs, passed in so tests can swap the clock and the database. */
export interface AppDeps {
  database: Database;
  /**
   * Where dashboards, the public board and exports read: the streaming replica (DATABASE_READ_URL) while it answers
   * within the lag limit, else the primary; `database.db` when no replica is configured. Never for writes, nor for
   * reads of what the user just changed.
   */
  readDb: Kysely<DB>;
  /** The replica behind readDb, when configured: its lag and state (admin screen, /metrics). */
  replica?: ReadReplica;
  now: () => Date;
  /** Deadline rules from the working calendar and time-limit policies in the database (`calendar.policy`). */
  policy: DeadlinePolicy;
  /** The working calendar, working hours and time-limit policies of this process, reloaded on change. */
  calendar: CalendarStore;
  log: FastifyBaseLogger;
  /** Case records cached in this process, invalidated on every write. */
  cases: CaseCache;
  /** Case ids reserved from the sequence in blocks, for one-statement intake. */
  caseIds: IdBlock;
  /** Departments, categories and staff names, cached in this process. */
  directory: Directory;
  /** Check every response against its zod schema (tests); production serialises without re-validating. */
  validateResponses?: boolean;
  /** Set cookies with the Secure flag (behind HTTPS in production). */
  secureCookies: boolean;
  /** Inbox live stream hub, SMTP mailer (YIWANG_SMTP_URL, YIWANG_MAIL_FROM) and SMS gateway. */
  notifications: NotificationServices;
  /** Where file contents live (attachments): a folder or S3-compatible storage; the database keeps their keys. */
  files: BlobStore;
  /** Prometheus metrics of this process (served at /metrics when YIWANG_METRICS_TOKEN is set). */
  metrics: Metrics;
  /** The public address (YIWANG_PUBLIC_URL, no trailing slash) for absolute links; never taken from the Host header. */
  publicUrl?: string;
  /** Where the built web client is, if it should be served. */
  webRoot?: string;
  /** How long a session lasts from login; default `sessionTtlMs` (12 hours). Tests that move the clock by days lengthen it. */
  sessionTtlMs?: number;
}
