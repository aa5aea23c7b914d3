// Kysely row types for the routing tables. Merged into DB in schema.ts.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface RoutingTables {}
