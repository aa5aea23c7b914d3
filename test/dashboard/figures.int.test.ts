import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepSla } from '../../src/server/jobs/sla-sweep.js';
import { sampleCase } from '../kit/org.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';
import { buildDataSet, drill, now, rollupMismatches, type DataSet } from './kit.js';

// Each figure of the overview against a direct count over the known data set, and each chart element's drill-down
// against the figure it came from.

let rt: TestRuntime;
let data: DataSet;

beforeAll(async () => {
  rt = await testRuntime('2026-10-12T10:00:00+08:00');
  data = await buildDataSet(rt);
}, 120_000);
afterAll(() => rt?.close());

const bj = (day: string) => `${day}T00:00:00+08:00`;

/** A direct count over cases with a WHERE clause written in the test. */
async function count(where: ReturnType<typeof sql>): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM cases WHERE ${where}`.execute(rt.deps.database.db);
  return Number(r.rows[0].n);
}

async function overdueCount(from: string, until: string, departmentId?: number): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(DISTINCT case_id)::int AS n FROM sla_crossings WHERE level = 'red'
    AND deadline >= ${bj(from)}::timestamptz AND deadline < ${bj(until)}::timestamptz
    ${departmentId ? sql`AND department_id = ${departmentId}` : sql``}`.execute(rt.deps.database.db);
  return Number(r.rows[0].n);
}

describe('leader overview', () => {
  it('counts this month against last month by Beijing day, with the known values', async () => {
    const r = await data.as.leader.get('/api/dashboard/overview');
    expect(r.status).toBe(200);
    const k = r.body.kpis;
    expect(r.body.month).toBe('2026-11');
    expect(r.body.asOf).toBe(new Date(now).toISOString());
    expect(k.received).toEqual({ from: '2026-11-01', until: '2026-11-21', value: 5 }); // c4 (00:30 on 1 Nov) … c8
    expect(k.receivedLastPeriod).toEqual({ from: '2026-10-01', until: '2026-10-21', value: 2 }); // c1, c2 (23:30 on 20 Oct)
    expect(k.receivedChangePct).toBe(150);
    expect(k.receivedLastMonth).toEqual({ from: '2026-10-01', until: '2026-11-01', value: 3 });
    expect(k.closed.value).toBe(2); // c5, c6
    expect(k.satisfaction).toMatchObject({ satisfied: 1, basically: 1, unsatisfied: 0, rate: 100 }); // c6's first, unsatisfied rating was redone
    expect(k.overdue.value).toBe(3); // c3 (scjg sign), c4 (zjj reply), c8 (rsj sign)
    expect(k.overdueNow.value).toBe(4); // c1, c3, c4, c8

    // The same figures as direct counts.
    expect(k.received.value).toBe(await count(sql`created_at >= ${bj('2026-11-01')}::timestamptz AND created_at < ${bj('2026-11-21')}::timestamptz`));
    expect(k.receivedLastMonth.value).toBe(await count(sql`created_at >= ${bj('2026-10-01')}::timestamptz AND created_at < ${bj('2026-11-01')}::timestamptz`));
    expect(k.closed.value).toBe(await count(sql`closed_at >= ${bj('2026-11-01')}::timestamptz AND closed_at < ${bj('2026-11-21')}::timestamptz`));
    expect(k.overdue.value).toBe(await overdueCount('2026-11-01', '2026-11-21'));
    expect(k.overdueNow.value).toBe(await count(sql`status IN ('dispatched', 'handling') AND warning_level = 'red'`));
  });

  it('weekly trend, top categories and districts, satisfaction by month and the heatmap match direct counts', async () => {
    const o = (await data.as.leader.get('/api/dashboard/overview')).body;
    expect(o.weeks).toHaveLength(12);
    expect(o.weeks[11]).toMatchObject({ from: '2026-11-16', until: '2026-11-23', label: '11月16日', received: 2, closed: 1 });
    for (const w of o.weeks) {
      expect(w.received).toBe(await count(sql`created_at >= ${bj(w.from)}::timestamptz AND created_at < ${bj(w.until)}::timestamptz`));
      expect(w.closed).toBe(await count(sql`closed_at >= ${bj(w.from)}::timestamptz AND closed_at < ${bj(w.until)}::timestamptz`));
    }
    expect(o.topCategories.map((c: any) => [c.categoryId, c.name, c.value])).toEqual([[data.ids.category('approval'), '审批服务', 3], [data.ids.category('policy'), '政策兑现', 2]]);
    expect(o.topDistricts.map((d: any) => [d.districtId, d.value])).toEqual([[data.ids.dept('zxq'), 2], [data.ids.dept('yfq'), 1]]);
    const oct = o.satisfactionTrend.find((m: any) => m.from === '2026-10-01');
    expect(oct).toMatchObject({ label: '2026年10月', satisfied: 1, basically: 0, unsatisfied: 0, rate: 100 });
    expect(o.satisfactionTrend.map((m: any) => m.from)).toEqual(['2026-06-01', '2026-07-01', '2026-08-01', '2026-09-01', '2026-10-01', '2026-11-01']);

    const rows = o.heatmap.departments.map((d: any) => d.departmentId).sort();
    expect(rows).toEqual([data.ids.dept('zjj'), data.ids.dept('rsj'), data.ids.dept('scjg')].sort());
    expect(o.heatmap.departments[0]).toMatchObject({ departmentId: data.ids.dept('zjj'), total: 2 });
    for (const d of o.heatmap.departments) {
      for (const [i, w] of o.heatmap.weeks.entries()) {
        const cell = o.heatmap.cells.find((c: any) => c.departmentId === d.departmentId && c.week === i);
        expect(cell?.value ?? 0).toBe(await overdueCount(w.from, w.until, d.departmentId));
      }
    }
  });

  it('a past month compares whole months', async () => {
    const o = (await data.as.supervisor.get('/api/dashboard/overview?month=2026-10')).body;
    expect(o.kpis.received).toEqual({ from: '2026-10-01', until: '2026-11-01', value: 3 });
    expect(o.kpis.receivedLastPeriod).toEqual({ from: '2026-09-01', until: '2026-10-01', value: 0 });
    expect(o.kpis.receivedChangePct).toBeNull();
    expect(o.weeks[11].from).toBe('2026-10-26');
  });
});

