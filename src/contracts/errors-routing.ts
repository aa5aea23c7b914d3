// Stable error codes of the routing area and their zh-CN messages (merged into errorMessages in errors.ts).
export const routingErrors = {} as const;

/** HTTP status per code where it is not the default (409 conflict; 422 for codes listed as payload errors). */
export const routingErrorStatus: Partial<Record<keyof typeof routingErrors, number>> = {};
