// Stable error codes of the import area and their zh-CN messages (merged into errorMessages in errors.ts).
export const importErrors = {} as const;

/** HTTP status per code where it is not the default (409 conflict; 422 for codes listed as payload errors). */
export const importErrorStatus: Partial<Record<keyof typeof importErrors, number>> = {};
