// Stable error codes of the publication area and their zh-CN messages (merged into errorMessages in errors.ts).
export const publicationErrors = {} as const;

/** HTTP status per code where it is not the default (409 conflict; 422 for codes listed as payload errors). */
export const publicationErrorStatus: Partial<Record<keyof typeof publicationErrors, number>> = {};
