import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainRouter } from '../../src/domain/routing/router.js';
import { serializeModel } from '../../src/domain/routing/serialize.js';
import { cityStopWords, loadTrainingCases, organisationWords, trainAndMaybeDeploy, type TrainingPhase } from '../../src/server/modules/routing/models.js';
import { retrainIfDue } from '../../src/server/modules/routing/schedule.js';
import { orgIds } from '../kit/org.js';
import { testRuntime, type TestRuntime } from '../kit/runtime.js';
import { loginRoles, seedHandledHistory } from './kit.js';

// Training runs in a worker thread: while it computes, this thread keeps turning and answering HTTP requests; a
// second training is refused; the model that comes back is the one training in this thread would make, stored
// active when better and rejected when worse.

let rt: TestRuntime;
let as: Awaited<ReturnType<typeof loginRoles>>;
let ids: Awaited<ReturnType<typeof orgIds>>;

beforeAll(async () => {
  rt = await testRuntime();
  as = await loginRoles(rt.app);
  ids = await orgIds(as.admin);
  await seedHandledHistory(rt.deps, 3000, 'A', 17);
}, 240_000);
afterAll(() => rt.close());

// Enough passes that the worker's part takes a while on 3,000 cases.
const longTraining = { epochs: 8, l2Grid: [1e-4] };

const models = () => rt.deps.database.db.selectFrom('routing_models').select(['version', 'status', 'baseline_version']).orderBy('version').execute();

describe('training in a worker thread', () => {
  it('stores a first model (a poor one: no SGD pass) as the model in use', async () => {
    const r = await trainAndMaybeDeploy(rt.deps, { trigger: 'manual', options: { epochs: 0 } });
    expect(r).toMatchObject({ version: 1, deployed: true, baseline: null });
  });

  it('keeps the event loop turning and HTTP answered while the worker trains; a second training is refused meanwhile', async () => {
    let phase: TrainingPhase | null = null;
    let computing!: () => void;
    const started = new Promise<void>((resolve) => (computing = resolve));
    const first = trainAndMaybeDeploy(rt.deps, {
      trigger: 'manual', options: longTraining,
      onPhase: (p) => {
        phase = p;
        if (p === 'training') computing();
      },
    }).finally(() => (phase = null));
    await started;
    // Counted only while the worker computes. Were the CPU part on this thread, no timer could fire and no request
    // could be answered between 'training' and 'storing': both counts would be 0.
    let ticks = 0;
    const ticker = setInterval(() => phase === 'training' && ticks++, 5);
    const second = await as.admin.post('/api/routing/model/train');
    const scheduled = await retrainIfDue(rt.deps, 0);
    let answered = 0;
    while (phase === 'training') {
      const s = await as.admin.get('/api/routing/model');
      expect(s.status).toBe(200);
      if (phase === 'training' && s.body.training === true) answered++;
      // On PGlite a request can complete in microtasks alone: give timers and the worker's message their turn.
      await new Promise((r) => setTimeout(r, 5));
    }
    const outcome = await first;
    clearInterval(ticker);

    expect([second.status, second.body.error.code, second.body.error.message]).toEqual([409, 'ROUTER_TRAINING_RUNNING', '模型正在训练，请稍后再试']);
    expect(scheduled).toBeNull();
    expect(ticks).toBeGreaterThan(0);
    expect(answered).toBeGreaterThan(0);
    // The better model (12 passes against none) replaced the model in use.
    expect(outcome).toMatchObject({ version: 2, deployed: true, baseline: { version: 1 } });
    expect(outcome.macroF1).toBeGreaterThan(outcome.baseline!.macroF1);
    expect(await models()).toEqual([
      { version: 1, status: 'retired', baseline_version: null },
      { version: 2, status: 'active', baseline_version: 1 },
    ]);
    const status = (await as.admin.get('/api/routing/model')).body;
    expect(status).toMatchObject({ training: false, active: { version: 2 } });
  });

  it('the stored model is byte for byte the one training in this thread makes, and it scores cases', async () => {
    const stored = await rt.deps.database.db.selectFrom('routing_models').select('data').where('version', '=', 2).executeTakeFirstOrThrow();
    const here = trainRouter(await loadTrainingCases(rt.deps.database.db), { ...longTraining, userWords: await organisationWords(rt.deps), stopWords: await cityStopWords(rt.deps.database.db) });
    expect(Buffer.compare(gunzipSync(stored.data!), Buffer.from(serializeModel(here.model)))).toBe(0);

    const t = await as.admin.post('/api/routing/try', { title: '增值税发票开不出来', text: '电子税务局开具增值税发票一直报错，客户拿不到票不付款。' });
    expect(t.body).toMatchObject({ source: 'model', modelVersion: 2 });
    expect(t.body.suggestions).toHaveLength(3);
    expect(t.body.suggestions[0].departmentId).toBe(ids.dept('shuiwu'));
  });

  it('a worse model is stored rejected and the model in use stays', async () => {
    const worse = await trainAndMaybeDeploy(rt.deps, { trigger: 'manual', options: { epochs: 0 } });
    expect(worse).toMatchObject({ version: 3, deployed: false, baseline: { version: 2 } });
    expect(worse.macroF1).toBeLessThan(worse.baseline!.macroF1);
    expect((await models()).map((m) => m.status)).toEqual(['retired', 'active', 'rejected']);
    const t = await as.admin.post('/api/routing/try', { title: '增值税发票开不出来', text: '电子税务局开具增值税发票一直报错。' });
    expect(t.body.modelVersion).toBe(2);
  });
});
