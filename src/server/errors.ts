import { messageFor, type ErrorCode } from '../contracts/errors.js';

/** The one error type: a stable code, shown in Chinese by the web client, mapped to HTTP in one place (kernel/http-errors.ts). */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details?: unknown,
  ) {
    super(messageFor(code));
    this.name = 'AppError';
  }
}
