import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/engine.js';
import { cliTarget, yiwang } from '../kit/cli.js';

let target: Awaited<ReturnType<typeof cliTarget>>;
const open = () => openDatabase(target.env.DATABASE_URL ? { databaseUrl: target.env.DATABASE_URL } : { dataDir: target.args[1] });

beforeAll(async () => {
  target = await cliTarget();
});
afterAll(() => target.drop());

describe('yiwang calendar', () => {
  it('says which dates are working days around the 2024 National Day holiday', () => {
    const r = yiwang(['calendar', 'is-workday', '2024-09-29', '2024-10-01', '2024-10-07', '2024-10-08', '2024-10-12', '2024-10-13', ...target.args], target.env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual(['true', 'false', 'false', 'true', 'true', 'false']);
  });

  it('adds working days and working hours across the holiday, printing ISO 8601 with +08:00', () => {
    let r = yiwang(['calendar', 'add', '--from', '2024-09-30T10:00:00+08:00', '--working-days', '3', ...target.args], target.env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('2024-10-10T17:30:00+08:00');
    r = yiwang(['calendar', 'add', '--from', '2024-09-30T16:00:00+08:00', '--working-hours', '3', ...target.args], target.env);
    expect(r.stdout.trim()).toBe('2024-10-08T10:00:00+08:00'); // 16:00–17:30, then 08:30–10:00
  });

  it('reads the calendar from the database and warns about a missing year', async () => {
    const database = await open();
    await database.db.insertInto('calendar_days').values({ date: '2024-10-08', kind: 'holiday', name: '测试', year: 2024 }).execute();
    await database.close();
    let r = yiwang(['calendar', 'is-workday', '2024-10-08', '2031-10-01', ...target.args], target.env);
    expect(r.stdout.trim().split('\n')).toEqual(['false', 'true']);
    expect(r.stderr).toContain('工作日历缺少 2031 年的节假日安排');
    r = yiwang(['calendar', 'add', '--from', '2024-09-30T10:00:00+08:00', '--working-days', '3', ...target.args], target.env);
    expect(r.stdout.trim()).toBe('2024-10-11T17:30:00+08:00');
  });

  it('refuses bad input', () => {
    let r = yiwang(['calendar', 'is-workday', '2024-02-30', ...target.args], target.env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('日期“2024-02-30”格式不正确');
    r = yiwang(['calendar', 'add', '--from', 'yesterday', '--working-days', '1', ...target.args], target.env);
    expect(r.code).toBe(1);
    r = yiwang(['calendar', 'add', '--from', '2024-09-30T10:00:00+08:00', '--working-days', '1.5', ...target.args], target.env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('整数');
  });
});
