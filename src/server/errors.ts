import { messageFor, type ErrorCode } from '../contracts/errors.js';
import { assessmentErrorStatus } from '../contracts/errors-assessment.js';
import { dashboardErrorStatus } from '../contracts/errors-dashboard.js';
import { publicationErrorStatus } from '../contracts/errors-publication.js';
import { portalErrorStatus } from '../contracts/errors-portal.js';
import { importErrorStatus } from '../contracts/errors-import.js';
import { open311ErrorStatus } from '../contracts/errors-open311.js';
import { followupsErrorStatus } from '../contracts/errors-followups.js';
import { routingErrorStatus } from '../contracts/errors-routing.js';


/** The one error type: a stable code, shown in Chinese by the web client, mapped to HTTP in one place. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details?: unknown,
  ) {
    super(messageFor(code));
    this.name = 'AppError';
  }
}

const statusByCode: Partial<Record<ErrorCode, number>> = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  TEXT_CONTROL_CHARACTER: 400,
  INVALID_UTF8: 400,
  UNAUTHENTICATED: 401,
  LOGIN_FAILED: 401,
  FORBIDDEN: 403,
  CSRF_FAILED: 403,
  ROLE_NOT_ALLOWED: 403,
  NOT_ASSIGNED_TO_DEPARTMENT: 403,
  NOT_LEAD_DEPARTMENT: 403,
  NOT_FOUND: 404,
  CASE_NOT_FOUND: 404,
  UNKNOWN_COMMAND: 404,
  ACCOUNT_LOCKED: 423,
  INTERNAL_ERROR: 500,
  BACKUP_FAILED: 503,
  CALENDAR_DAY_NOT_FOUND: 404,
  CALENDAR_YEAR_NOT_FOUND: 404,
  POLICY_NOT_FOUND: 404,
  NOTIFICATION_NOT_FOUND: 404,
  WEBHOOK_NOT_FOUND: 404,
  WEBHOOK_DELIVERY_NOT_FOUND: 404,
  ORDER_NOT_OWN_DEPARTMENT: 403,
  ...assessmentErrorStatus, ...dashboardErrorStatus, ...publicationErrorStatus, ...portalErrorStatus, ...importErrorStatus, ...open311ErrorStatus, ...routingErrorStatus, ...followupsErrorStatus,
};

const payloadCodes = new Set<ErrorCode>([
  'REASON_REQUIRED', 'BASIS_REQUIRED', 'TEXT_REQUIRED', 'TEXT_TOO_LONG', 'RATING_COMMENT_REQUIRED', 'LEAD_REQUIRED',
  'LEAD_IN_CO', 'DUPLICATE_DEPARTMENT', 'SAME_DEPARTMENT', 'MERGE_SELF', 'MERGE_TARGET_INVALID', 'EXTENSION_NOT_LATER',
  'NEW_LEAD_REQUIRED', 'DEPARTMENT_NOT_FOUND', 'CATEGORY_NOT_FOUND',
  'CALENDAR_INPUT_INVALID', 'WORKING_HOURS_INVALID', 'POLICY_INVALID', 'ORDER_DEADLINE_INVALID', 'ORDER_DEMANDS_REQUIRED',
  'WEBHOOK_URL_INVALID', 'WEBHOOK_TARGET_PRIVATE', 'SUB_DISPATCH_NOT_SUBORDINATE', 'SUB_DEADLINE_INVALID', 'ALREADY_ON_CASE',
]);

export function httpStatusFor(code: ErrorCode): number {
  return statusByCode[code] ?? (payloadCodes.has(code) ? 422 : 409);
}
