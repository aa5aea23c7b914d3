import { z } from 'zod';
import { zItemsQuery } from './items.js';

// Wire shapes of the items' ledger (台账) downloads and the items dashboard (督办事项看板).

export const ledgerGroupValues = ['none', 'leader', 'unit', 'source', 'light'] as const;

/** The list's filters (without paging) and how the ledger groups its rows. */
export const zItemLedgerQuery = zItemsQuery.omit({ page: true, pageSize: true }).extend({
  group: z.enum(ledgerGroupValues).default('none'),
});
export type ItemLedgerQuery = z.infer<typeof zItemLedgerQuery>;

const zLightCounts = z.object({ green: z.number(), yellow: z.number(), red: z.number() });

export const zItemDashboard = z.object({
  /** Items in progress (closed items counted apart). */
  open: z.number(),
  closed: z.number(),
  byLight: zLightCounts,
  bySource: z.array(z.object({ sourceKind: z.string(), name: z.string(), green: z.number(), yellow: z.number(), red: z.number() })),
  /** Lead units, red first, then yellow, then the number of items. */
  byUnit: z.array(z.object({ departmentId: z.number(), name: z.string(), green: z.number(), yellow: z.number(), red: z.number() })),
  overdueMilestones: z.array(z.object({ itemId: z.number(), code: z.string(), title: z.string(), milestone: z.string(), dueDate: z.string(), departmentName: z.string() })),
  overdueMilestoneCount: z.number(),
  /** Items whose last due report period has no report (not returned). */
  missingReports: z.array(z.object({ itemId: z.number(), code: z.string(), title: z.string(), period: z.string(), departmentName: z.string() })),
  missingReportCount: z.number(),
});
export type ItemDashboard = z.infer<typeof zItemDashboard>;

/** The big screen's panel: the lights of the key tasks (items in progress, red first). */
export const zItemScreenPanel = z.object({
  byLight: zLightCounts,
  items: z.array(z.object({ id: z.number(), title: z.string(), departmentName: z.string(), light: z.enum(['green', 'yellow', 'red']), progressShare: z.number().nullable() })),
});
export type ItemScreenPanel = z.infer<typeof zItemScreenPanel>;
