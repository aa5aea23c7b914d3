import { sql } from 'kysely';
import { expect } from 'vitest';
import { sweepSla } from '../../src/server/jobs/sla-sweep.js';
import { loginAs, type Client } from '../kit/http.js';
import { orgIds, sampleCase } from '../kit/org.js';
import type { TestRuntime } from '../kit/runtime.js';

// A small known data set for the dashboard tests, written through the API with the test clock, so every row,
// event, rollup entry and red crossing comes from the real write paths. "Now" at the end is Friday 2026-11-20 15:00
// Beijing time; the month under test is November 2026.

export const now = '2026-11-20T15:00:00+08:00';
export const staff = ['intake', 'supervisor', 'leader', 'admin', 'zjj-handler', 'zjj-head', 'rsj-handler', 'scjg-handler'] as const;
export type Staff = (typeof staff)[number];

export interface DataSet {
  as: Record<Staff, Client>;
  ids: Awaited<ReturnType<typeof orgIds>>;
  cases: Record<string, number>;
}

const ok = async (p: Promise<{ status: number; body: any }>, what: string) => {
  const r = await p;
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};

export async function buildDataSet(rt: TestRuntime): Promise<DataSet> {
  rt.clock.set('2026-10-12T10:00:00+08:00');
  const as = {} as Record<Staff, Client>;
  for (const u of staff) as[u] = await loginAs(rt.app, u);
  const ids = await orgIds(as.intake);
  const permit = ids.category('approval.construction_permit');
  const talent = ids.category('policy.talent');
  const cases: Record<string, number> = {};

  const create = async (name: string, at: string, categoryId: number, lead: string | null, extra: Record<string, unknown> = {}) => {
    rt.clock.set(at);
    const body = { ...sampleCase(categoryId, { title: `看板测试${name}`, ...extra }), ...(lead ? { dispatch: { leadDepartmentId: ids.dept(lead), coDepartmentIds: [] } } : {}) };
    cases[name] = (await ok(as.intake.post('/api/cases', body), `create ${name}`)).id;
    return cases[name];
  };
  const act = (who: Staff, name: string, command: string, body: Record<string, unknown> = {}) =>
    ok(as[who].post(`/api/cases/${cases[name]}/${command}`, body), `${command} ${name}`);
  const complete = async (name: string, handler: Staff, at: string, rating: 'satisfied' | 'basically' | 'unsatisfied', extra: Record<string, unknown> = {}) => {
    rt.clock.set(at);
    await act(handler, name, 'sign');
    rt.clock.advanceHours(1);
    await act(handler, name, 'reply', { text: '已按政策办理并电话告知。' });
    await act('supervisor', name, 'approve-reply');
    rt.clock.advanceHours(2);
    await act('intake', name, 'rate', { rating, comment: rating === 'unsatisfied' ? '没有解决问题' : '', ...extra });
  };

  // October (last month).
  await create('c1', '2026-10-12T10:00:00+08:00', permit, 'zjj', { districtId: ids.dept('zxq') }); // never signed: red sign clock
  await create('c2', '2026-10-20T23:30:00+08:00', talent, 'rsj'); // 15:30 UTC: still 20 October in Beijing
  await complete('c2', 'rsj-handler', '2026-10-21T09:00:00+08:00', 'satisfied');
  await create('c3', '2026-10-31T12:00:00+08:00', talent, 'scjg', { districtId: ids.dept('yfq') }); // never signed
  // November (this month).
  await create('c4', '2026-11-01T00:30:00+08:00', talent, 'zjj', { districtId: ids.dept('zxq') }); // 31 Oct 16:30 UTC: November in Beijing
  rt.clock.set('2026-11-02T09:00:00+08:00');
  await act('zjj-handler', 'c4', 'sign'); // never replied: red reply clock
  await create('c5', '2026-11-03T10:00:00+08:00', talent, 'rsj');
  await complete('c5', 'rsj-handler', '2026-11-05T09:00:00+08:00', 'basically');
  await create('c6', '2026-11-10T10:00:00+08:00', permit, 'zjj', { districtId: ids.dept('yfq') });
  await complete('c6', 'zjj-handler', '2026-11-12T09:00:00+08:00', 'unsatisfied', { wantsRedo: true });
  await act('supervisor', 'c6', 'redo', { reason: '诉求人不满意，重新办理' });
  await complete('c6', 'zjj-handler', '2026-11-16T09:00:00+08:00', 'satisfied');
  await create('c7', '2026-11-16T10:00:00+08:00', permit, null);
  await create('c8', '2026-11-17T10:00:00+08:00', permit, 'zjj', { districtId: ids.dept('zxq') });
  await act('zjj-handler', 'c8', 'request-return', { reason: '不属于本单位职责', basis: '《人才政策实施办法》第三条' });
  const detail = await ok(as.supervisor.get(`/api/cases/${cases.c8}`), 'get c8');
  const pending = detail.assignments.find((a: any) => a.returnRequestedAt && a.status !== 'returned');
  await act('intake', 'c8', 'approve-return', { assignmentId: pending.id, newLeadDepartmentId: ids.dept('rsj') }); // lead moves to rsj, never signed

  rt.clock.set(now);
  await sweepSla(rt.deps);
  return { as, ids, cases };
}

