// PostgreSQL array literals built here, sent as one text parameter each and cast in the statement (`$1::bigint[]`),
// then expanded with unnest: the bulk writers' column arrays (ADR 18). The drivers' own array serialisers escape every
// element with two regular expressions (pg) or infer types per element; for a sweep's ~700,000 elements that was a
// third of a second of CPU. Plain loops with string concatenation here (V8 builds ropes): a callback per element and
// an array of pieces to join were most of what was left (ADR 28).

/** `{1,2,NULL}`: integers (ids, counts) or null. */
export function intArray(values: readonly (number | null)[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out += (i ? ',' : '') + (v == null ? 'NULL' : v);
  }
  return `${out}}`;
}

/** `{"a","b\"c",NULL}`: every element quoted (any character may appear), backslashes and double quotes escaped. */
export function textArray(values: readonly (string | null)[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i) out += ',';
    if (v == null) out += 'NULL';
    // Codes and hashes have nothing to escape: indexOf is far cheaper than a regular expression's replace.
    else if (v.indexOf('"') < 0 && v.indexOf('\\') < 0) out += `"${v}"`;
    else out += `"${v.replace(/[\\"]/g, '\\$&')}"`;
  }
  return `${out}}`;
}

/** Instants as ISO text elements (null stays NULL); the statement casts to timestamptz[]. */
export function instantArray(values: readonly (Date | null)[]): string {
  // A bulk write repeats few instants (the sweep's own now, deadlines at the close of a working day): each is
  // formatted once.
  const seen = new Map<number, string>();
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i) out += ',';
    if (v == null) {
      out += 'NULL';
      continue;
    }
    const ms = v.getTime();
    let text = seen.get(ms);
    if (text === undefined) {
      text = `"${v.toISOString()}"`;
      seen.set(ms, text);
    }
    out += text;
  }
  return `${out}}`;
}
