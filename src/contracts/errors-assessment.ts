// Stable error codes of the assessment area and their zh-CN messages (merged into errorMessages in errors.ts).
export const assessmentErrors = {} as const;

/** HTTP status per code where it is not the default (409 conflict; 422 for codes listed as payload errors). */
export const assessmentErrorStatus: Partial<Record<keyof typeof assessmentErrors, number>> = {};
