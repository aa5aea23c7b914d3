import { z } from 'zod';

export const zId = z.coerce.number().int().positive();
export const zText = (max: number) => z.string().trim().min(1).max(max);
export const zErrorResponse = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});
export type ErrorResponse = z.infer<typeof zErrorResponse>;
