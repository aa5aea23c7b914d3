// Stable error codes of the open311 area and their zh-CN messages (merged into errorMessages in errors.ts).
export const open311Errors = {} as const;

/** HTTP status per code where it is not the default (409 conflict; 422 for codes listed as payload errors). */
export const open311ErrorStatus: Partial<Record<keyof typeof open311Errors, number>> = {};
