// Kysely row types for the calendar tables (see migrations). Merged into DB in schema.ts.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CalendarTables {}
