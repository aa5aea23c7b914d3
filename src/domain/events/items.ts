import { z } from 'zod';

// The item event catalogue: every type an item's hash chain (item_events) may hold, with its payload. Like the case
// catalogue (catalogue.ts, docs/events.md) a payload only ever grows backward-compatibly; items.snapshot.json
// records the accepted shapes and items.test.ts compares them. Item events are a separate union: a case chain never
// holds an item.* type and the other way round.

const zId = z.number().int();
const zInstant = z.string();
const zDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const zLevel = z.enum(['normal', 'yellow', 'red']);
const zLight = z.enum(['green', 'yellow', 'red']);
const zReason = z.strictObject({ level: z.enum(['yellow', 'red']), key: z.string(), text: z.string() });
const zFigure = z.strictObject({ targetId: zId, value: z.number() });
const zWarning = z.strictObject({ code: z.string(), targetId: zId.optional() });

export const itemEventPayloads = {
  'item.created': z.strictObject({
    code: z.string(),
    title: z.string(),
    sourceKind: z.enum(['meeting', 'work_report', 'instruction', 'suggestion', 'hotspot']),
    sourceRef: z.string(),
    sourceDate: zDate.nullable(),
    sourceWords: z.string().nullable(),
    leaderUserId: zId.nullable(),
    leaderName: z.string(),
    leadDepartmentId: zId,
    coDepartmentIds: z.array(zId),
    startDate: zDate,
    endDate: zDate,
    schedule: z.strictObject({ frequency: z.enum(['none', 'monthly', 'quarterly']), day: z.number().int().nullable() }),
    targets: z.array(z.strictObject({ targetId: zId, name: z.string(), measure: z.string(), value: z.number(), sites: z.array(z.string()) })),
    milestones: z.array(z.strictObject({ milestoneId: zId, title: z.string(), dueDate: zDate, dueWorkingDays: z.number().int().nullable() })),
    /** The record that made the item (a suggestion's B/C answer), when one did. */
    origin: z.strictObject({ type: z.string(), id: zId }).nullable(),
  }),
  /** The fields an edit changed, each with its new value. */
  'item.edited': z.strictObject({
    title: z.string().optional(),
    description: z.string().optional(),
    leaderUserId: zId.nullable().optional(),
    leaderName: z.string().optional(),
    coDepartmentIds: z.array(zId).optional(),
    endDate: zDate.optional(),
    addedMilestones: z.array(z.strictObject({ milestoneId: zId, title: z.string(), dueDate: zDate, dueWorkingDays: z.number().int().nullable() })).optional(),
    leadDepartmentId: zId.optional(),
    schedule: z.strictObject({ frequency: z.enum(['none', 'monthly', 'quarterly']), day: z.number().int().nullable() }).optional(),
    /** Open milestones whose title or due changed, with the new values. */
    changedMilestones: z.array(z.strictObject({ milestoneId: zId, title: z.string(), dueDate: zDate, dueWorkingDays: z.number().int().nullable() })).optional(),
    addedTargets: z.array(z.strictObject({ targetId: zId, name: z.string(), measure: z.string(), value: z.number(), sites: z.array(z.string()) })).optional(),
    /** Targets whose name, measure, value or sites changed, with the new values. */
    changedTargets: z.array(z.strictObject({ targetId: zId, name: z.string(), measure: z.string(), value: z.number(), sites: z.array(z.string()) })).optional(),
    /** Why, when the change was not a supervisor's edit (e.g. 单位合并). */
    reason: z.string().optional(),
  }),
  'item.reported': z.strictObject({
    reportId: zId,
    departmentId: zId,
    period: z.string().nullable(),
    dueAt: zInstant.nullable(),
    isLate: z.boolean(),
    text: z.string(),
    figures: z.array(zFigure),
    milestoneIds: z.array(zId),
    fileIds: z.array(zId),
    /** Kept with the report: e.g. FIGURE_ABOVE_TARGET for a figure above its target (warned, not refused). */
    warnings: z.array(zWarning),
  }),
  'item.report_accepted': z.strictObject({ reportId: zId, milestoneIds: z.array(zId), figures: z.array(zFigure) }),
  'item.report_returned': z.strictObject({ reportId: zId, reason: z.string() }),
  /** Written by the light sweep when the light changes. */
  'item.light_changed': z.strictObject({ from: zLight, to: zLight, reasons: z.array(zReason) }),
  'item.order_issued': z.strictObject({ orderId: zId, departmentId: zId, level: zLevel, demands: z.string(), deadline: zInstant }),
  'item.order_answered': z.strictObject({ orderId: zId, departmentId: zId, text: z.string(), isLate: z.boolean() }),
  'item.order_closed': z.strictObject({ orderId: zId, reason: z.string() }),
  /** 销号 by the supervisor, on evidence. */
  'item.closed': z.strictObject({ evidence: z.string(), fileIds: z.array(zId) }),
} as const;

export type ItemEventType = keyof typeof itemEventPayloads;
export type ItemEventPayload<T extends ItemEventType> = z.infer<(typeof itemEventPayloads)[T]>;
export type ItemEvent = { [T in ItemEventType]: { type: T; payload: ItemEventPayload<T> } }[ItemEventType];

export const itemEventTypes = Object.keys(itemEventPayloads) as ItemEventType[];

export function isItemEventType(type: string): type is ItemEventType {
  return Object.hasOwn(itemEventPayloads, type);
}

export function safeParseItemEvent(row: { type: string; payload: unknown }): { success: true; data: ItemEvent } | { success: false; error: string } {
  if (!isItemEventType(row.type)) return { success: false, error: `unknown item event type ${JSON.stringify(row.type)}` };
  const r = itemEventPayloads[row.type].safeParse(row.payload);
  if (!r.success) return { success: false, error: z.prettifyError(r.error) };
  return { success: true, data: { type: row.type, payload: r.data } as ItemEvent };
}

export function parseItemEvent(row: { type: string; payload: unknown }): ItemEvent {
  const r = safeParseItemEvent(row);
  if (!r.success) throw new Error(`item event ${row.type} does not fit the catalogue: ${r.error}`);
  return r.data;
}

/** JSON Schema of every item payload, by type, sorted: what items.snapshot.json holds. */
export function itemCatalogueJsonSchema(): Record<string, unknown> {
  return Object.fromEntries([...itemEventTypes].sort().map((t) => [t, z.toJSONSchema(itemEventPayloads[t])]));
}
