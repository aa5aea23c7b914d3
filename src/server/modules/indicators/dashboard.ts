import type { LeadingDashboard } from '../../../contracts/indicators.js';
import { beijingDate } from '../../../domain/calendar/local-time.js';
import { worstLight } from '../../../domain/indicators/light.js';
import { periodLabel, previousPeriod } from '../../../domain/indicators/period.js';
import type { AppDeps } from '../../deps.js';
import { currentLight, figuresOf, latestPeriod, withNames } from './queries.js';
import { reformLightOf, reformsByIndicator } from './reforms.js';
import { indicatorYears, loadIndicators, type IndicatorRow } from './repository.js';

// 领导小组看板: every first-level indicator of a year with its figure light, its reform measures' light, and each
// sub-measure's latest accepted figure against the commitment, the benchmark and the province's best; red and yellow
// first (the worse of the two lights decides). The drill-down is the indicator page.

const rank = { red: 0, yellow: 1, green: 2, none: 3 } as const;

export async function leadingDashboard(deps: AppDeps, q: { year?: number; system: IndicatorRow['system'] }): Promise<LeadingDashboard> {
  const db = deps.readDb;
  const years = await indicatorYears(db, q.system);
  const thisYear = Number(beijingDate(deps.now()).slice(0, 4));
  const year = q.year ?? (years.includes(thisYear) ? thisYear : years.at(-1) ?? thisYear);
  const all = await loadIndicators(db, year, q.system);
  const firsts = await withNames(deps, all.filter((x) => x.parentId === null));
  const subs = all.filter((x) => x.parentId !== null);
  const [figures, reforms] = await Promise.all([figuresOf(db, subs.map((m) => m.id)), reformsByIndicator(deps, firsts.map((f) => f.id))]);
  const accepted = (id: number, p: string) => {
    const f = figures.find((x) => x.indicator_id === id && x.period === p && x.status === 'accepted');
    return f ? Number(f.value) : null;
  };
  const rows = firsts.map((f) => {
    const measures = subs.filter((m) => m.parentId === f.id).map((m) => {
      const has = figures.some((x) => x.indicator_id === m.id && x.status === 'accepted');
      const period = has ? latestPeriod(figures, deps.now(), m.id) : null;
      return {
        id: m.id, name: m.name, unit: m.unit, direction: m.direction, light: currentLight(m, figures, deps.now()),
        period, periodLabel: period ? periodLabel(period) : null, value: period ? accepted(m.id, period) : null,
        previousValue: period ? accepted(m.id, previousPeriod(period)) : null,
        commitment: m.targetCommitment, benchmark: m.targetBenchmark, provinceBest: m.targetProvinceBest,
      };
    });
    const its = reforms.get(f.id) ?? [];
    const count = (l: 'red' | 'yellow' | 'green') => its.filter((r) => r.state !== 'closed' && r.light === l).length;
    return {
      id: f.id, code: f.code, name: f.name, leadDepartmentId: f.leadDepartmentId, leadDepartmentName: f.leadDepartmentName,
      light: worstLight(measures.map((m) => m.light)), reformLight: reformLightOf(its),
      reforms: { red: count('red'), yellow: count('yellow'), green: count('green'), closed: its.filter((r) => r.state === 'closed').length },
      measures,
    };
  });
  const worst = (r: (typeof rows)[number]) => Math.min(rank[r.light], rank[r.reformLight]);
  rows.sort((a, b) => worst(a) - worst(b) || a.code.localeCompare(b.code, 'en', { numeric: true }));
  return { year, system: q.system, years, rows };
}
