// The server's kernel: what every area shares, one home each. Areas import from here, never from each other's
// files, for these: transactions, server-sent events, rate limits, file replies, the error-to-HTTP map, the staff user.
// Beijing time lives in the domain (src/domain/calendar/local-time.ts), because the pure rules need it too.

export { inTransaction, type Db, type Tx } from './tx.js';
export { openEventStream, openStreams, type EventStream, type OpenStreams } from './sse.js';
export { FailureThrottle, secondsUntil, type Blocked, type FailureRule } from './failure-throttle.js';
export { installRateLimits, pgRateLimitStore, RateLimiter, retryAfterOf, type Limit } from './rate-limit.js';
export { contentDisposition, csvType, docxType, excelLocal, safeCell, sendFile, xlsxType } from './file-reply.js';
export { keysetPages, offsetPages, sendXlsx, writeXlsx, type ExportCell, type ExportColumn, type XlsxExport } from './xlsx-stream.js';
export { httpStatusFor } from './http-errors.js';
export { databaseFaultOf, retryAfterSeconds } from './database-faults.js';
export { BlobNotFound, blobStoreFromEnv, FsBlobStore, isBlobKey, S3BlobStore, type BlobStore, type StoredBlob } from './blob-store/index.js';
export { moveIntoPlace, syncDir } from './durable-file.js';
export { hasRole, isDepartmentStaff, type StaffUser } from './staff-user.js';
export { overdueCaseSql, overdueClockSql } from './overdue.js';
export { instantArray, intArray, textArray } from './pg-array.js';
