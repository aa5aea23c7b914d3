import type { Figure, IndicatorDetail, IndicatorList } from '../../../contracts/indicators.js';
import { beijingDate, beijingIso } from '../../../domain/calendar/local-time.js';
import { measureLight, worstLight, type Light } from '../../../domain/indicators/light.js';
import { periodLabel, previousPeriod, quarterOf } from '../../../domain/indicators/period.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import type { StaffUser, Tx } from '../../kernel/index.js';
import { filesOf } from './files.js';
import { isLeadUnit, leadOf } from './figures.js';
import { platformFigures } from './platform.js';
import { getIndicatorRow, indicatorYears, loadIndicators, type IndicatorRow } from './repository.js';

// Reads of the registry and the figures: the list with each indicator's light, one indicator with its sub-measures,
// their figures over periods (trend), evidence, review steps and the figures the platform computes itself.

export interface FigureRow {
  id: number; indicator_id: number; period: string; value: string; note: string; status: 'filed' | 'returned' | 'accepted'; return_reason: string | null;
  department_id: number; filed_by: number; filed_at: Date; reviewed_at: Date | null; version: number;
}

export async function figuresOf(db: Tx, measureIds: readonly number[]): Promise<FigureRow[]> {
  if (!measureIds.length) return [];
  const rows = await db.selectFrom('indicator_figures').selectAll().where('indicator_id', 'in', [...measureIds]).orderBy('period').execute();
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/** The light of a sub-measure for a period: its accepted figure against its target and its accepted figure of the period before. */
function lightFor(m: IndicatorRow, figures: readonly FigureRow[], period: string): Light {
  const accepted = (p: string) => {
    const f = figures.find((x) => x.indicator_id === m.id && x.period === p && x.status === 'accepted');
    return f ? Number(f.value) : null;
  };
  const targets = { provinceBest: m.targetProvinceBest, benchmark: m.targetBenchmark, commitment: m.targetCommitment };
  return measureLight(m.direction, targets, accepted(period), accepted(previousPeriod(period)));
}

/** The latest period with an accepted figure among the measures (or of one measure), or the current quarter. */
export function latestPeriod(figures: readonly FigureRow[], now: Date, measureId?: number): string {
  const accepted = figures.filter((f) => f.status === 'accepted' && (measureId === undefined || f.indicator_id === measureId)).map((f) => f.period).sort();
  return accepted.at(-1) ?? quarterOf(beijingDate(now));
}

/** A measure's light: at the period asked for, or at its own latest accepted figure (a figure still under review does not blank it). */
export function currentLight(m: IndicatorRow, figures: readonly FigureRow[], now: Date, period?: string): Light {
  return lightFor(m, figures, period ?? latestPeriod(figures, now, m.id));
}

export async function withNames<T extends IndicatorRow>(deps: AppDeps, rows: T[]) {
  const dir = await deps.directory.ready();
  const name = (id: number | null) => (id === null ? null : dir.department(id)?.name ?? null);
  return rows.map((r) => ({
    ...r, leadDepartmentName: name(r.leadDepartmentId), responsibleDepartmentNames: r.responsibleDepartmentIds.map((d) => name(d) ?? `#${d}`),
  }));
}

export async function listIndicators(deps: AppDeps, user: StaffUser, q: { year?: number; system: IndicatorRow['system']; period?: string }): Promise<IndicatorList> {
  const db = deps.database.db;
  const years = await indicatorYears(db, q.system);
  const year = q.year ?? (years.includes(Number(beijingDate(deps.now()).slice(0, 4))) ? Number(beijingDate(deps.now()).slice(0, 4)) : years.at(-1) ?? Number(beijingDate(deps.now()).slice(0, 4)));
  const all = await loadIndicators(db, year, q.system);
  const figures = await figuresOf(db, all.filter((x) => x.parentId !== null).map((x) => x.id));
  const lightOf = (x: IndicatorRow): Light => x.parentId === null
    ? worstLight(all.filter((m) => m.parentId === x.id).map((m) => currentLight(m, figures, deps.now(), q.period)))
    : currentLight(x, figures, deps.now(), q.period);
  const items = (await withNames(deps, all)).map((x) => {
    const first = x.parentId === null ? x : all.find((p) => p.id === x.parentId);
    return { ...x, light: lightOf(x), isMine: !!first && isLeadUnit(user, first) };
  });
  return { year, system: q.system, years, items };
}

export async function indicatorDetail(deps: AppDeps, user: StaffUser, id: number): Promise<IndicatorDetail> {
  const db = deps.database.db;
  const row = await getIndicatorRow(db, id);
  if (!row) throw new AppError('INDICATOR_NOT_FOUND');
  const first = await leadOf(db, row);
  const measures = (await loadIndicators(db, first.year, first.system)).filter((m) => m.parentId === first.id);
  const figures = await figuresOf(db, measures.map((m) => m.id));
  const periods = [...new Set(figures.map((f) => f.period))].sort();
  const latest = latestPeriod(figures, deps.now());
  const mine = isLeadUnit(user, first);
  const canFile = mine && user.permissions.includes('indicator:file');
  const canReview = user.permissions.includes('indicator:review');
  const [evidence, steps, dir] = await Promise.all([
    filesOf(db, 'figure_id', figures.map((f) => f.id)),
    figures.length
      ? db.selectFrom('indicator_figure_steps').selectAll().where('figure_id', 'in', figures.map((f) => f.id)).orderBy('id').execute()
      : Promise.resolve([]),
    deps.directory.ready(),
  ]);
  const names = dir.names();
  const userIds = [...new Set([...figures.map((f) => f.filed_by), ...steps.map((s) => s.user_id)])];
  const users = userIds.length ? await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', userIds).execute() : [];
  const userName = new Map(users.map((u) => [u.id, u.display_name]));
  const present = (m: IndicatorRow, f: FigureRow): Figure => {
    const prev = figures.find((x) => x.indicator_id === m.id && x.period === previousPeriod(f.period) && x.status === 'accepted');
    const allowed: Figure['allowedActions'] = [];
    if (canFile && f.status !== 'accepted') allowed.push('refile');
    if (canReview && f.status === 'filed') allowed.push('accept', 'return');
    if (canReview && f.status !== 'accepted') allowed.push('correct');
    return {
      id: f.id, indicatorId: m.id, period: f.period, periodLabel: periodLabel(f.period), value: Number(f.value), note: f.note, status: f.status,
      returnReason: f.return_reason, departmentName: names.department(f.department_id) ?? '', filedBy: userName.get(f.filed_by) ?? '',
      filedAt: beijingIso(f.filed_at), reviewedAt: f.reviewed_at ? beijingIso(f.reviewed_at) : null, version: f.version,
      light: f.status === 'accepted' ? lightFor(m, figures, f.period) : 'none', previousValue: prev ? Number(prev.value) : null,
      evidence: evidence.get(f.id) ?? [],
      steps: steps.filter((s) => Number(s.figure_id) === f.id).map((s) => ({
        action: s.action, valueBefore: s.value_before === null ? null : Number(s.value_before), valueAfter: s.value_after === null ? null : Number(s.value_after),
        reason: s.reason, by: userName.get(s.user_id) ?? '', at: beijingIso(s.at),
      })),
      allowedActions: allowed,
    };
  };
  const [firstNamed] = await withNames(deps, [first]);
  const measureRows = (await withNames(deps, measures)).map((m) => ({
    ...m, light: currentLight(m, figures, deps.now()), figures: figures.filter((f) => f.indicator_id === m.id).map((f) => present(m, f)),
  }));
  // The platform's own figures for the periods on file and the current quarter (the last four).
  const lastPeriods = [...new Set([...periods, latest, quarterOf(beijingDate(deps.now()))])].sort().slice(-4);
  return {
    indicator: { ...firstNamed, light: worstLight(measureRows.map((m) => m.light)), isMine: mine },
    measures: measureRows,
    periods,
    platform: await Promise.all(lastPeriods.map((p) => platformFigures(deps, first.code, p))),
    canFile, canReview,
    fileBlockedReason: canFile ? null : mine ? '您的角色不能填报指标数据' : '只有该指标的牵头单位可以填报',
  };
}
