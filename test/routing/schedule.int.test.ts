import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retrainIfDue } from '../../src/server/modules/routing/schedule.js';
import { suggestDepartments } from '../../src/server/modules/routing/suggest.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';
import { departmentIdsByCode, seedHandledHistory } from './kit.js';

let rt: TestRuntime;

beforeAll(async () => {
  rt = await testRuntime();
  await seedHandledHistory(rt.deps, 900, 'A', 5);
}, 240_000);
afterAll(() => rt.close());

describe('scheduled retraining and the shared suggestion entry point', () => {
  it('suggests nothing before any model exists (no default department)', async () => {
    const s = await suggestDepartments(rt.deps, { title: '增值税发票', text: '电子税务局开具增值税发票报错' });
    expect(s).toEqual({ source: 'none', suggestions: [], words: [] });
  });

  it('trains when there is no model, then waits for enough new handled cases', async () => {
    const first = await retrainIfDue(rt.deps, 100);
    expect(first).toMatchObject({ version: 1, deployed: true });
    expect(await retrainIfDue(rt.deps, 100)).toBeNull();
    await seedHandledHistory(rt.deps, 150, 'A', 6);
    const second = await retrainIfDue(rt.deps, 100);
    expect(second?.version).toBe(2);
    expect(second?.baseline?.version).toBe(1);
    const stored = await rt.deps.database.db.selectFrom('routing_models').select(['version', 'status', 'trigger']).orderBy('version').execute();
    expect(stored.map((m) => m.trigger)).toEqual(['schedule', 'schedule']);
    expect(stored.filter((m) => m.status === 'active')).toHaveLength(1);
  });

  it('suggestDepartments answers with the model in use: three departments, confidences and words', async () => {
    const ids = await departmentIdsByCode(rt.deps);
    const s = await suggestDepartments(rt.deps, { title: '增值税发票开不出来', text: '电子税务局开具增值税发票一直报错，客户拿不到票不付款。' });
    expect(s.source).toBe('model');
    expect(s.modelVersion).toBeGreaterThanOrEqual(1);
    expect(s.suggestions).toHaveLength(3);
    expect(s.suggestions[0]).toMatchObject({ departmentId: ids.get('shuiwu'), departmentName: '国家税务总局衡阳市税务局' });
    expect(s.suggestions[0].confidence).toBeGreaterThan(0.5);
    expect(s.words!.length).toBeGreaterThan(0);
  });
});