/** Every case of a slice through the drill-down endpoint, all pages; the total from the first page. */
export async function drill(client: Client, slice: Record<string, unknown>, pageSize = 2): Promise<{ total: number | null; ids: number[] }> {
  const out: number[] = [];
  let cursor: string | null = null;
  let total: number | null = null;
  for (let page = 0; page < 1000; page++) {
    const q = new URLSearchParams(Object.entries({ ...slice, limit: pageSize, ...(cursor ? { cursor } : {}) }).map(([k, v]) => [k, String(v)]));
    const r = await client.get(`/api/dashboard/cases?${q}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    if (page === 0) total = r.body.total;
    out.push(...r.body.items.map((c: any) => c.id));
    cursor = r.body.nextCursor;
    if (!cursor) break;
  }
  return { total, ids: out };
}

/** The whole rollup against a direct GROUP BY over cases (Beijing days computed in the test, not by the app). */
export async function rollupMismatches(rt: TestRuntime): Promise<unknown[]> {
  return [...(await caseRollupMismatches(rt)), ...(await overdueMismatches(rt))];
}

/** The received/closed/rating rollup (dashboard_daily, dashboard_daily_totals) against a direct GROUP BY over cases. */
export async function caseRollupMismatches(rt: TestRuntime): Promise<unknown[]> {
  const db = rt.deps.database.db;
  const day = (col: string) => sql.raw(`to_char(${col} + interval '8 hours', 'YYYY-MM-DD')`);
  const direct = await sql<{ measure: string; day: string; d: number; c: number; x: number; n: number }>`
    SELECT measure, day, d, c, x, count(*)::int AS n FROM (
      SELECT 'received' AS measure, ${day("created_at AT TIME ZONE 'UTC'")} AS day, coalesce(lead_department_id, 0) AS d, category_id AS c, coalesce(district_id, 0) AS x FROM cases
      UNION ALL
      SELECT 'closed', ${day("closed_at AT TIME ZONE 'UTC'")}, coalesce(lead_department_id, 0), category_id, coalesce(district_id, 0) FROM cases WHERE closed_at IS NOT NULL
      UNION ALL
      SELECT rating, ${day("rated_at AT TIME ZONE 'UTC'")}, coalesce(lead_department_id, 0), category_id, coalesce(district_id, 0) FROM cases WHERE rating IS NOT NULL
    ) t GROUP BY 1, 2, 3, 4, 5`.execute(db);
  const rollup = await sql<{ measure: string; day: string; d: number; c: number; x: number; n: number }>`
    SELECT 'received' AS measure, to_char(day, 'YYYY-MM-DD') AS day, department_id AS d, category_id AS c, district_id AS x, n FROM dashboard_daily WHERE n <> 0`.execute(db);
  const totals = await sql<{ measure: string; day: string; d: number; n: number }>`
    SELECT measure, to_char(day, 'YYYY-MM-DD') AS day, department_id AS d, n FROM dashboard_daily_totals WHERE n <> 0`.execute(db);
  const key = (r: { measure: string; day: string; d: number; c?: number; x?: number }) => [r.measure, r.day, r.d, r.c ?? '', r.x ?? ''].join('|');
  const want = new Map(direct.rows.filter((r) => r.measure === 'received').map((r) => [key(r), Number(r.n)]));
  const got = new Map(rollup.rows.map((r) => [key(r), Number(r.n)]));
  const wantTotals = new Map<string, number>();
  for (const r of direct.rows) {
    const k = key({ measure: r.measure, day: r.day, d: r.d });
    wantTotals.set(k, (wantTotals.get(k) ?? 0) + Number(r.n));
  }
  const gotTotals = new Map(totals.rows.map((r) => [key(r), Number(r.n)]));
  const diff: unknown[] = [];
  for (const [m, w] of [[got, want], [gotTotals, wantTotals]] as const) {
    for (const k of new Set([...m.keys(), ...w.keys()])) if (m.get(k) !== w.get(k)) diff.push({ key: k, rollup: m.get(k), direct: w.get(k) });
  }
  if (direct.rows.length === 0) diff.push('no cases at all');
  return diff;
}

/** Overdue counts (distinct cases per week or month and department, 0 = city) against the red crossings, in JS. */
export async function overdueMismatches(rt: TestRuntime): Promise<unknown[]> {
  const db = rt.deps.database.db;
  const red = await db.selectFrom('sla_crossings').select(['deadline', 'department_id', 'case_id']).where('level', '=', 'red').execute();
  const sets = new Map<string, Set<number>>();
  for (const x of red) {
    const day = new Date(new Date(x.deadline).getTime() + 8 * 3_600_000);
    const monday = new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
    const month = `${day.toISOString().slice(0, 7)}-01`;
    for (const k of [`week|${monday}|${x.department_id}`, `week|${monday}|0`, `month|${month}|${x.department_id}`, `month|${month}|0`]) {
      if (!sets.has(k)) sets.set(k, new Set());
      sets.get(k)!.add(Number(x.case_id));
    }
  }
  const got = await sql<{ kind: string; period: string; d: number; n: number }>`
    SELECT kind, to_char(period, 'YYYY-MM-DD') AS period, department_id AS d, n FROM dashboard_overdue_counts`.execute(db);
  const gotMap = new Map(got.rows.map((r) => [`${r.kind}|${r.period}|${r.d}`, Number(r.n)]));
  const diff: unknown[] = [];
  for (const k of new Set([...gotMap.keys(), ...sets.keys()])) {
    if (gotMap.get(k) !== sets.get(k)?.size) diff.push({ key: k, rollup: gotMap.get(k), direct: sets.get(k)?.size });
  }
  if (red.length === 0) diff.push('no red crossings at all');
  return diff;
}
