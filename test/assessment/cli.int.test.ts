import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previousMonthKey } from '../../src/domain/assessment/period.js';
import { openDatabase } from '../../src/server/db/engine.js';
import { cliTarget, yiwang } from '../kit/cli.js';

// The real CLI on the demo data: the demo publishes the months before last, last month is left to run.
let target: Awaited<ReturnType<typeof cliTarget>>;
const open = () => openDatabase(target.env.DATABASE_URL ? { databaseUrl: target.env.DATABASE_URL } : { dataDir: target.args[1] });
const lastMonth = previousMonthKey(new Date());
const published = previousMonthKey(new Date(), 2);

beforeAll(async () => {
  target = await cliTarget();
  const demo = yiwang(['demo', '--cases', '300', ...target.args], target.env);
  expect(demo.code, demo.stderr).toBe(0);
}, 180_000);
afterAll(() => target.drop());

describe('yiwang assess', () => {
  it('runs last month and prints the figures as JSON; verify agrees', () => {
    const run = yiwang(['assess', 'run', '--period', lastMonth, '--json', ...target.args], target.env);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({ frozen: false, period: { key: lastMonth, status: 'computed', schemeVersion: 1 } });
    // The small test demo may leave every unit below the minimum rated sample (default 5): then nobody is ranked.
    const city = result.period.rows.filter((r: any) => r.group === 'city');
    expect(city.length).toBeGreaterThan(0);
    expect(city.every((r: any) => (r.rank !== null) === r.isRanked)).toBe(true);
    expect(city.some((r: any) => r.rank === 1)).toBe(city.some((r: any) => r.isRanked));
    const verify = yiwang(['assess', 'verify', '--period', lastMonth, ...target.args], target.env);
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stdout).toContain('快照与事件日志重算一致');
    const quarter = yiwang(['assess', 'run', '--period', '2026-Q3', ...target.args], target.env);
    expect(quarter.code, quarter.stderr).toBe(0);
    expect(quarter.stdout).toContain('考核期 2026-Q3');
  });

  it('the demo leaves earlier months published, last month open, and one appeal waiting', async () => {
    const database = await open();
    const periods = await database.db.selectFrom('assessment_periods').select(['key', 'status']).orderBy('key').execute();
    const appeals = await database.db.selectFrom('assessment_appeals').select('state').execute();
    await database.close();
    expect(periods.filter((p) => p.status === 'published').map((p) => p.key)).toEqual([5, 4, 3, 2].map((back) => previousMonthKey(new Date(), back)));
    expect(periods.find((p) => p.key === lastMonth)?.status).not.toBe('published');
    expect(appeals.map((a) => a.state)).toEqual(['pending']);
  });

  it('refuses a malformed period with a zh-CN message', () => {
    const r = yiwang(['assess', 'run', '--period', '2026-13', ...target.args], target.env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('考核期格式不正确');
    expect(yiwang(['assess', 'verify', '--period', '2025-01', ...target.args], target.env).stderr).toContain('ASSESSMENT_PERIOD_NOT_FOUND');
  });

  it('a published month recomputed stays frozen; a tampered snapshot fails verify with the department named', async () => {
    const again = yiwang(['assess', 'run', '--period', published, ...target.args], target.env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('该期已发布，快照未改动；重算与快照一致');
    expect(yiwang(['assess', 'verify', '--period', published, ...target.args], target.env).code).toBe(0);

    const database = await open();
    const row = await database.db.selectFrom('assessment_periods').select('figures').where('key', '=', published).executeTakeFirstOrThrow();
    const victim = (row.figures as any[]).find((r) => r.cases > 0);
    await sql`ALTER TABLE assessment_periods DISABLE TRIGGER assessment_periods_frozen`.execute(database.db);
    const figures = (row.figures as any[]).map((r) => (r.departmentId === victim.departmentId ? { ...r, cases: r.cases + 5 } : r));
    await sql`UPDATE assessment_periods SET figures = ${JSON.stringify(figures)}::jsonb WHERE key = ${published}`.execute(database.db);
    await sql`ALTER TABLE assessment_periods ENABLE TRIGGER assessment_periods_frozen`.execute(database.db);
    await database.close();

    const verify = yiwang(['assess', 'verify', '--period', published, ...target.args], target.env);
    expect(verify.code).toBe(2);
    expect(verify.stderr).toContain('快照与事件日志重算不一致');
    expect(verify.stderr).toContain(victim.departmentName);
    expect(verify.stderr).toContain(`快照 ${victim.cases + 5}，重算 ${victim.cases}`);
    const json = yiwang(['assess', 'verify', '--period', published, '--json', ...target.args], target.env);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout).differences.map((d: any) => d.field)).toEqual(expect.arrayContaining(['digest', 'cases']));
  });
});
