import { sql } from 'kysely';
import type { Overview } from '../../../contracts/dashboard.js';
import { satisfactionRate } from '../../../domain/indicators/rates.js';
import { AppError } from '../../errors.js';
import { overdueCaseSql } from '../../kernel/index.js';
import type { AppDeps } from '../../deps.js';
import { caseKinds, type CaseKind } from '../../../domain/case/status.js';
import { addDays, beijingDay, dayStart, daysBetween, isMonth, monthLabel, monthOf, monthStart, weekLabel, weekStart } from './periods.js';

// The leader overview and a department's own page: one shape, scoped to a department or not. Counts by day come
// from the rollups (dashboard_daily_totals, dashboard_daily), overdue counts from dashboard_overdue_counts (the SLA
// sweep's red crossings, each case once per department and week or month).

export const trendWeeks = 12;
export const trendMonths = 6;
export const heatmapRows = 15;

type Measure = 'received' | 'closed' | 'satisfied' | 'basically' | 'unsatisfied';
interface Range { from: string; until: string }

// One definition of 满意率, shared with the indicators' computed figures.
const rate = satisfactionRate;
const dept = (d: number | null) => (d === null ? sql`` : sql` AND department_id = ${d}`);

/** The periods an overview covers, from the month asked for and now. Pure. */
export function overviewPeriods(now: Date, month?: string) {
  const today = beijingDay(now);
  const current = monthOf(today);
  const m = month ?? current;
  if (!isMonth(m) || m > current) throw new AppError('DASHBOARD_MONTH_INVALID', { month });
  const monthFrom = monthStart(m);
  const monthUntil = monthStart(m, 1);
  // The current month runs to the end of today; last month is compared over the same number of days.
  const kpiUntil = m === current ? addDays(today, 1) : monthUntil;
  const lastFrom = monthStart(m, -1);
  const span = daysBetween(monthFrom, kpiUntil);
  const lastSame = { from: lastFrom, until: [addDays(lastFrom, span), monthFrom].sort()[0] };
  const lastWeek = weekStart(addDays(kpiUntil, -1));
  const weeks = Array.from({ length: trendWeeks }, (_, i) => {
    const from = addDays(lastWeek, -7 * (trendWeeks - 1 - i));
    return { from, until: addDays(from, 7), label: weekLabel(from) };
  });
  const months = Array.from({ length: trendMonths }, (_, i) => {
    const k = i - (trendMonths - 1);
    return { from: monthStart(m, k), until: monthStart(m, k + 1), label: monthLabel(monthStart(m, k).slice(0, 7)) };
  });
  return {
    month: m, kpi: { from: monthFrom, until: kpiUntil }, full: { from: monthFrom, until: monthUntil }, lastSame,
    lastMonth: { from: lastFrom, until: monthFrom }, weeks, months,
  };
}

