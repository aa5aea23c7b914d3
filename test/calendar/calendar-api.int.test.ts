import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type Client } from '../kit/http.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';

let rt: TestRuntime;
let admin: Client, supervisor: Client, handler: Client;

beforeAll(async () => {
  rt = await testRuntime();
  [admin, supervisor, handler] = await Promise.all(['admin', 'supervisor', 'zjj-handler'].map((u) => loginAs(rt.app, u)));
});
afterAll(() => rt.close());

const messages = (r: { body: any }) => (r.body.error.details ?? []).map((d: any) => d.message);

describe('the calendar API', () => {
  it('gives every signed-in user the seeded 2019–2026 calendar; anonymous callers are refused', async () => {
    const r = await handler.get('/api/calendar');
    expect(r.status).toBe(200);
    expect(r.body.years.map((y: any) => y.year)).toEqual([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    expect(r.body.years.find((y: any) => y.year === 2024).source).toBe('国办发明电〔2023〕7号');
    expect(r.body.days).toContainEqual({ date: '2024-10-01', kind: 'holiday', name: '国庆节', year: 2024 });
    expect(r.body.days).toContainEqual({ date: '2024-09-29', kind: 'makeup_workday', name: '国庆节', year: 2024 });
    expect(r.body.workingHours.periods).toEqual([['08:30', '12:00'], ['14:30', '17:30']]);
    expect(r.body.missingYears).toEqual([]);
    expect((await rt.app.inject({ method: 'GET', url: '/api/calendar' })).statusCode).toBe(401);
  });

  it('tells the administrator weeks before a year starts that its holiday notice is missing', async () => {
    const before = rt.deps.now();
    rt.clock.set('2026-10-01T09:00:00+08:00');
    expect((await admin.get('/api/calendar')).body.upcomingMissingYear).toBeNull();
    rt.clock.set('2026-12-06T09:00:00+08:00');
    expect((await admin.get('/api/calendar')).body.upcomingMissingYear).toBe(2027);
    rt.clock.set(before.toISOString());
  });

  it('lets only admins change it', async () => {
    for (const c of [supervisor, handler]) {
      const r = await c.post('/api/calendar/import', { year: 2027, text: '2027-10-01,holiday,国庆节' });
      expect(r.status).toBe(403);
      expect((await c.post('/api/calendar/working-hours', { periods: [['09:00', '17:00']] })).status).toBe(403);
      expect((await c.post('/api/policies', {
        categoryId: null, urgency: 'normal', sign: { value: 1, unit: 'days' }, opinion: { value: 1, unit: 'days' },
        reply: { value: 1, unit: 'days' }, rating: { value: 1, unit: 'days' }, warningShare: 0.8,
      })).status).toBe(403);
    }
  });

  it('refuses a bad import with every problem in Chinese and changes nothing', async () => {
    const text = ['date,kind,name', '2027-10-01,holiday,国庆节', '2027-10-01,holiday,国庆节', '2027-09-29,makeup_workday,国庆节', '2027-10-02,holiday,国庆节'].join('\n');
    let r = await admin.post('/api/calendar/import', { year: 2027, source: '测试', text });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('CALENDAR_INPUT_INVALID');
    expect(messages(r)).toEqual(['第 3 行：2027-10-01 重复出现（与第 2 行重复）', '第 4 行：调休上班日 2027-09-29 不是周六或周日']);

    r = await admin.post('/api/calendar/import', { year: 2027, text: '2027-13-01,holiday,国庆节\n2027-10-01,rest' });
    expect(messages(r)).toEqual([expect.stringContaining('第 1 行：日期“2027-13-01”格式不正确'), expect.stringContaining('第 2 行：类型“rest”无效')]);

    r = await admin.post('/api/calendar/days', { date: '2024-10-09', kind: 'makeup_workday', name: '调休' });
    expect(messages(r)).toEqual(['调休上班日 2024-10-09 不是周六或周日']);
    r = await admin.post('/api/calendar/days', { date: '2027-01-01', kind: 'holiday', name: '元旦' });
    expect(r.body.error.code).toBe('CALENDAR_YEAR_NOT_FOUND');
    r = await admin.post('/api/calendar/working-hours', { periods: [['14:30', '17:30'], ['08:30', '12:00']] });
    expect(r.body.error.code).toBe('WORKING_HOURS_INVALID');

    const after = await admin.get('/api/calendar');
    expect(after.body.years.map((y: any) => y.year)).not.toContain(2027);
    expect(after.body.days.some((d: any) => d.date === '2024-10-09')).toBe(false);
    expect(after.body.workingHours.periods).toEqual([['08:30', '12:00'], ['14:30', '17:30']]);
  });

  it('imports a year from JSON, refuses overlap with it, and edits and deletes single days', async () => {
    const json = JSON.stringify([
      { date: '2026-12-31', kind: 'holiday', name: '元旦' },
      { date: '2027-01-01', kind: 'holiday', name: '元旦' },
      { date: '2027-10-02', kind: 'holiday', name: '国庆节' }, // a Saturday: allowed
      { date: '2027-09-26', kind: 'makeup_workday', name: '国庆节' },
    ]);
    let r = await admin.post('/api/calendar/import', { year: 2027, source: '国办发明电〔2026〕X号', text: json });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const cal = await handler.get('/api/calendar');
    expect(cal.body.years.find((y: any) => y.year === 2027)).toMatchObject({ source: '国办发明电〔2026〕X号', importedBy: expect.any(String), holidays: 3, makeupWorkdays: 1 });
    expect(rt.deps.calendar.calendar.isWorkday('2027-09-26')).toBe(true);
    expect(rt.deps.calendar.calendar.isWorkday('2026-12-31')).toBe(false);

    r = await admin.post('/api/calendar/days', { date: '2026-12-31', kind: 'holiday', name: '元旦', year: 2026 });
    expect(messages(r)).toEqual(['2026-12-31 已在 2027 年的安排中，不能重叠']);

    r = await admin.post('/api/calendar/days', { date: '2027-10-02', kind: 'holiday', name: '国庆节（调整）' });
    expect(r.status).toBe(200);
    r = await admin.post('/api/calendar/days/2026-12-31/delete');
    expect(r.status).toBe(200);
    expect(rt.deps.calendar.calendar.isWorkday('2026-12-31')).toBe(true);
    expect((await admin.post('/api/calendar/days/2026-12-31/delete')).body.error.code).toBe('CALENDAR_DAY_NOT_FOUND');
  });

  it('changes the working hours', async () => {
    const r = await admin.post('/api/calendar/working-hours', { periods: [['09:00', '12:00'], ['13:30', '17:00']] });
    expect(r.status).toBe(200);
    expect((await handler.get('/api/calendar')).body.workingHours.periods).toEqual([['09:00', '12:00'], ['13:30', '17:00']]);
    expect(rt.deps.calendar.calendar.addWorkingDays(new Date('2026-11-02T10:00:00+08:00'), 1).toISOString()).toBe('2026-11-03T09:00:00.000Z');
  });
});
