// Router benchmark: training time and per-case scoring latency at 10k and 100k training cases, accuracy and
// macro-F1 on a held-out fifth, on unseen phrasings (family B) and on another author's texts (the demo generator);
// then, on each engine, time from a public submission to dispatched under 100 submissions/s through the portal's
// endpoint; and, on each engine, the event loop while the server retrains on --train-size stored cases
// (POST /api/routing/model/train): event-loop delay and /healthz answered meanwhile. Prints figures, asserts nothing.
//
//   node --import tsx bench/router.ts [--engine pglite|postgres|both] [--sizes 10000,100000] [--rate 100] [--seconds 20]
//                                     [--skip-model] [--skip-db] [--skip-train-server] [--train-size 100000]
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { evaluateRouter, suggestWithModel, trainRouter, type LabelledCase } from '../src/domain/routing/router.js';
import { chooseThresholds, dispatchOutcome, type ScoredCase } from '../src/domain/routing/threshold.js';
import { buildApp } from '../src/server/app.js';
import { migrate } from '../src/server/db/migrate.js';
import { demoCategories } from '../src/server/demo/data/categories.js';
import { createRng, generateCaseText } from '../src/server/demo/data/case-text.js';
import { demoDepartments } from '../src/server/demo/data/departments.js';
import { seedOrganisation } from '../src/server/demo/seed-org.js';
import { organisationWordsFrom, trainAndMaybeDeploy } from '../src/server/modules/routing/models.js';
import { assembleDeps } from '../src/server/runtime.js';
import { loginAs } from '../test/kit/http.js';
import { seedHandledHistory } from '../test/routing/kit.js';
import { corpusDepartments, generateCorpus, type CorpusMessage } from './data/routing-corpus.js';
import { enginesFrom, log, openScratch } from './kit.js';
import { cityWords } from '../src/domain/settings/city.js';
import { demoCity } from '../src/server/demo/data/city.js';

const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'both' }, sizes: { type: 'string', default: '10000,100000' },
    rate: { type: 'string', default: '100' }, seconds: { type: 'string', default: '20' },
    'skip-model': { type: 'boolean', default: false }, 'skip-db': { type: 'boolean', default: false },
    'skip-train-server': { type: 'boolean', default: false }, 'train-size': { type: 'string', default: '100000' },
  },
});
const sizes = values.sizes!.split(',').map(Number);
const rate = Number(values.rate);
const seconds = Number(values.seconds);

const codeIndex = new Map(corpusDepartments.map((c, i) => [c, i + 1]));
const toCase = (m: CorpusMessage, ids: Map<string, number> = codeIndex): LabelledCase => ({ doc: { title: m.title, body: m.body }, departmentId: ids.get(m.department)! });
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const placeWords = organisationWordsFrom(demoDepartments.map((d) => d.name), cityWords(demoCity));
const cityStops = cityWords(demoCity);

/** The demo generator's texts (written separately from the corpus), labelled with their category's lead department. */
function demoAuthorTexts(n: number): CorpusMessage[] {
  const rng = createRng(4242);
  const leaves = demoCategories.filter((c) => c.parentCode && codeIndex.has(c.leadDepartmentCodes[0]));
  const out: CorpusMessage[] = [];
  for (let i = 0; i < n; i++) {
    const leaf = leaves[i % leaves.length];
    const t = generateCaseText(rng, leaf.code, '蒸湘区');
    out.push({ title: t.title, body: t.description, department: leaf.leadDepartmentCodes[0], kind: 'plain' });
  }
  return out;
}