export async function getOverview(deps: AppDeps, departmentId: number | null, month?: string): Promise<Overview> {
  const now = deps.now();
  const p = overviewPeriods(now, month);
  const db = deps.readDb;
  const lo = [p.weeks[0].from, p.months[0].from, p.lastMonth.from].sort()[0];
  const hi = [p.weeks[p.weeks.length - 1].until, p.months[p.months.length - 1].until].sort().reverse()[0];
  const w0 = p.weeks[0].from;
  const wEnd = p.weeks[p.weeks.length - 1].until;

  const [daily, tops, heat, overdueMonth, overdueNow, directory, byType, direct] = await Promise.all([
    sql<{ measure: Measure; day: string; n: number }>`
      SELECT measure, to_char(day, 'YYYY-MM-DD') AS day, sum(n)::int AS n FROM dashboard_daily_totals
       WHERE day >= ${lo}::date AND day < ${hi}::date${dept(departmentId)}
       GROUP BY measure, day`.execute(db),
    sql<{ category_id: number | null; district_id: number | null; by_category: number; n: number }>`
      SELECT category_id, district_id, 1 - GROUPING(category_id) AS by_category, sum(n)::int AS n FROM dashboard_daily
       WHERE day >= ${p.kpi.from}::date AND day < ${p.kpi.until}::date${dept(departmentId)}
       GROUP BY GROUPING SETS ((category_id), (district_id))`.execute(db),
    sql<{ department_id: number; week: number; n: number }>`
      SELECT department_id, (period - ${w0}::date) / 7 AS week, n FROM dashboard_overdue_counts
       WHERE kind = 'week' AND period >= ${w0}::date AND period < ${wEnd}::date AND department_id <> 0${dept(departmentId)}`.execute(db),
    // A clock goes red only once its deadline has passed, so the month so far is the whole month's count.
    sql<{ n: number }>`
      SELECT n FROM dashboard_overdue_counts WHERE kind = 'month' AND period = ${p.full.from}::date AND department_id = ${departmentId ?? 0}`.execute(db),
    countOverdueNow(deps, departmentId),
    deps.directory.ready(),
    countByType(deps, departmentId, p.kpi),
    departmentId === null ? countDirectAnswers(deps, p.kpi) : null,
  ]);

  const byMeasure = new Map<string, Map<string, number>>();
  for (const r of daily.rows) {
    let m = byMeasure.get(r.measure);
    if (!m) byMeasure.set(r.measure, (m = new Map()));
    m.set(r.day, Number(r.n));
  }
  const sum = (measure: Measure, r: Range) => {
    const m = byMeasure.get(measure);
    if (!m) return 0;
    let total = 0;
    for (let d = r.from; d < r.until; d = addDays(d, 1)) total += m.get(d) ?? 0;
    return total;
  };
  const ratings = (r: Range) => {
    const s = sum('satisfied', r), b = sum('basically', r), u = sum('unsatisfied', r);
    return { satisfied: s, basically: b, unsatisfied: u, rate: rate(s, b, u) };
  };

  const received = sum('received', p.kpi);
  const lastSame = sum('received', p.lastSame);

  // Top categories count a category with everything under it, by its top-level ancestor.
  const rootOf = (id: number): number => {
    let c = directory.category(id);
    for (let guard = 0; c?.parentId != null && guard < 10; guard++) c = directory.category(c.parentId);
    return c?.id ?? id;
  };
  const categoryTotals = new Map<number, number>();
  const districtTotals = new Map<number, number>();
  for (const r of tops.rows) {
    if (Number(r.by_category) === 1) {
      const root = rootOf(r.category_id!);
      categoryTotals.set(root, (categoryTotals.get(root) ?? 0) + Number(r.n));
    } else if (r.district_id) {
      districtTotals.set(r.district_id, (districtTotals.get(r.district_id) ?? 0) + Number(r.n));
    }
  }
  const names = directory.names();
  const ranked = <T,>(m: Map<number, number>, make: (id: number, n: number) => T, name: (id: number) => string) =>
    [...m.entries()].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1] || name(a[0]).localeCompare(name(b[0]), 'zh-CN')).slice(0, 10)
      .map(([id, n]) => make(id, n));

  // Heatmap rows: the department itself on its own page; otherwise the departments with the most overdue cases.
  const totals = new Map<number, number>();
  for (const r of heat.rows) totals.set(r.department_id, (totals.get(r.department_id) ?? 0) + Number(r.n));
  if (departmentId !== null && !totals.has(departmentId)) totals.set(departmentId, 0);
  const rows = [...totals.entries()]
    .sort((a, b) => b[1] - a[1] || (names.department(a[0]) ?? '').localeCompare(names.department(b[0]) ?? '', 'zh-CN'))
    .slice(0, heatmapRows);
  const shown = new Set(rows.map(([id]) => id));

  return {
    scope: { departmentId, departmentName: departmentId === null ? null : names.department(departmentId) },
    asOf: now.toISOString(),
    month: p.month,
    kpis: {
      received: { ...p.kpi, value: received },
      receivedLastPeriod: { ...p.lastSame, value: lastSame },
      receivedChangePct: lastSame === 0 ? null : Math.round(((received - lastSame) / lastSame) * 1000) / 10,
      receivedLastMonth: { ...p.lastMonth, value: sum('received', p.lastMonth) },
      closed: { ...p.kpi, value: sum('closed', p.kpi) },
      satisfaction: { ...p.kpi, ...ratings(p.kpi) },
      overdue: { ...p.kpi, value: Number(overdueMonth.rows[0]?.n ?? 0) },
      overdueNow: { value: overdueNow },
      directAnswers: direct === null ? null : { ...p.kpi, value: direct, rate: received ? Math.round((direct / received) * 1000) / 10 : null },
    },
    weeks: p.weeks.map((w) => ({ ...w, received: sum('received', w), closed: sum('closed', w) })),
    monthRange: p.kpi,
    topCategories: ranked(categoryTotals, (id, n) => ({ categoryId: id, name: names.category(id), value: n }), (id) => names.category(id)),
    byType,
    topDistricts: ranked(districtTotals, (id, n) => ({ districtId: id, name: names.department(id) ?? `#${id}`, value: n }), (id) => names.department(id) ?? ''),
    satisfactionTrend: p.months.map((m) => ({ ...m, ...ratings(m) })),
    heatmap: {
      weeks: p.weeks,
      departments: rows.map(([id, total]) => ({ departmentId: id, name: names.department(id) ?? `#${id}`, total })),
      cells: heat.rows.filter((r) => shown.has(r.department_id) && Number(r.n) > 0)
        .map((r) => ({ departmentId: r.department_id, week: Number(r.week), value: Number(r.n) })),
    },
  };
}

