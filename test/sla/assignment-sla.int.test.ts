import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepSla } from '../../src/server/jobs/sla-sweep.js';
import { loginAs } from '../kit/http.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';
import { dispatchedCases } from './kit.js';

// The sweep's state per assignment lives in assignment_sla (migration 0065, ADR 29), kept by triggers whoever writes
// the assignment: a row made with every assignment (queued for a recompute when a clock can run on it), asked again
// when something that moves a clock changes (the assignment's or its case's), and removed with the assignment.

let rt: TestRuntime;
let caseId: number;

beforeAll(async () => {
  rt = await testRuntime('2024-09-27T10:00:00+08:00');
  [caseId] = await dispatchedCases(rt, 1, () => false);
});
afterAll(() => rt.close());

async function clocks() {
  const { db } = rt.deps.database;
  return db.selectFrom('assignment_sla as s').innerJoin('assignments as a', 'a.id', 's.assignment_id')
    .select(['a.id', 'a.role', 'a.status', 's.case_id', 's.check_at', 's.clock', 's.level', 's.deadline'])
    .where('a.case_id', '=', caseId).orderBy('a.id').execute();
}

const recompute = (v: unknown) => v instanceof Date ? !Number.isFinite(v.getTime()) : v === '-infinity' || v === -Infinity;

describe('assignment_sla', () => {
  it('gets a row with each new assignment, queued for the next sweep, and the sweep stores the clock there', async () => {
    const before = await clocks();
    expect(before.map((r) => [r.role, r.status, r.case_id])).toEqual([['lead', 'pending', caseId], ['co', 'pending', caseId]]);
    expect(before.every((r) => recompute(r.check_at))).toBe(true);

    await sweepSla(rt.deps);
    const after = await clocks();
    expect(after.map((r) => [r.clock, r.level])).toEqual([['sign', 'none'], ['sign', 'none']]);
    expect(after.every((r) => r.check_at instanceof Date && r.check_at.getTime() > Date.parse('2024-09-27T10:00:00+08:00'))).toBe(true);
  });

  it('is asked again when the assignment moves a clock (signing) and when its case does (suspension)', async () => {
    const [lead, co] = await Promise.all(['rsj-handler', 'kjj-handler'].map((u) => loginAs(rt.app, u)));
    // The lead's signing also moves the case (dispatched → handling): both asked again.
    expect((await lead.post(`/api/cases/${caseId}/sign`)).status).toBe(200);
    expect((await clocks()).every((r) => recompute(r.check_at))).toBe(true);
    await sweepSla(rt.deps);
    expect((await clocks()).map((r) => [r.clock, recompute(r.check_at)])).toEqual([['reply', false], ['sign', false]]);

    // The co-handler's signing moves only its own clock.
    expect((await co.post(`/api/cases/${caseId}/sign`)).status).toBe(200);
    expect((await clocks()).map((r) => recompute(r.check_at))).toEqual([false, true]);
    await sweepSla(rt.deps);
    expect((await clocks()).map((r) => r.clock)).toEqual(['reply', 'opinion']);

    const { db } = rt.deps.database;
    await db.updateTable('cases').set({ suspended_at: new Date() }).where('id', '=', caseId).execute();
    expect((await clocks()).every((r) => recompute(r.check_at))).toBe(true);
    await sweepSla(rt.deps);
    // Suspended: no clock runs, none is looked at again until something moves it.
    expect((await clocks()).map((r) => [r.clock, r.check_at])).toEqual([[null, null], [null, null]]);
  });

  it('starts with no check for an assignment no clock can run on, and goes with a deleted assignment', async () => {
    const { db } = rt.deps.database;
    const lead = (await clocks())[0];
    const done = await db.insertInto('assignments').values({
      case_id: caseId, department_id: (await db.selectFrom('assignments').select('department_id').where('id', '=', lead.id).executeTakeFirstOrThrow()).department_id,
      role: 'lead', round: 2, status: 'done', dispatched_at: new Date(), sign_deadline: new Date(), closed_at: new Date(),
    }).returning('id').executeTakeFirstOrThrow();
    const row = await db.selectFrom('assignment_sla').selectAll().where('assignment_id', '=', done.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ case_id: caseId, check_at: null, clock: null, level: 'none' });

    await db.deleteFrom('assignments').where('id', '=', done.id).execute();
    const left = await sql<{ n: number }>`SELECT count(*)::int AS n FROM assignment_sla WHERE assignment_id = ${done.id}`.execute(db);
    expect(Number(left.rows[0].n)).toBe(0);
  });
});
