import type { ErrorCode } from '../../domain/errors.js';

// A failure of the database itself, not of the request: the server is down or restarting, the connection dropped,
// or its disk is full. These answer a stable code with a Retry-After (503 DATABASE_UNAVAILABLE, 507 DISK_FULL)
// instead of a 500 with a stack, and need no restart of the app: the pool opens new connections once the server
// is back, and PGlite keeps working once space is freed (a full disk fails the statement; the data stays intact).

const connectionErrnos = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
// admin_shutdown, crash_shutdown, cannot_connect_now (starting up / shutting down), too_many_connections,
// database_dropped; SQLSTATE class 08 is "connection exception".
const unavailableStates = new Set(['57P01', '57P02', '57P03', '53300', '57P04']);
const connectionMessages = [
  'Connection terminated', 'timeout exceeded when trying to connect', 'Client has encountered a connection error',
  'Client was closed and is not queryable', 'connect ECONNREFUSED',
];

export function databaseFaultOf(err: unknown): Extract<ErrorCode, 'DATABASE_UNAVAILABLE' | 'DISK_FULL'> | null {
  if (!err || typeof err !== 'object') return null;
  const e = err as { code?: unknown; message?: unknown; errors?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  // disk_full; PGlite reports it the same way ("could not extend file …: No space left on device").
  if (code === '53100' || code === 'ENOSPC') return 'DISK_FULL';
  if (connectionErrnos.has(code) || unavailableStates.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return 'DATABASE_UNAVAILABLE';
  const message = typeof e.message === 'string' ? e.message : '';
  if (connectionMessages.some((m) => message.includes(m))) return 'DATABASE_UNAVAILABLE';
  // Node's AggregateError (a connect to several addresses, all refused).
  if (Array.isArray(e.errors) && e.errors.some((x) => databaseFaultOf(x) === 'DATABASE_UNAVAILABLE')) return 'DATABASE_UNAVAILABLE';
  return null;
}

/** Seconds a client should wait before retrying after a database fault. */
export const retryAfterSeconds: Record<'DATABASE_UNAVAILABLE' | 'DISK_FULL', number> = { DATABASE_UNAVAILABLE: 5, DISK_FULL: 60 };
