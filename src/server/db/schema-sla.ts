// Kysely row types for the sla tables (see migrations). Merged into DB in schema.ts.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SlaTables {}