function modelFigures() {
  console.log('\nTrained router (pure, in process; the machine is shared, figures taken under load)');
  const unseen = generateCorpus(20_000, { family: 'B' }).map((m) => toCase(m));
  const otherAuthor = demoAuthorTexts(2_000).map((m) => toCase(m));
  for (const n of sizes) {
    log(`generating ${n} labelled messages`);
    const cases = generateCorpus(n, { family: 'A' }).map((m) => toCase(m));
    log(`training on ${n}`);
    const cpu0 = process.cpuUsage();
    const t = trainRouter(cases, { userWords: placeWords, stopWords: cityStops });
    const cpu = process.cpuUsage(cpu0);
    // Thresholds for 95 % chosen on the training share's out-of-fold cases, applied as they are to the other sets.
    const choice = chooseThresholds(t.outOfFold, 0.95, t.model.classes.length);
    const at95 = (scored: ScoredCase[]) => { const o = dispatchOutcome(scored, choice); return `coverage at 95 %: ${pct(o.coverage)} at ${pct(o.precision)}`; };
    const held = t.report.evaluation;
    const b = evaluateRouter(t.model, unseen.slice(0, Math.max(2_000, Math.round(n / 5))));
    const demo = evaluateRouter(t.model, otherAuthor);
    const lat: number[] = [];
    // CPU time of each scoring too (process.cpuUsage, µs): on a loaded machine the wall p99 is the scheduler's.
    const cpuLat: number[] = [];
    for (const c of unseen.slice(0, 5_000)) {
      const s = performance.now();
      const u = process.cpuUsage();
      suggestWithModel(t.model, c.doc);
      const du = process.cpuUsage(u);
      lat.push(performance.now() - s);
      cpuLat.push((du.user + du.system) / 1000);
    }
    console.log(`  ${n.toLocaleString('en')} labelled cases (train ${t.trainingSize}, held out ${t.heldOut.length}; ${t.model.classes.length} departments, ${t.model.vocab.terms.length} features)`);
    console.log(`    training: ${(t.timings.totalMs / 1000).toFixed(1)} s total, CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} (segmenting + features ${(t.timings.featuresMs / 1000).toFixed(1)} s, ${t.crossValidation.folds}-fold CV ${(t.timings.cvMs / 1000).toFixed(1)} s → L2 ${t.crossValidation.chosenL2}, SGD ${(t.timings.fitMs / 1000).toFixed(1)} s)`);
    console.log(`    thresholds for 95 % (marginal): ${choice.blocked ?? `shared ${choice.shared?.toFixed(3) ?? 'none'}, expected coverage ${pct(choice.expectedCoverage)} at ${pct(choice.expectedPrecision)}`}`);
    console.log(`    scoring one case (segment + features + top 3 + words): p50 ${quantile(lat, 0.5).toFixed(3)} ms, p99 ${quantile(lat, 0.99).toFixed(3)} ms wall; CPU p50 ${quantile(cpuLat, 0.5).toFixed(3)} ms, p99 ${quantile(cpuLat, 0.99).toFixed(3)} ms`);
    console.log(`    held-out fifth (same phrasing family):  accuracy ${pct(held.accuracy)}, macro-F1 ${pct(held.macroF1)}, ECE ${pct(t.report.ece)}; ${at95(t.heldOutScored)}`);
    console.log(`    unseen phrasings (family B):             accuracy ${pct(b.evaluation.accuracy)}, macro-F1 ${pct(b.evaluation.macroF1)}, ECE ${pct(b.ece)}; ${at95(b.scored)}`);
    console.log(`    another author's texts (demo generator): accuracy ${pct(demo.evaluation.accuracy)}, macro-F1 ${pct(demo.evaluation.macroF1)}, ECE ${pct(demo.ece)}; ${at95(demo.scored)}`);
    const byBin = b.reliability.filter((x) => x.count > 0).map((x) => `${pct(x.from)}: ${x.count} at ${pct(x.accuracy)}`).join('; ');
    console.log(`    reliability on family B (bin: count at accuracy): ${byBin}`);
  }
}

