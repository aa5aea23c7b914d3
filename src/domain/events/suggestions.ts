import { z } from 'zod';

// The catalogue of a suggestion's own hash chain (suggestion_events): 人大代表建议 / 政协提案 from registration to the
// proposer's final rating. Like case events, stored payloads are never rewritten: a change only adds optional fields
// or widens enums, and catalogue.snapshot.json holds these shapes too (under their 'suggestion.*' names).

const zId = z.number().int();
const zClass = z.enum(['A', 'B', 'C', 'D']);
const zRating = z.enum(['satisfied', 'basically', 'unsatisfied']);

export const suggestionEventPayloads = {
  'suggestion.registered': z.strictObject({
    kind: z.enum(['deputy', 'cppcc']), term: zId, sessionNo: zId, number: zId, title: z.string(), category: z.string(),
    proposers: z.array(z.strictObject({ name: z.string(), userId: zId.nullable() })), isPublic: z.boolean(),
  }),
  'suggestion.assigned': z.strictObject({
    mode: z.enum(['lead', 'split']), leadDepartmentIds: z.array(zId), coDepartmentIds: z.array(zId), replyDeadline: z.string(),
  }),
  'suggestion.signed': z.strictObject({ departmentId: zId, role: z.enum(['lead', 'co', 'split']) }),
  'suggestion.extension_requested': z.strictObject({ departmentId: zId, reason: z.string() }),
  'suggestion.extension_decided': z.strictObject({ approved: z.boolean(), reason: z.string(), replyDeadline: z.string() }),
  'suggestion.meeting_recorded': z.strictObject({
    meetingId: zId, departmentId: zId, round: zId, metOn: z.string(), form: z.string(), people: z.string(), summary: z.string(),
  }),
  'suggestion.replied': z.strictObject({
    letterId: zId, departmentId: zId, round: zId, docNumber: z.string(), class: zClass, isLate: z.boolean(),
    promise: z.string().nullable(), promiseDue: z.string().nullable(),
  }),
  'suggestion.countersigned': z.strictObject({ letterId: zId, departmentId: zId, opinion: z.string() }),
  'suggestion.letter_sent': z.strictObject({ letterId: zId, departmentId: zId, round: zId }),
  'suggestion.rated': z.strictObject({ rating: zRating, comment: z.string(), round: zId, final: z.boolean() }),
  /** 不满意 in round 1: one re-handling round with its own limit. */
  'suggestion.rehandling_started': z.strictObject({ round: zId, replyDeadline: z.string() }),
  /** A B or C promise handed to the supervised items (督办事项), or recorded to be handed over. */
  'suggestion.promise_tracked': z.strictObject({ letterId: zId, itemId: zId.nullable(), promise: z.string(), promiseDue: z.string() }),
} as const;

export type SuggestionEventType = keyof typeof suggestionEventPayloads;
export type SuggestionEventPayload<T extends SuggestionEventType> = z.infer<(typeof suggestionEventPayloads)[T]>;
export type SuggestionEvent = { [T in SuggestionEventType]: { type: T; payload: SuggestionEventPayload<T> } }[SuggestionEventType];
export const suggestionEventTypes = Object.keys(suggestionEventPayloads) as SuggestionEventType[];

export function isSuggestionEventType(type: string): type is SuggestionEventType {
  return Object.hasOwn(suggestionEventPayloads, type);
}

export function safeParseSuggestionEvent(row: { type: string; payload: unknown }): { success: true; data: SuggestionEvent } | { success: false; error: string } {
  if (!isSuggestionEventType(row.type)) return { success: false, error: `unknown suggestion event type ${JSON.stringify(row.type)}` };
  const r = suggestionEventPayloads[row.type].safeParse(row.payload);
  if (!r.success) return { success: false, error: z.prettifyError(r.error) };
  return { success: true, data: { type: row.type, payload: r.data } as SuggestionEvent };
}

/** Validates a stored suggestion event; throws naming the type when it does not fit. */
export function parseSuggestionEvent(row: { type: string; payload: unknown }): SuggestionEvent {
  const r = safeParseSuggestionEvent(row);
  if (!r.success) throw new Error(`event ${row.type} does not fit the catalogue: ${r.error}`);
  return r.data;
}
