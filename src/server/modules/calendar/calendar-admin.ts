import { sql } from 'kysely';
import { validateYearDays, workingHoursProblem, parseCalendarImport, type DayProblem } from '../../../domain/calendar/calendar-import.js';
import type { CalendarDay } from '../../../domain/calendar/china-notices.js';
import type { ErrorCode } from '../../../contracts/errors.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import type { Tx } from '../../kernel/index.js';
import { recomputeOpenDeadlines } from '../sla/index.js';

// Calendar edits: each validates, writes in one transaction (nothing changes on a problem), reloads the calendar in
// every process and recomputes the stored deadlines of open assignments.

const invalid = (problems: DayProblem[], code: ErrorCode = 'CALENDAR_INPUT_INVALID') =>
  new AppError(code, problems.map((p) => ({ field: p.date ?? (p.line ? `line ${p.line}` : 'text'), message: p.message })));

async function dateOwners(tx: Tx, exceptYear: number): Promise<Map<string, number>> {
  const rows = await tx.selectFrom('calendar_days').select(['date', 'year']).where('year', '!=', exceptYear).execute();
  return new Map(rows.map((r) => [r.date, r.year]));
}

async function lockCalendar(tx: Tx) {
  await sql`SELECT pg_advisory_xact_lock(73210002)`.execute(tx);
}

async function afterChange(deps: AppDeps, reason: string) {
  await deps.calendar.changed();
  return { ok: true as const, recompute: await recomputeOpenDeadlines(deps, reason) };
}

export async function importYear(deps: AppDeps, userId: number, year: number, source: string, text: string) {
  const parsed = parseCalendarImport(text);
  if (parsed.problems.length) throw invalid(parsed.problems);
  await deps.database.db.transaction().execute(async (tx) => {
    await lockCalendar(tx);
    const problems = validateYearDays(year, parsed.days, await dateOwners(tx, year));
    if (problems.length) throw invalid(problems);
    await tx.deleteFrom('calendar_days').where('year', '=', year).execute();
    await tx
      .insertInto('calendar_years')
      .values({ year, source, imported_by: userId, imported_at: deps.now() })
      .onConflict((oc) => oc.column('year').doUpdateSet({ source, imported_by: userId, imported_at: deps.now() }))
      .execute();
    if (parsed.days.length) {
      await tx.insertInto('calendar_days').values(parsed.days.map((d) => ({ date: d.date, kind: d.kind, name: d.name, year }))).execute();
    }
  });
  return afterChange(deps, `导入 ${year} 年节假日安排`);
}

export async function putDay(deps: AppDeps, day: CalendarDay & { year?: number }) {
  const year = day.year ?? Number(day.date.slice(0, 4));
  await deps.database.db.transaction().execute(async (tx) => {
    await lockCalendar(tx);
    const known = await tx.selectFrom('calendar_years').select('year').where('year', '=', year).executeTakeFirst();
    if (!known) throw new AppError('CALENDAR_YEAR_NOT_FOUND', [{ field: 'year', message: `日历中没有 ${year} 年的安排，请先导入该年通知` }]);
    const problems = validateYearDays(year, [day], await dateOwners(tx, year));
    if (problems.length) throw invalid(problems);
    await tx
      .insertInto('calendar_days')
      .values({ date: day.date, kind: day.kind, name: day.name, year })
      .onConflict((oc) => oc.column('date').doUpdateSet({ kind: day.kind, name: day.name }))
      .execute();
  });
  return afterChange(deps, `修改工作日历 ${day.date}`);
}

export async function deleteDay(deps: AppDeps, date: string) {
  const r = await deps.database.db.deleteFrom('calendar_days').where('date', '=', date).executeTakeFirst();
  if (Number(r.numDeletedRows) === 0) throw new AppError('CALENDAR_DAY_NOT_FOUND');
  return afterChange(deps, `删除工作日历 ${date}`);
}

export async function deleteYear(deps: AppDeps, year: number) {
  const r = await deps.database.db.deleteFrom('calendar_years').where('year', '=', year).executeTakeFirst();
  if (Number(r.numDeletedRows) === 0) throw new AppError('CALENDAR_YEAR_NOT_FOUND');
  return afterChange(deps, `删除 ${year} 年节假日安排`);
}

export async function setWorkingHours(deps: AppDeps, userId: number, periods: Array<[string, string]>) {
  const problem = workingHoursProblem(periods);
  if (problem) throw new AppError('WORKING_HOURS_INVALID', [{ field: 'periods', message: problem }]);
  await deps.database.db
    .insertInto('working_hours')
    .values({ id: 1, periods: JSON.stringify(periods), updated_by: userId, updated_at: deps.now() })
    .onConflict((oc) => oc.column('id').doUpdateSet({ periods: JSON.stringify(periods), updated_by: userId, updated_at: deps.now() }))
    .execute();
  return afterChange(deps, `修改工作时间为 ${periods.map(([a, b]) => `${a}–${b}`).join('、')}`);
}
