// Kysely row types for the open311 tables. Merged into DB in schema.ts.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Open311Tables {}
