import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/server/demo/load-demo.js';
import { sweepSla } from '../../src/server/jobs/sla-sweep.js';
import { loginAs } from '../kit/http.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';
import { drill, rollupMismatches } from './kit.js';

// The demo writes its 2,400 cases in bulk statements: the rollup must come out equal to a direct count, and the
// overview a newcomer sees must agree with its drill-downs.

let rt: TestRuntime;

beforeAll(async () => {
  rt = await testRuntime('2026-11-20T15:00:00+08:00');
  await loadDemo(rt.deps.database.db, rt.deps.policy, { cases: 600, now: rt.clock.now() });
  await sweepSla(rt.deps);
}, 180_000);
afterAll(() => rt?.close());

describe('demo data', () => {
  it('fills the rollup exactly', async () => {
    expect(await rollupMismatches(rt)).toEqual([]);
  });

  it('gives an overview whose figures match their drill-downs', async () => {
    const leader = await loginAs(rt.app, 'leader');
    const o = (await leader.get('/api/dashboard/overview?month=2026-10')).body;
    expect(o.kpis.received.value).toBeGreaterThan(0);
    expect(o.heatmap.cells.length).toBeGreaterThan(0);
    for (const [slice, figure] of [
      [{ measure: 'received', ...o.kpis.received }, o.kpis.received.value],
      [{ measure: 'closed', ...o.kpis.closed }, o.kpis.closed.value],
      [{ measure: 'unsatisfied', from: o.kpis.satisfaction.from, until: o.kpis.satisfaction.until }, o.kpis.satisfaction.unsatisfied],
      [{ measure: 'received', ...o.monthRange, categoryId: o.topCategories[0].categoryId }, o.topCategories[0].value],
      [{ measure: 'overdue_now' }, o.kpis.overdueNow.value],
    ] as const) {
      const { value: _v, ...rest } = slice as Record<string, unknown>;
      const d = await drill(leader, rest, 100);
      expect({ slice: rest, total: d.total, listed: d.ids.length }).toEqual({ slice: rest, total: figure, listed: figure });
    }
  });
});
