import { z } from 'zod';

/** The read replica behind dashboards, the board and exports (GET /api/admin/replica). */
export const zReplicaStatus = z.object({
  configured: z.boolean(),
  up: z.boolean(),
  lagSeconds: z.number().nullable(),
  maxLagSeconds: z.number(),
  inUse: z.boolean(),
  standby: z.boolean().nullable(),
  checkedAt: z.string().nullable(),
});
export type ReplicaStatusView = z.infer<typeof zReplicaStatus>;
