import { sql } from 'kysely';
import { validateYearDays, workingHoursProblem, parseCalendarImport, type DayProblem } from '../../../domain/calendar/calendar-import.js';
import type { CalendarDay } from '../../../domain/calendar/china-notices.js';
import type { ErrorCode } from '../../../contracts/errors.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import type { Tx } from '../../kernel/index.js';
import { recordAdminChange, type AdminActor } from '../admin-audit/index.js';
import { recomputeOpenDeadlines } from '../sla/index.js';

// Calendar edits: each validates, writes in one transaction (nothing changes on a problem), reloads the calendar in
// every process and recomputes the stored deadlines of open assignments. Each is recorded in the admin audit trail
// (安全审计) in its own transaction, with the days or hours before and after.

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

const yearDays = async (tx: Tx, year: number) =>
  (await tx.selectFrom('calendar_days').select(['date', 'kind', 'name']).where('year', '=', year).orderBy('date').execute())
    .map((d) => `${d.date} ${d.kind === 'holiday' ? '休' : '班'} ${d.name}`);

export async function importYear(deps: AppDeps, actor: AdminActor & { userId: number }, year: number, source: string, text: string) {
  const userId = actor.userId;
  const parsed = parseCalendarImport(text);
  if (parsed.problems.length) throw invalid(parsed.problems);
  await deps.database.db.transaction().execute(async (tx) => {
    await lockCalendar(tx);
    const problems = validateYearDays(year, parsed.days, await dateOwners(tx, year));
    if (problems.length) throw invalid(problems);
    const before = await tx.selectFrom('calendar_years').select('source').where('year', '=', year).executeTakeFirst();
    const beforeDays = before ? await yearDays(tx, year) : null;
    await tx.deleteFrom('calendar_days').where('year', '=', year).execute();
    await tx
      .insertInto('calendar_years')
      .values({ year, source, imported_by: userId, imported_at: deps.now() })
      .onConflict((oc) => oc.column('year').doUpdateSet({ source, imported_by: userId, imported_at: deps.now() }))
      .execute();
    if (parsed.days.length) {
      await tx.insertInto('calendar_days').values(parsed.days.map((d) => ({ date: d.date, kind: d.kind, name: d.name, year }))).execute();
    }
    await recordAdminChange(tx, actor, {
      action: 'calendar.update', targetType: 'calendar', targetId: year, targetName: `${year} 年节假日安排（导入）`,
      before: before ? { source: before.source, days: beforeDays } : null, after: { source, days: await yearDays(tx, year) },
    }, deps.now());
  });
  return afterChange(deps, `导入 ${year} 年节假日安排`);
}

export async function putDay(deps: AppDeps, actor: AdminActor, day: CalendarDay & { year?: number }) {
  const year = day.year ?? Number(day.date.slice(0, 4));
  await deps.database.db.transaction().execute(async (tx) => {
    await lockCalendar(tx);
    const known = await tx.selectFrom('calendar_years').select('year').where('year', '=', year).executeTakeFirst();
    if (!known) throw new AppError('CALENDAR_YEAR_NOT_FOUND', [{ field: 'year', message: `日历中没有 ${year} 年的安排，请先导入该年通知` }]);
    const problems = validateYearDays(year, [day], await dateOwners(tx, year));
    if (problems.length) throw invalid(problems);
    const before = await tx.selectFrom('calendar_days').select(['kind', 'name']).where('date', '=', day.date).executeTakeFirst();
    await recordAdminChange(tx, actor, {
      action: 'calendar.update', targetType: 'calendar', targetId: day.date, targetName: `工作日历 ${day.date}`,
      before: before ? { kind: before.kind, name: before.name } : null, after: { kind: day.kind, name: day.name },
    }, deps.now());
    await tx
      .insertInto('calendar_days')
      .values({ date: day.date, kind: day.kind, name: day.name, year })
      .onConflict((oc) => oc.column('date').doUpdateSet({ kind: day.kind, name: day.name }))
      .execute();
  });
  return afterChange(deps, `修改工作日历 ${day.date}`);
}

export async function deleteDay(deps: AppDeps, actor: AdminActor, date: string) {
  await deps.database.db.transaction().execute(async (tx) => {
    const r = await tx.deleteFrom('calendar_days').where('date', '=', date).returning(['kind', 'name']).executeTakeFirst();
    if (!r) throw new AppError('CALENDAR_DAY_NOT_FOUND');
    await recordAdminChange(tx, actor, {
      action: 'calendar.update', targetType: 'calendar', targetId: date, targetName: `工作日历 ${date}`, before: { kind: r.kind, name: r.name }, after: null,
    }, deps.now());
  });
  return afterChange(deps, `删除工作日历 ${date}`);
}

export async function deleteYear(deps: AppDeps, actor: AdminActor, year: number) {
  await deps.database.db.transaction().execute(async (tx) => {
    const days = await yearDays(tx, year);
    const r = await tx.deleteFrom('calendar_years').where('year', '=', year).returning('source').executeTakeFirst();
    if (!r) throw new AppError('CALENDAR_YEAR_NOT_FOUND');
    await recordAdminChange(tx, actor, {
      action: 'calendar.update', targetType: 'calendar', targetId: year, targetName: `${year} 年节假日安排（删除）`, before: { source: r.source, days }, after: null,
    }, deps.now());
  });
  return afterChange(deps, `删除 ${year} 年节假日安排`);
}

export async function setWorkingHours(deps: AppDeps, actor: AdminActor & { userId: number }, periods: Array<[string, string]>) {
  const userId = actor.userId;
  const problem = workingHoursProblem(periods);
  if (problem) throw new AppError('WORKING_HOURS_INVALID', [{ field: 'periods', message: problem }]);
  const text = (ps: Array<[string, string]>) => ps.map(([a, b]) => `${a}–${b}`).join('、');
  await deps.database.db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('working_hours').select('periods').where('id', '=', 1).forUpdate().executeTakeFirst();
    await tx
      .insertInto('working_hours')
      .values({ id: 1, periods: JSON.stringify(periods), updated_by: userId, updated_at: deps.now() })
      .onConflict((oc) => oc.column('id').doUpdateSet({ periods: JSON.stringify(periods), updated_by: userId, updated_at: deps.now() }))
      .execute();
    await recordAdminChange(tx, actor, {
      action: 'calendar.update', targetType: 'calendar', targetId: 'working-hours', targetName: '工作时间',
      before: before ? { workingHours: text(before.periods as Array<[string, string]>) } : null, after: { workingHours: text(periods) },
    }, deps.now());
  });
  return afterChange(deps, `修改工作时间为 ${periods.map(([a, b]) => `${a}–${b}`).join('、')}`);
}
