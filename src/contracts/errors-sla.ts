import type { SlaErrorCode } from '../domain/errors.js';

// Error codes of the sla area with their zh-CN messages; merged into errorMessages in errors.ts.
// The sla endpoints only refuse with core codes (FORBIDDEN, CASE_NOT_FOUND, VALIDATION_FAILED) so far.
export const slaErrors: Record<SlaErrorCode, string> = {
};
