// Kysely row types for the followups tables. Merged into DB in schema.ts.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface FollowupsTables {}
