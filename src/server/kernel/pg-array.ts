// PostgreSQL array literals built here, sent as one text parameter each and cast in the statement (`$1::bigint[]`),
// then expanded with unnest: the bulk writers' column arrays (ADR 18). The drivers' own array serialisers escape every
// element with two regular expressions (pg) or infer types per element; for a sweep's ~700,000 elements that was a
// third of a second of CPU.

/** `{1,2,NULL}`: integers (ids, counts) or null. */
export function intArray(values: readonly (number | null)[]): string {
  return `{${values.map((v) => (v == null ? 'NULL' : String(v))).join(',')}}`;
}

/** `{"a","b\"c",NULL}`: every element quoted (any character may appear), backslashes and double quotes escaped. */
export function textArray(values: readonly (string | null)[]): string {
  return `{${values.map((v) => (v == null ? 'NULL' : `"${v.replace(/[\\"]/g, '\\$&')}"`)).join(',')}}`;
}

/** Instants as ISO text elements (null stays NULL); the statement casts to timestamptz[]. */
export function instantArray(values: readonly (Date | null)[]): string {
  return `{${values.map((v) => (v == null ? 'NULL' : `"${v.toISOString()}"`)).join(',')}}`;
}
