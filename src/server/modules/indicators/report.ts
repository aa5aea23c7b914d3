import { sql } from 'kysely';
import type { LeadingDashboard, PlatformFigures } from '../../../contracts/indicators.js';
import type { ItemSummary } from '../../../contracts/items.js';
import { beijingDate } from '../../../domain/calendar/local-time.js';
import { quarterOf } from '../../../domain/indicators/period.js';
import { maskPersonalData } from '../../../domain/privacy/mask.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import type { StaffUser } from '../../kernel/index.js';
import { cityPlacePrefixes } from '../settings/index.js';
import { leadingDashboard } from './dashboard.js';
import { categoriesOf, platformFigures } from './platform.js';
import { reformsByIndicator } from './reforms.js';

// What a lead unit reports to the leading group (汇报材料), read from what the platform holds: per indicator it leads,
// the figures against the targets and the trend, the reforms done and due, typical cases (closed problems of the
// indicator, masked), the problems enterprises raised per quarter and how they ended, and the unit's own next steps
// (indicator_report_notes). The meeting pack is every lead unit's report in one document.

export interface TypicalCase { title: string; reply: string; closedOn: string; rating: string | null }
export interface ReportIndicator {
  row: LeadingDashboard['rows'][number];
  done: ItemSummary[];
  due: ItemSummary[];
  cases: TypicalCase[];
  quarters: PlatformFigures[];
}
export interface LeadReport { year: number; system: LeadingDashboard['system']; departmentId: number; departmentName: string; nextSteps: string; indicators: ReportIndicator[] }

/** The lead unit itself (handlers and heads), or who sees the leading group's dashboard. */
export function canReadReport(user: StaffUser, departmentId: number): boolean {
  return user.permissions.includes('indicator:dashboard') || (user.permissions.includes('indicator:file') && user.departmentId === departmentId);
}

async function typicalCases(deps: AppDeps, code: string, year: number, placePrefixes: string[]): Promise<TypicalCase[]> {
  const ids = await categoriesOf(deps.readDb, code);
  if (!ids.length) return [];
  const rows = await sql<{ title: string; reply_text: string | null; closed_at: Date; rating: string | null; submitter_name: string | null; submitter_phone: string | null; enterprise_name: string | null }>`
    SELECT c.title, c.reply_text, c.closed_at, c.rating, c.submitter_name, c.submitter_phone, c.enterprise_name
      FROM cases c
     WHERE c.category_id IN (SELECT j.value::int FROM json_array_elements_text(${JSON.stringify(ids)}::json) AS j)
       AND c.status = 'closed' AND c.closed_at >= ${`${year}-01-01T00:00:00+08:00`}::timestamptz AND c.closed_at < ${`${year + 1}-01-01T00:00:00+08:00`}::timestamptz
     ORDER BY (c.rating = 'satisfied') DESC NULLS LAST, c.closed_at DESC LIMIT 5`.execute(deps.readDb);
  return rows.rows.map((c) => {
    const known = { names: [c.submitter_name ?? ''].filter(Boolean), phones: [c.submitter_phone ?? ''].filter(Boolean), enterpriseName: c.enterprise_name, maskEnterprise: true, placePrefixes };
    return { title: maskPersonalData(c.title, known), reply: maskPersonalData(c.reply_text ?? '', known), closedOn: beijingDate(c.closed_at), rating: c.rating };
  });
}

/** The quarters of the year up to the current one (all four for a past year). */
function quartersOf(year: number, now: Date): string[] {
  const current = quarterOf(beijingDate(now));
  return [1, 2, 3, 4].map((q) => `${year}-Q${q}`).filter((p) => p <= current);
}

