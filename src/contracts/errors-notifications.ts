// Error codes of the notifications area with their zh-CN messages; merged into errorMessages in errors.ts.
export const notificationErrors = {
} as const;
