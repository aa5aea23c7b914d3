// The trained router on messages written blind: bench/data/blind-messages.csv was written by an author who never saw
// the training generator (bench/data/routing-corpus.ts) nor the router's code — 256 messages, 8 per department, in
// the style of 12345 / 市长信箱 messages, with colloquial words, overlapping duties and a few vague or two-topic ones.
// It trains on N generated messages (family A) and scores the blind set: the closest this repository gets to
// "real-world" figures, and still not real data.
//
//   node --import tsx bench/router-blind.ts [--sizes 10000,100000] [--file bench/data/blind-messages.csv]
//        [--features words|words+chars|words+chars3|words+chars2|chars2] [--loss squared-hinge|logistic] [--precision 0.95]
//
// Coverage at the precision: thresholds chosen on the training data's out-of-fold cases (threshold.ts), then applied
// to the blind set as they are — the blind set chooses nothing. Both threshold rules are printed: 'marginal' (the
// default since ADR 0024) and 'cumulative' (ADR 0016). `--loss logistic --features words+chars3` is ADR 0016's learner and features; the default is ADR 0024's (chars2, squared hinge).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { evaluateRouter, trainRouter, type LabelledCase } from '../src/domain/routing/router.js';
import { loadavg } from 'node:os';
import { chooseThresholds, dispatchOutcome } from '../src/domain/routing/threshold.js';
import { featureSets, type FeatureSet } from '../src/domain/routing/features.js';
import type { Loss } from '../src/domain/routing/model.js';
import { demoDepartments } from '../src/server/demo/data/departments.js';
import { organisationWordsFrom } from '../src/server/modules/routing/models.js';
import { corpusDepartments, generateCorpus } from './data/routing-corpus.js';
import { log } from './kit.js';
import { cityWords } from '../src/domain/settings/city.js';
import { demoCity } from '../src/server/demo/data/city.js';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '10000,100000' }, file: { type: 'string', default: 'bench/data/blind-messages.csv' }, features: { type: 'string', default: 'chars2' }, loss: { type: 'string', default: 'squared-hinge' }, precision: { type: 'string', default: '0.95' } } });
const features = (featureSets.includes(values.features as FeatureSet) ? values.features : 'chars2') as FeatureSet;
const loss: Loss = values.loss === 'logistic' ? 'logistic' : 'squared-hinge';
const target = Number(values.precision);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const idOf = new Map(corpusDepartments.map((c, i) => [c, i + 1]));
const nameOf = new Map(demoDepartments.map((d) => [d.code, d.name]));
const codeOfName = new Map(demoDepartments.map((d) => [d.name, d.code]));
const label = (id: number) => nameOf.get(corpusDepartments[id - 1]) ?? `#${id}`;

const rows = parse(readFileSync(values.file!), { columns: true, bom: true }) as Record<string, string>[];
const blind: LabelledCase[] = rows.map((r) => {
  const code = codeOfName.get(r['承办单位']);
  if (!code || !idOf.has(code)) throw new Error(`unknown department ${r['承办单位']}`);
  return { doc: { title: r['标题'], body: r['内容'] }, departmentId: idOf.get(code)! };
});
console.log(`blind set: ${blind.length} messages, ${new Set(blind.map((c) => c.departmentId)).size} departments (${values.file})`);

for (const n of values.sizes!.split(',').map(Number)) {
  log(`training on ${n} generated messages`);
  const generated = generateCorpus(n, { family: 'A' }).map((m) => ({ doc: { title: m.title, body: m.body }, departmentId: idOf.get(m.department)! }));
  const cpu0 = process.cpuUsage();
  const t = trainRouter(generated, {
    userWords: organisationWordsFrom(demoDepartments.map((d) => d.name), cityWords(demoCity)), stopWords: cityWords(demoCity), features, loss,
  });
  const cpu = process.cpuUsage(cpu0);
  const r = evaluateRouter(t.model, blind);
  const e = r.evaluation;
  const cv = t.crossValidation;
  console.log(`\ntrained on ${n.toLocaleString('en')} generated messages (features ${features}, loss ${loss}, ${t.model.vocab.terms.length} terms, ${(t.timings.totalMs / 1000).toFixed(1)} s wall: features ${(t.timings.featuresMs / 1000).toFixed(1)}, CV ${(t.timings.cvMs / 1000).toFixed(1)}, fit ${(t.timings.fitMs / 1000).toFixed(1)}; training CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')})`);
  console.log(`  ${cv.folds}-fold CV on ${cv.cases} cases: macro-F1 by L2 ${cv.grid.map((l, i) => `${l}: ${pct(cv.macroF1ByL2[i])}`).join(', ')} → L2 ${cv.chosenL2}; Platt a=${t.model.platt?.a.toFixed(3)} b=${t.model.platt?.b.toFixed(3)}`);
  console.log(`  held-out fifth: accuracy ${pct(t.report.evaluation.accuracy)}, macro-F1 ${pct(t.report.evaluation.macroF1)}, ECE ${pct(t.report.ece)}`);
  for (const rule of ['marginal', 'cumulative'] as const) {
    const choice = chooseThresholds(t.outOfFold, target, t.model.classes.length, rule);
    const onHeld = dispatchOutcome(t.heldOutScored, choice);
    const onBlind = dispatchOutcome(r.scored, choice);
    console.log(`  target precision ${pct(target)}, ${rule} thresholds from out-of-fold (shared ${choice.shared?.toFixed(3) ?? 'none'}, ${Object.keys(choice.perDepartment).length} departments own; expected coverage ${pct(choice.expectedCoverage)} at ${pct(choice.expectedPrecision)}${choice.blocked ? `, BLOCKED ${choice.blocked}` : ''})`);
    console.log(`    … on the held-out fifth: coverage ${pct(onHeld.coverage)} at precision ${pct(onHeld.precision)}; on the blind set: coverage ${pct(onBlind.coverage)} at precision ${pct(onBlind.precision)} (${onBlind.dispatched} of ${blind.length})`);
  }
  console.log(`  blind: accuracy ${pct(e.accuracy)}, macro-F1 ${pct(e.macroF1)}, ECE ${pct(r.ece)}`);
  const bins = r.reliability.filter((b) => b.count > 0).map((b) => `${pct(b.from)}: ${b.count} at ${pct(b.accuracy)}`).join('; ');
  console.log(`  reliability (confidence bin: count at accuracy): ${bins}`);
  const worst = [...e.perClass].sort((a, b) => a.f1 - b.f1).slice(0, 8);
  console.log(`  weakest departments (F1): ${worst.map((c) => `${label(c.label)} ${pct(c.f1)}`).join('; ')}`);
  console.log(`  top confusions (actual → predicted): ${e.confusions.slice(0, 8).map((c) => `${label(c.actual)} → ${label(c.predicted)} ×${c.count}`).join('; ')}`);
}
