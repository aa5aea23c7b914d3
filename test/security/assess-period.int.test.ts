import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/engine.js';
import { cliTarget, yiwang } from '../kit/cli.js';
import { loginAs } from '../kit/http.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';

// Issue 16: `assess run --period 9999-12` computed and stored a period that has not begun.

let target: Awaited<ReturnType<typeof cliTarget>>;
let rt: TestRuntime;
beforeAll(async () => {
  target = await cliTarget();
  rt = await testRuntime('2026-11-02T09:00:00+08:00');
}, 120_000);
afterAll(async () => {
  await rt.close();
  await target.drop();
});

const periods = async () => {
  const database = await openDatabase(target.env.DATABASE_URL ? { databaseUrl: target.env.DATABASE_URL } : { dataDir: target.args[1] });
  try {
    return (await database.db.selectFrom('assessment_periods').select('key').execute()).map((r) => r.key);
  } catch {
    return [];
  } finally {
    await database.close();
  }
};

describe('assessment periods that cannot be computed', () => {
  it('the CLI refuses a future period and a malformed one, and stores nothing', async () => {
    for (const [period, code] of [['9999-12', 'ASSESSMENT_PERIOD_FUTURE'], ['0000-01', 'ASSESSMENT_PERIOD_INVALID'], ['2026-13', 'ASSESSMENT_PERIOD_INVALID']]) {
      const r = yiwang(['assess', 'run', '--period', period, ...target.args], target.env);
      expect([period, r.code]).toEqual([period, 1]);
      expect(r.stderr).toContain(code);
    }
    expect(await periods()).toEqual([]);
  }, 120_000);

  it('the API refuses a period that has not begun, and allows the current one', async () => {
    const supervisor = await loginAs(rt.app, 'supervisor');
    const future = await supervisor.post('/api/assessment/periods/run', { period: '2026-12' });
    expect([future.status, future.body.error.code]).toEqual([422, 'ASSESSMENT_PERIOD_FUTURE']);
    expect(future.body.error.message).toBe('考核期尚未开始，不能计算');
    expect((await supervisor.post('/api/assessment/periods/run', { period: '2026-11' })).status).toBe(200);
    expect((await supervisor.post('/api/assessment/periods/run', { period: '2026-Q4' })).status).toBe(200);
  });
});
