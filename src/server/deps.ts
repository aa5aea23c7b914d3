import type { FastifyBaseLogger } from 'fastify';
import type { DeadlinePolicy } from '../domain/case/types.js';
import type { Database } from './db/engine.js';

/** Everything a request handler or job needs, passed in so tests can swap the clock and the database. */
export interface AppDeps {
  database: Database;
  now: () => Date;
  policy: DeadlinePolicy;
  log: FastifyBaseLogger;
  /** Set cookies with the Secure flag (behind HTTPS in production). */
  secureCookies: boolean;
  /** Where the built web client is, if it should be served. */
  webRoot?: string;
}