async function submissions(engine: string) {
  const { database, drop } = await openScratch(engine, 'router', { poolSize: 16 });
  try {
    await migrate(database.db);
    await seedOrganisation(database.db);
    const deps = assembleDeps(database, { now: () => new Date(), logLevel: 'silent' });
    const app = await buildApp(deps);
    const depts = await database.db.selectFrom('departments').select(['id', 'code']).execute();
    const ids = new Map(depts.map((d) => [d.code, d.id]));
    const category = await database.db.selectFrom('categories').select('id').where('parent_id', 'is not', null).orderBy('id').executeTakeFirstOrThrow();
    log(`${engine}: training the model in use on 10,000 cases`);
    const trained = await trainAndMaybeDeploy(deps, { trigger: 'cli', cases: generateCorpus(10_000, { family: 'A' }).map((m) => toCase(m, ids)) });
    const submit = (m: CorpusMessage, i: number) => app.inject({
      method: 'POST', url: '/api/public/cases', remoteAddress: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
      payload: { categoryId: category.id, title: m.title || '反映问题', description: m.body.length >= 5 ? m.body : `${m.body}，请处理。`, submitterName: '王女士', submitterPhone: '13900001111', isPublic: false },
    });
    // One at a time first: what a single submitter waits for, without queueing behind others.
    const alone: number[] = [];
    for (const [i, m] of generateCorpus(100, { family: 'B', seed: 7 }).entries()) {
      const t0 = performance.now();
      await submit(m, 200_000 + i);
      alone.push(performance.now() - t0);
    }
    console.log(`\n${engine}: one submission at a time (100): submission → routed (dispatched or waiting) p50 ${quantile(alone, 0.5).toFixed(1)} ms, p99 ${quantile(alone, 0.99).toFixed(1)} ms`);
    const texts = generateCorpus(rate * seconds, { family: 'B', seed: 99 });
    log(`${engine}: ${texts.length} public submissions at ${rate}/s`);
    const started = performance.now();
    const results: { i: number; ms: number; status: number; code?: string }[] = [];
    await Promise.all(texts.map(async (m, i) => {
      const due = started + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const t0 = performance.now();
      const r = await submit(m, i);
      results.push({ i, ms: performance.now() - t0, status: r.statusCode, code: r.statusCode < 300 ? r.json().code : undefined });
    }));
    const elapsed = (performance.now() - started) / 1000;
    const rows = await database.db.selectFrom('cases').select(['code', 'status']).where('channel', '=', 'web').execute();
    // (the 100 sequential submissions are in there too; results only name the rate phase's codes)
    const statusOf = new Map(rows.map((r) => [r.code, r.status]));
    const ok = results.filter((r) => r.code);
    const dispatched = ok.filter((r) => statusOf.get(r.code!) === 'dispatched').map((r) => r.ms);
    const waiting = ok.filter((r) => statusOf.get(r.code!) === 'submitted').map((r) => r.ms);
    console.log(`\n${engine}: public submissions through POST /api/public/cases (in-process inject), model v${trained.version} (held-out macro-F1 ${pct(trained.macroF1)}), threshold 85%`);
    console.log(`  sent ${results.length} in ${elapsed.toFixed(1)} s (${(results.length / elapsed).toFixed(0)}/s); errors ${results.length - ok.length}`);
    console.log(`  dispatched automatically: ${dispatched.length} (${pct(dispatched.length / Math.max(1, ok.length))}); submission → dispatched p50 ${quantile(dispatched, 0.5)?.toFixed(1)} ms, p99 ${quantile(dispatched, 0.99)?.toFixed(1)} ms`);
    console.log(`  left waiting with suggestions: ${waiting.length}; submission → answered p50 ${quantile(waiting, 0.5)?.toFixed(1) ?? '—'} ms, p99 ${quantile(waiting, 0.99)?.toFixed(1) ?? '—'} ms`);
    const leads = await database.db.selectFrom('cases as c').innerJoin('departments as d', 'd.id', 'c.lead_department_id').select(['c.code', 'd.code as dept']).where('c.channel', '=', 'web').execute();
    const leadOf = new Map(leads.map((r) => [r.code, r.dept]));
    const auto = ok.filter((r) => statusOf.get(r.code!) === 'dispatched');
    const correct = auto.filter((r) => leadOf.get(r.code!) === texts[r.i].department).length;
    console.log(`  automatically dispatched to the right department: ${pct(correct / Math.max(1, auto.length))} (vague/mixed messages included)`);
    await app.close();
  } finally {
    await drop();
  }
}

