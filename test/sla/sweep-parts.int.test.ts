import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepSla } from '../../src/server/jobs/sla-sweep.js';
import { verifyChains } from '../../src/server/modules/audit/verify-chains.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';
import { dispatchedCases } from './kit.js';

// The sweep split into parts by case (ADR 28), each part in batches: every due assignment is read by exactly one part,
// every crossing recorded once with its events, whatever the number of parts and the batch size.

let rt: TestRuntime;
let cases: number[];

beforeAll(async () => {
  rt = await testRuntime('2024-09-27T10:00:00+08:00');
  cases = await dispatchedCases(rt, 7, (i) => i % 2 === 0);
});
afterAll(() => rt.close());

describe('a sweep in parts', () => {
  it('three parts in batches of two record each crossing once, with its events, on valid chains', async () => {
    rt.clock.set('2024-10-21T09:00:00+08:00');
    const counts = await sweepSla(rt.deps, { parts: 3, batch: 2 });
    // 7 cases × (lead + co), every clock past its deadline: yellow and red each.
    expect(counts.scanned).toBe(14);
    expect(counts.crossings).toBe(28);
    expect(counts.events).toBe(28 + 14 * 2);
    expect(counts.casesChanged).toBe(7);

    const { db } = rt.deps.database;
    const crossings = await db.selectFrom('sla_crossings').select(['assignment_id', 'case_id', 'level']).execute();
    expect(crossings).toHaveLength(28);
    expect(new Set(crossings.map((c) => c.case_id))).toEqual(new Set(cases));
    const warned = await db.selectFrom('case_events').select(['case_id']).where('type', '=', 'case.warned').execute();
    expect(warned).toHaveLength(28);
    expect((await verifyChains(db, 100)).firstBroken).toBeNull();

    const again = await sweepSla(rt.deps, { parts: 2, batch: 3 });
    expect(again.crossings).toBe(0);
    expect(again.events).toBe(0);
  });
});