/** The cases of a direct answer (直接答复): the desk's uses of the knowledge base, each with its case. */
export const directAnswerCaseSql = sql`id IN (SELECT case_id FROM knowledge_uses WHERE kind = 'desk' AND case_id IS NOT NULL)`;

/** Calls answered directly and registered in the range (the case's registration time, as 受理 counts it). */
export async function countDirectAnswers(deps: AppDeps, range: Range): Promise<number> {
  const r = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM cases WHERE created_at >= ${dayStart(range.from)} AND created_at < ${dayStart(range.until)} AND ${directAnswerCaseSql}`.execute(deps.readDb);
  return Number(r.rows[0]?.n ?? 0);
}

/** 当前超期在办: the one definition of overdue (domain/sla/overdue.ts), city-wide or for one department's own clocks. */
export async function countOverdueNow(deps: AppDeps, departmentId: number | null): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM cases WHERE ${overdueCaseSql(departmentId)}`.execute(deps.readDb);
  return Number(r.rows[0]?.n ?? 0);
}

/**
 * The month by case type: registered and closed in the range (the same columns and department as the rolled-up
 * 受理/办结, counted directly: the rollups have no type), and 当前超期在办 by type. Every type, zeros included.
 */
export async function countByType(deps: AppDeps, departmentId: number | null, range: { from: string; until: string }) {
  const from = dayStart(range.from);
  const until = dayStart(range.until);
  const own = departmentId === null ? sql`` : sql` AND lead_department_id = ${departmentId}`;
  // One range per statement, so each uses its own index (cases_created_idx, cases_dashboard_closed_idx).
  const byCol = (col: 'created_at' | 'closed_at') => sql<{ case_type: CaseKind; n: number }>`
    SELECT case_type, count(*)::int AS n FROM cases WHERE ${sql.ref(col)} >= ${from} AND ${sql.ref(col)} < ${until}${own} GROUP BY case_type`.execute(deps.readDb);
  const [received, closed, overdue] = await Promise.all([
    byCol('created_at'), byCol('closed_at'),
    sql<{ case_type: CaseKind; n: number }>`SELECT case_type, count(*)::int AS n FROM cases WHERE ${overdueCaseSql(departmentId)} GROUP BY case_type`.execute(deps.readDb),
  ]);
  const n = (rows: { case_type: CaseKind; n: number }[], k: CaseKind) => Number(rows.find((r) => r.case_type === k)?.n ?? 0);
  return caseKinds.map((caseType) => ({ caseType, received: n(received.rows, caseType), closed: n(closed.rows, caseType), overdueNow: n(overdue.rows, caseType) }));
}
