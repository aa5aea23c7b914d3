import { upcomingYearWithoutNotice } from '../../../domain/calendar/notice-years.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  zCalendarChangeResponse, zCalendarResponse, zDateParam, zDayRequest, zImportRequest, zWorkingHoursRequest, zYearParam,
} from '../../../contracts/calendar.js';
import type { AppDeps } from '../../deps.js';
import { requireUser } from '../../http/auth-hooks.js';
import { staffActor } from '../admin-audit/index.js';
import { deleteDay, deleteYear, importYear, putDay, setWorkingHours } from './calendar-admin.js';

const tags = ['calendar'];

export function calendarRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/calendar', { schema: { tags, summary: '工作日历（节假日、调休上班日、工作时间）', response: { 200: zCalendarResponse } } }, async (req) => {
      requireUser(req);
      const db = deps.database.db;
      const [years, days] = await Promise.all([
        db.selectFrom('calendar_years').leftJoin('users', 'users.id', 'calendar_years.imported_by')
          .select(['calendar_years.year', 'calendar_years.source', 'calendar_years.imported_at', 'users.display_name']).orderBy('year').execute(),
        db.selectFrom('calendar_days').select(['date', 'kind', 'name', 'year']).orderBy('date').execute(),
      ]);
      const count = (year: number, kind: string) => days.filter((d) => d.year === year && d.kind === kind).length;
      const present = new Set(years.map((y) => y.year));
      const thisYear = Number(deps.calendar.calendar.localDate(deps.now()).slice(0, 4));
      const missing = new Set(deps.calendar.missingYears().filter((y) => !present.has(y)));
      if (!present.has(thisYear)) missing.add(thisYear);
      return {
        timeZone: 'Asia/Shanghai' as const,
        workingHours: { periods: deps.calendar.hours.periods.map(([a, b]) => [a, b] as [string, string]) },
        years: years.map((y) => ({
          year: y.year, source: y.source, importedAt: y.imported_at.toISOString(), importedBy: y.display_name ?? null,
          holidays: count(y.year, 'holiday'), makeupWorkdays: count(y.year, 'makeup_workday'),
        })),
        days,
        missingYears: [...missing].sort((a, b) => a - b),
        upcomingMissingYear: upcomingYearWithoutNotice(deps.now(), present),
      };
    });

    app.post('/api/calendar/days', { schema: { tags, summary: '新增或修改一天', body: zDayRequest, response: { 200: zCalendarChangeResponse } } }, async (req) => {
      const user = requireUser(req, 'calendar:manage');
      return putDay(deps, staffActor(user, req.ip), req.body);
    });

    app.post('/api/calendar/days/:date/delete', { schema: { tags, summary: '删除一天', params: zDateParam, response: { 200: zCalendarChangeResponse } } }, async (req) => {
      const user = requireUser(req, 'calendar:manage');
      return deleteDay(deps, staffActor(user, req.ip), req.params.date);
    });

    app.post('/api/calendar/import', { schema: { tags, summary: '导入一年的节假日安排（JSON 或 CSV）', body: zImportRequest, response: { 200: zCalendarChangeResponse } } }, async (req) => {
      const user = requireUser(req, 'calendar:manage');
      return importYear(deps, { ...staffActor(user, req.ip), userId: user.id }, req.body.year, req.body.source, req.body.text);
    });

    app.post('/api/calendar/years/:year/delete', { schema: { tags, summary: '删除一年的安排', params: zYearParam, response: { 200: zCalendarChangeResponse } } }, async (req) => {
      const user = requireUser(req, 'calendar:manage');
      return deleteYear(deps, staffActor(user, req.ip), req.params.year);
    });

    app.post('/api/calendar/working-hours', { schema: { tags, summary: '修改工作时间', body: zWorkingHoursRequest, response: { 200: zCalendarChangeResponse } } }, async (req) => {
      const user = requireUser(req, 'calendar:manage');
      return setWorkingHours(deps, { ...staffActor(user, req.ip), userId: user.id }, req.body.periods);
    });
  };
}
