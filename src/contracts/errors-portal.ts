// Stable error codes of the portal area and their zh-CN messages (merged into errorMessages in errors.ts).
export const portalErrors = {} as const;

/** HTTP status per code where it is not the default (409 conflict; 422 for codes listed as payload errors). */
export const portalErrorStatus: Partial<Record<keyof typeof portalErrors, number>> = {};
