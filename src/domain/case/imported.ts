import { eventPayloads, type EventPayload } from '../events/catalogue.js';

// The one event an imported historical case carries (type 'case.imported'): its whole past in one payload, with
// the original timestamps, so assessment facts and the router's training data can be derived from it like from
// a case handled here. Owner: the import area; the assessment area reads it. The schema lives in the event catalogue.

export const importedEventType = 'case.imported' as const;

export const zImportedHistory = eventPayloads['case.imported'];
export type ImportedHistory = EventPayload<'case.imported'>;