/**
 * The server retraining on stored history while it keeps answering: event-loop delay (p50/p99/max) over the whole
 * POST /api/routing/model/train, and a probe sending GET /healthz one after another meanwhile.
 */
async function serverTraining(engine: string) {
  const size = Number(values['train-size']);
  const { database, drop } = await openScratch(engine, 'router_train', { poolSize: 8 });
  try {
    await migrate(database.db);
    await seedOrganisation(database.db);
    const deps = assembleDeps(database, { now: () => new Date(), logLevel: 'silent' });
    const app = await buildApp(deps);
    log(`${engine}: storing ${size} handled cases`);
    await seedHandledHistory(deps, size, 'A');
    const admin = await loginAs(app, 'admin');
    const ms = (ns: number) => (ns / 1e6).toFixed(1);
    for (const run of ['first model', 'retrain (compared with the model in use)']) {
      log(`${engine}: training through POST /api/routing/model/train (${run})`);
      const delay = monitorEventLoopDelay({ resolution: 10 });
      delay.enable();
      // The histogram's first samples come only after a few turns: a stall right after enable() would be missed.
      await new Promise((r) => setTimeout(r, 100));
      let done = false;
      const probe: number[] = [];
      // Each probe is due 20 ms after the previous answer; its time counts from then, so waiting for the loop counts too.
      const probing = (async () => {
        let due = performance.now();
        while (!done) {
          await app.inject({ method: 'GET', url: '/healthz' });
          const end = performance.now();
          probe.push(end - due);
          due = end + 20;
          await new Promise((r) => setTimeout(r, 20));
        }
      })();
      const t0 = performance.now();
      const r = await admin.post('/api/routing/model/train');
      const wall = (performance.now() - t0) / 1000;
      // One more turn of the loop, so a stall that lasted until the answer is recorded too.
      await new Promise((r) => setTimeout(r, 50));
      delay.disable();
      done = true;
      await probing;
      const m = r.body.model;
      const stored = await database.db.selectFrom('routing_models').select('report').where('version', '=', m?.version ?? 0).executeTakeFirst();
      const t = (stored?.report as { timings?: Record<string, number> } | undefined)?.timings ?? {};
      const sec = (x: number | undefined) => (x == null ? '—' : (x / 1000).toFixed(1));
      console.log(`\n${engine}: server retraining on ${size.toLocaleString('en')} stored cases, ${run}: HTTP ${r.status}, v${m?.version} ${m?.status}, ` +
        `request ${wall.toFixed(1)} s (training ${m?.trainingSeconds?.toFixed(1)} s: reading the cases ${sec(t.loadMs)} s, ` +
        `trainRouter ${sec(t.totalMs)} s of which segment + features ${sec(t.featuresMs)} s, SGD ${sec(t.fitMs)} s)`);
      console.log(`  event-loop delay during the request: p50 ${ms(delay.percentile(50))} ms, p99 ${ms(delay.percentile(99))} ms, max ${ms(delay.max)} ms`);
      console.log(`  GET /healthz meanwhile (each due 20 ms after the last answer; time from due to answered): ${probe.length} answered, p50 ${quantile(probe, 0.5).toFixed(1)} ms, ` +
        `p99 ${quantile(probe, 0.99).toFixed(1)} ms, max ${Math.max(...probe).toFixed(1)} ms`);
    }
    await app.close();
  } finally {
    await drop();
  }
}

if (!values['skip-model']) modelFigures();
if (!values['skip-db']) for (const e of enginesFrom(values.engine)) await submissions(e);
if (!values['skip-train-server']) for (const e of enginesFrom(values.engine)) await serverTraining(e);