describe('drill-down', () => {
  it('every chart element lists exactly the cases it counted', async () => {
    const o = (await data.as.leader.get('/api/dashboard/overview')).body;
    const slices: [Record<string, unknown>, number][] = [
      [{ measure: 'received', from: o.kpis.received.from, until: o.kpis.received.until }, o.kpis.received.value],
      [{ measure: 'received', from: o.kpis.receivedLastPeriod.from, until: o.kpis.receivedLastPeriod.until }, o.kpis.receivedLastPeriod.value],
      [{ measure: 'closed', from: o.kpis.closed.from, until: o.kpis.closed.until }, o.kpis.closed.value],
      [{ measure: 'rated', from: o.kpis.satisfaction.from, until: o.kpis.satisfaction.until }, 2],
      [{ measure: 'overdue', from: o.kpis.overdue.from, until: o.kpis.overdue.until }, o.kpis.overdue.value],
      [{ measure: 'overdue_now' }, o.kpis.overdueNow.value],
    ];
    for (const w of o.weeks) {
      slices.push([{ measure: 'received', from: w.from, until: w.until }, w.received], [{ measure: 'closed', from: w.from, until: w.until }, w.closed]);
    }
    for (const c of o.topCategories) slices.push([{ measure: 'received', ...o.monthRange, categoryId: c.categoryId }, c.value]);
    for (const d of o.topDistricts) slices.push([{ measure: 'received', ...o.monthRange, districtId: d.districtId }, d.value]);
    for (const m of o.satisfactionTrend) {
      for (const r of ['satisfied', 'basically', 'unsatisfied'] as const) slices.push([{ measure: r, from: m.from, until: m.until }, m[r]]);
    }
    for (const c of o.heatmap.cells) {
      const w = o.heatmap.weeks[c.week];
      slices.push([{ measure: 'overdue', from: w.from, until: w.until, departmentId: c.departmentId }, c.value]);
    }
    expect(slices.length).toBeGreaterThan(40);
    for (const [slice, figure] of slices) {
      const d = await drill(data.as.leader, slice);
      expect({ slice, total: d.total, listed: d.ids.length }).toEqual({ slice, total: figure, listed: figure });
      expect(new Set(d.ids).size).toBe(d.ids.length);
    }
  });

  it('lists the known cases of a slice, newest first by the timestamp that placed them', async () => {
    const { cases } = data;
    expect((await drill(data.as.leader, { measure: 'received', from: '2026-11-01', until: '2026-11-21' })).ids).toEqual([cases.c8, cases.c7, cases.c6, cases.c5, cases.c4]);
    expect((await drill(data.as.leader, { measure: 'received', from: '2026-10-20', until: '2026-10-21' })).ids).toEqual([cases.c2]);
    expect((await drill(data.as.leader, { measure: 'satisfied', from: '2026-11-01', until: '2026-12-01' })).ids).toEqual([cases.c6]);
    expect((await drill(data.as.leader, { measure: 'unsatisfied', from: '2026-11-01', until: '2026-12-01' })).ids).toEqual([]);
    expect((await drill(data.as.leader, { measure: 'overdue', from: '2026-11-01', until: '2026-11-21', departmentId: data.ids.dept('rsj') })).ids).toEqual([cases.c8]);
    expect((await drill(data.as.leader, { measure: 'received', from: '2026-11-01', until: '2026-11-21', departmentId: data.ids.dept('rsj') })).ids).toEqual([cases.c8, cases.c5]);
  });
});

