// Stable error codes of the followups area and their zh-CN messages (merged into errorMessages in errors.ts).
export const followupsErrors = {} as const;

/** HTTP status per code where it is not the default (409 conflict; 422 for codes listed as payload errors). */
export const followupsErrorStatus: Partial<Record<keyof typeof followupsErrors, number>> = {};
