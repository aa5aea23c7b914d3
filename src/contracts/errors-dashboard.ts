// Stable error codes of the dashboard area and their zh-CN messages (merged into errorMessages in errors.ts).
export const dashboardErrors = {} as const;

/** HTTP status per code where it is not the default (409 conflict; 422 for codes listed as payload errors). */
export const dashboardErrorStatus: Partial<Record<keyof typeof dashboardErrors, number>> = {};