async function buildReport(deps: AppDeps, dash: LeadingDashboard, departmentId: number, departmentName: string): Promise<LeadReport> {
  const rows = dash.rows.filter((r) => r.leadDepartmentId === departmentId).sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }));
  const [reforms, note, prefixes] = await Promise.all([
    reformsByIndicator(deps, rows.map((r) => r.id)),
    deps.readDb.selectFrom('indicator_report_notes').select('next_steps').where('department_id', '=', departmentId).where('year', '=', dash.year).where('system', '=', dash.system).executeTakeFirst(),
    cityPlacePrefixes(deps.readDb),
  ]);
  const indicators = await Promise.all(rows.map(async (row) => {
    const its = reforms.get(row.id) ?? [];
    return {
      row, done: its.filter((r) => r.state === 'closed'), due: its.filter((r) => r.state !== 'closed'),
      cases: await typicalCases(deps, row.code, dash.year, prefixes),
      quarters: await Promise.all(quartersOf(dash.year, deps.now()).map((p) => platformFigures(deps, row.code, p))),
    };
  }));
  return { year: dash.year, system: dash.system, departmentId, departmentName, nextSteps: note?.next_steps ?? '', indicators };
}

export async function leadReport(deps: AppDeps, user: StaffUser, departmentId: number, q: { year: number; system: LeadingDashboard['system'] }): Promise<LeadReport> {
  if (!canReadReport(user, departmentId)) throw new AppError('INDICATOR_NOT_LEAD');
  const dash = await leadingDashboard(deps, q);
  if (!dash.rows.some((r) => r.leadDepartmentId === departmentId)) throw new AppError('INDICATOR_NOT_LEAD');
  const dir = await deps.directory.ready();
  return buildReport(deps, dash, departmentId, dir.department(departmentId)?.name ?? '');
}

/** Every lead unit's report of the year, in the order of their first indicator. */
export async function meetingPack(deps: AppDeps, q: { year: number; system: LeadingDashboard['system'] }): Promise<{ dash: LeadingDashboard; reports: LeadReport[] }> {
  const dash = await leadingDashboard(deps, q);
  const dir = await deps.directory.ready();
  const units = [...new Set([...dash.rows].sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true })).map((r) => r.leadDepartmentId).filter((d): d is number => d !== null))];
  const reports = [];
  for (const d of units) reports.push(await buildReport(deps, dash, d, dir.department(d)?.name ?? ''));
  return { dash, reports };
}

/** 下一步工作: the lead unit writes it (its handlers and heads), or the 营商办 for it. */
export async function saveReportNote(deps: AppDeps, user: StaffUser, input: { year: number; system: LeadingDashboard['system']; departmentId?: number; nextSteps: string }): Promise<void> {
  const departmentId = input.departmentId ?? user.departmentId;
  const own = user.permissions.includes('indicator:file') && user.departmentId === departmentId;
  if (!own && !user.permissions.includes('indicator:review')) throw new AppError('INDICATOR_NOT_LEAD');
  const leads = await deps.database.db.selectFrom('indicators').select('id').where('year', '=', input.year).where('system', '=', input.system)
    .where('parent_id', 'is', null).where('lead_department_id', '=', departmentId).executeTakeFirst();
  if (!leads) throw new AppError('INDICATOR_NOT_LEAD');
  const now = deps.now();
  await deps.database.db.insertInto('indicator_report_notes')
    .values({ department_id: departmentId, year: input.year, system: input.system, next_steps: input.nextSteps, updated_by: user.id, updated_at: now })
    .onConflict((oc) => oc.columns(['department_id', 'year', 'system']).doUpdateSet({ next_steps: input.nextSteps, updated_by: user.id, updated_at: now }))
    .execute();
}

export async function reportNote(deps: AppDeps, user: StaffUser, q: { year: number; system: LeadingDashboard['system']; departmentId?: number }): Promise<{ nextSteps: string }> {
  const departmentId = q.departmentId ?? user.departmentId;
  if (!canReadReport(user, departmentId)) throw new AppError('INDICATOR_NOT_LEAD');
  const row = await deps.readDb.selectFrom('indicator_report_notes').select('next_steps').where('department_id', '=', departmentId).where('year', '=', q.year).where('system', '=', q.system).executeTakeFirst();
  return { nextSteps: row?.next_steps ?? '' };
}