describe('rollup', () => {
  it('equals a direct count over cases after every kind of write (intake, lead change, rating, redo, close)', async () => {
    expect(await rollupMismatches(rt)).toEqual([]);
    // More writes: c1 is signed and completed, c3's category and district are corrected by hand (an admin fix).
    rt.clock.set('2026-11-20T16:00:00+08:00');
    for (const [who, cmd, body] of [
      ['zjj-handler', 'sign', {}], ['zjj-handler', 'reply', { text: '已办理' }], ['supervisor', 'approve-reply', {}],
      ['intake', 'rate', { rating: 'unsatisfied', comment: '仍未解决' }], ['supervisor', 'close', { reason: '诉求人不满意但已依法答复' }],
    ] as const) {
      const r = await data.as[who].post(`/api/cases/${data.cases.c1}/${cmd}`, body);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
    await rt.deps.database.db.updateTable('cases').set({ category_id: data.ids.category('approval.construction_permit'), district_id: null })
      .where('id', '=', data.cases.c3).execute();
    expect(await rollupMismatches(rt)).toEqual([]);
    const o = (await data.as.leader.get('/api/dashboard/overview')).body;
    expect(o.kpis.satisfaction).toMatchObject({ satisfied: 1, basically: 1, unsatisfied: 1 });
    expect(o.kpis.closed.value).toBe(3);
  });

  it('counts a case once per department and week when two of its clocks go red in separate sweeps', async () => {
    const zjj = data.ids.dept('zjj');
    rt.clock.set('2026-11-23T09:00:00+08:00');
    const created = await data.as.intake.post('/api/cases', {
      ...sampleCase(data.ids.category('policy.talent'), { title: '看板测试c9' }), dispatch: { leadDepartmentId: zjj, coDepartmentIds: [] },
    });
    expect(created.status).toBe(201);
    const c9 = created.body.id;
    const week = async () => (await data.as.leader.get('/api/dashboard/overview')).body.heatmap.cells
      .find((c: any) => c.departmentId === zjj && c.week === 11)?.value ?? 0;
    const before = await week();
    rt.clock.set('2026-11-24T18:00:00+08:00'); // the sign deadline (24 Nov 17:30) has passed
    await sweepSla(rt.deps);
    expect(await week()).toBe(before + 1);
    expect((await data.as['zjj-handler'].post(`/api/cases/${c9}/sign`)).status).toBe(200);
    rt.clock.set('2026-11-27T09:00:00+08:00'); // the reply deadline (26 Nov 17:30) has passed too, same week
    await sweepSla(rt.deps);
    const red = await rt.deps.database.db.selectFrom('sla_crossings').select('clock').where('case_id', '=', c9).where('level', '=', 'red').execute();
    expect(red.map((r) => r.clock).sort()).toEqual(['reply', 'sign']);
    expect(await week()).toBe(before + 1);
    expect(await rollupMismatches(rt)).toEqual([]);
    const cell = await drill(data.as.leader, { measure: 'overdue', from: '2026-11-23', until: '2026-11-30', departmentId: zjj });
    expect(cell.total).toBe(before + 1);
    expect(cell.ids).toContain(c9);
    expect(cell.ids).toHaveLength(before + 1);
  });
});
