import { z } from 'zod';
import { handlingEvents } from './handling.js';
import { intakeEvents } from './intake.js';
import { reviewEvents } from './review.js';
import { supervisionEvents } from './supervision.js';
import { organisationEvents } from './organisation.js';
import { suggestionEventPayloads, suggestionEventTypes } from './suggestions.js';

// The event catalogue: every type a case's hash chain may hold, with its payload. Stored events are never rewritten,
// so a payload schema only ever grows in a backward-compatible way (a new optional field, a wider enum); see
// docs/events.md. catalogue.snapshot.json records the accepted shapes and a test compares them.

/** Payload schema per event type. */
export const eventPayloads = { ...intakeEvents, ...handlingEvents, ...supervisionEvents, ...reviewEvents, ...organisationEvents } as const;

export type CaseEventType = keyof typeof eventPayloads;
export type EventPayload<T extends CaseEventType> = z.infer<(typeof eventPayloads)[T]>;
/** A case event as decide() and the other producers build it, and as consumers read it: narrowed by `type`. */
export type CaseEvent = { [T in CaseEventType]: { type: T; payload: EventPayload<T> } }[CaseEventType];
/** One event of a given type. */
export type EventOf<T extends CaseEventType> = Extract<CaseEvent, { type: T }>;

export const caseEventTypes = Object.keys(eventPayloads) as CaseEventType[];

const members = caseEventTypes.map((type) => z.strictObject({ type: z.literal(type), payload: eventPayloads[type] }));

/** The catalogue as one zod discriminated union on `type`. */
export const zCaseEventBody = z.discriminatedUnion('type', members as unknown as [typeof members[number], ...typeof members]) as unknown as z.ZodType<CaseEvent>;

export function isCaseEventType(type: string): type is CaseEventType {
  return Object.hasOwn(eventPayloads, type);
}

/** Validates a stored row's type and payload against the catalogue; throws (naming the type) when it does not fit. */
export function parseEvent(row: { type: string; payload: unknown }): CaseEvent {
  const r = safeParseEvent(row);
  if (!r.success) throw new Error(`event ${row.type} does not fit the catalogue: ${r.error}`);
  return r.data;
}

export function safeParseEvent(row: { type: string; payload: unknown }): { success: true; data: CaseEvent } | { success: false; error: string } {
  if (!isCaseEventType(row.type)) return { success: false, error: `unknown event type ${JSON.stringify(row.type)}` };
  const r = eventPayloads[row.type].safeParse(row.payload);
  if (!r.success) return { success: false, error: z.prettifyError(r.error) };
  return { success: true, data: { type: row.type, payload: r.data } as CaseEvent };
}

/**
 * A stored row read as a catalogue event without validating it: for read paths over many rows. What the database
 * holds is checked against the catalogue by tests (every producer, the demo data); use parseEvent on untrusted input.
 */
export function storedEvent<R extends { type: string; payload: unknown }>(row: R): Omit<R, 'type' | 'payload'> & CaseEvent {
  return row as unknown as Omit<R, 'type' | 'payload'> & CaseEvent;
}

/** The payload of an event that must be of `type` (tests, and code that has just built the event); throws otherwise. */
export function payloadOf<T extends CaseEventType>(event: CaseEvent, type: T): EventPayload<T> {
  if (event.type !== type) throw new Error(`expected a ${type} event, got ${event.type}`);
  return event.payload as EventPayload<T>;
}

/**
 * The default branch of a switch over the event types: fails type-checking while a type is unhandled. At run time
 * (a row of a type this code does not know) it does nothing, so the caller decides what an unknown event means.
 */
export function exhaustive(_event: never): void {}

/** Throws on a value that cannot occur (for switches where an unknown value is a bug). */
export function assertNever(value: never): never {
  throw new Error(`unexpected value ${JSON.stringify(value)}`);
}

/**
 * The types the notification outbox trigger enqueues (migration 0014_levels.sql's case_events_notification_outbox).
 * An integration test compares this list with the trigger's definition in the database.
 */
export const notifyingEventTypes = [
  'case.dispatched', 'case.redone', 'case.return_approved', 'case.warned', 'case.urged', 'case.order_issued',
  'case.order_raised', 'case.escalated', 'case.return_requested', 'case.extension_requested', 'case.replied',
  'case.order_answered', 'case.instructed', 'case.rated',
  'case.sub_dispatched', 'case.sub_replied', 'case.called_in', 'case.merged', 'case.merge_received',
] as const satisfies readonly CaseEventType[];
export type NotifyingEventType = (typeof notifyingEventTypes)[number];

/** JSON Schema of every payload, by type, sorted: what catalogue.snapshot.json holds. */
export function catalogueJsonSchema(): Record<string, unknown> {
  const all: Record<string, z.ZodType> = { ...eventPayloads, ...suggestionEventPayloads };
  return Object.fromEntries([...caseEventTypes, ...suggestionEventTypes].sort().map((t) => [t, z.toJSONSchema(all[t])]));
}
