// Error codes of the calendar area with their zh-CN messages; merged into errorMessages in errors.ts.
export const calendarErrors = {
} as const;
