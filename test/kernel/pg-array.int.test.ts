import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/server/db/engine.js';
import { instantArray, intArray, textArray } from '../../src/server/kernel/pg-array.js';
import { freshDatabase } from '../kit/runtime.js';

// The bulk writers' array literals (ADR 18) come back from the database element for element, whatever the text.

let database: Database;
let drop: () => Promise<void>;
beforeAll(async () => ({ database, drop } = await freshDatabase()));
afterAll(() => drop());

describe('array literals sent as one text parameter', () => {
  it('round-trips texts with quotes, backslashes, separators, braces, empty strings, nulls and Chinese', async () => {
    const texts = ['plain', '', 'a "quoted" word', 'back\\slash \\"', 'comma, {brace} NULL', 'NULL', '{"k":"值\\n"}', '换行\n制表\t', null, ' spaced '];
    const r = await sql<{ t: string | null }>`SELECT t FROM unnest(${textArray(texts)}::text[]) WITH ORDINALITY AS x(t, n) ORDER BY n`.execute(database.db);
    expect(r.rows.map((x) => x.t)).toEqual(texts);
  });

  it('round-trips integers with nulls and instants to the millisecond', async () => {
    const ints = [1, null, 9_007_199_254, 0, 42];
    const r = await sql<{ i: string | number | null }>`SELECT i FROM unnest(${intArray(ints)}::bigint[]) WITH ORDINALITY AS x(i, n) ORDER BY n`.execute(database.db);
    expect(r.rows.map((x) => (x.i == null ? null : Number(x.i)))).toEqual(ints);
    const instants = [new Date('2026-11-02T01:02:03.456Z'), null, new Date('1999-12-31T23:59:59.999Z')];
    const t = await sql<{ ms: number | null }>`SELECT round(date_part('epoch', t) * 1000) AS ms
      FROM unnest(${instantArray(instants)}::timestamptz[]) WITH ORDINALITY AS x(t, n) ORDER BY n`.execute(database.db);
    expect(t.rows.map((x) => (x.ms == null ? null : Number(x.ms)))).toEqual(instants.map((d) => d?.getTime() ?? null));
    expect((await sql<{ n: number }>`SELECT cardinality(${intArray([])}::bigint[]) AS n`.execute(database.db)).rows[0].n).toBe(0);
  });
});
