// Error codes of the sla area with their zh-CN messages; merged into errorMessages in errors.ts.
export const slaErrors = {
} as const;
