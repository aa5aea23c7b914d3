// Error codes of the supervision area with their zh-CN messages; merged into errorMessages in errors.ts.
export const supervisionErrors = {
} as const;
