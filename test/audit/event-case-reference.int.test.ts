import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs } from '../kit/http.js';
import { orgIds, sampleCase } from '../kit/org.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';

// Events refer to an existing case, checked once per statement (migration 0064, ADR 28) instead of by a per-row
// foreign key; cases are never deleted.

let rt: TestRuntime;
let caseId: number;

beforeAll(async () => {
  rt = await testRuntime('2024-09-27T10:00:00+08:00');
  const intake = await loginAs(rt.app, 'intake');
  const ids = await orgIds(intake);
  caseId = (await intake.post('/api/cases', sampleCase(ids.category('policy.talent')))).body.id;
});
afterAll(() => rt.close());

const errorOf = async (work: Promise<unknown>) => {
  try {
    await work;
  } catch (err) {
    return err as { code?: string; message: string };
  }
  throw new Error('expected the statement to fail');
};

const insertEvent = (caseIds: number[]) => sql`
  INSERT INTO case_events (case_id, seq, type, actor_role, at, payload, prev_hash, hash)
  SELECT id, 1000 + ord, 'case.noted', 'system', now(), '{}'::jsonb, '', md5(id::text || ord::text)
    FROM unnest(${`{${caseIds.join(',')}}`}::bigint[]) WITH ORDINALITY AS x(id, ord)`.execute(rt.deps.database.db);

describe('an event names an existing case', () => {
  it('an insert naming a missing case fails with the foreign key\'s code, and writes none of its rows', async () => {
    const before = await rt.deps.database.db.selectFrom('case_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const err = await errorOf(insertEvent([caseId, 987654321]));
    expect(err.code).toBe('23503');
    expect(err.message).toContain('case_events_case_id_fkey');
    const after = await rt.deps.database.db.selectFrom('case_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('an update moving an event to a missing case fails the same way', async () => {
    const err = await errorOf(sql`UPDATE case_events SET case_id = 987654321 WHERE case_id = ${caseId}`.execute(rt.deps.database.db));
    expect(err.code).toBe('23503');
  });

  it('a case cannot be deleted', async () => {
    const err = await errorOf(sql`DELETE FROM cases WHERE id = ${caseId}`.execute(rt.deps.database.db));
    expect(err.code).toBe('23001');
    expect((await rt.deps.database.db.selectFrom('cases').select('id').where('id', '=', caseId).execute())).toHaveLength(1);
  });

  it('events naming existing cases are written', async () => {
    await insertEvent([caseId]);
    const rows = await rt.deps.database.db.selectFrom('case_events').select('seq').where('case_id', '=', caseId).where('seq', '>=', 1000).execute();
    expect(rows).toHaveLength(1);
  });
});
