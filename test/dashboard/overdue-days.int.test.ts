import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';
import { overdueMismatches } from './kit.js';

// The overdue counters (migration 0067): a case counts once per week and per month, for each department its clocks
// went red in and once city-wide (department 0), however many red crossings it has and however many statements
// (sweeps) they came in. Each step below is one insert statement, as a sweep batch is; after each, the counters must
// equal the distinct counts computed from all red crossings.

let rt: TestRuntime;
beforeAll(async () => {
  rt = await testRuntime();
});
afterAll(() => rt.close());

let nextAssignment = 1;
/** One statement of crossings: [case, department, level, deadline]. */
async function cross(rows: [number, number, 'yellow' | 'red', string][]) {
  const db = rt.deps.database.db;
  await db.insertInto('sla_crossings').values(rows.map(([caseId, department, level, deadline]) => ({
    assignment_id: nextAssignment++, case_id: caseId, department_id: department, clock: 'reply', level,
    deadline: new Date(deadline), crossed_at: new Date(deadline),
  }))).execute();
  expect(await overdueMismatches(rt)).toEqual([]);
}

async function count(kind: 'week' | 'month', period: string, department: number): Promise<number> {
  const r = await sql<{ n: number }>`SELECT n FROM dashboard_overdue_counts
    WHERE kind = ${kind} AND period = ${period}::date AND department_id = ${department}`.execute(rt.deps.database.db);
  return Number(r.rows[0]?.n ?? 0);
}

describe('overdue counters across sweeps', () => {
  it('count each case once per period, per department and city-wide, whatever statement its red crossings come in', async () => {
    const [a, b] = [901, 902];
    // 16:30 UTC on 1 November is 00:30 on Monday 2 November in Beijing: the week of 2 November.
    await cross([[1, a, 'red', '2026-11-01T16:30:00Z'], [1, a, 'yellow', '2026-10-30T02:00:00Z']]);
    expect([await count('week', '2026-11-02', a), await count('week', '2026-10-26', a), await count('month', '2026-11-01', 0)]).toEqual([1, 0, 1]);
    await cross([[1, a, 'red', '2026-11-04T02:00:00Z']]); // same week, month and department: nothing new
    await cross([[1, b, 'red', '2026-11-04T02:00:00Z']]); // another department: its own counts, the city's unchanged
    expect([await count('week', '2026-11-02', b), await count('week', '2026-11-02', 0), await count('month', '2026-11-01', 0)]).toEqual([1, 1, 1]);
    await cross([[1, a, 'red', '2026-11-30T02:00:00Z']]); // a new week (30 November), the same month
    await cross([[1, a, 'red', '2026-12-01T02:00:00Z']]); // the same week, a new month
    expect([await count('week', '2026-11-30', a), await count('month', '2026-11-01', a), await count('month', '2026-12-01', a), await count('month', '2026-12-01', 0)])
      .toEqual([1, 1, 1, 1]);
    // Several red crossings of one case in one statement, on two days of a week and two departments.
    await cross([[2, a, 'red', '2026-11-09T02:00:00Z'], [2, a, 'red', '2026-11-10T02:00:00Z'], [2, b, 'red', '2026-11-10T03:00:00Z'], [3, a, 'red', '2026-11-10T02:00:00Z']]);
    expect([await count('week', '2026-11-09', a), await count('week', '2026-11-09', b), await count('week', '2026-11-09', 0), await count('month', '2026-11-01', 0)])
      .toEqual([2, 1, 2, 3]);
    // A day already recorded for the case and department, from another clock: nothing new.
    await cross([[2, a, 'red', '2026-11-10T05:00:00Z']]);
    expect(await count('week', '2026-11-09', 0)).toBe(2);
  });
});
