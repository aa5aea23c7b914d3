import { gunzipSync } from 'node:zlib';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { importedEventType } from '../../../domain/case/imported.js';
import type { LinearModel } from '../../../domain/routing/model.js';
import { NotEnoughData, type CrossValidationSummary, type LabelledCase, type RouterTrainOptions } from '../../../domain/routing/router.js';
import type { ScoredCase } from '../../../domain/routing/threshold.js';
import { deserializeModel, serializeModel } from '../../../domain/routing/serialize.js';
import { placeAndDepartmentWords } from '../../../domain/routing/tokenize.js';
import { AppError } from '../../errors.js';
import type { AppDeps } from '../../deps.js';
import type { Tx } from '../../kernel/index.js';
import { modelTtlMs, routerState } from './state.js';
import { startTrainingWorker } from './train-worker.js';
import { packScored, unpackScored, type ModelInUse } from './precision.js';
import type { StoredCalibration } from '../../db/schema-routing.js';
import { cityWords } from '../../../domain/settings/city.js';
import { citySettings } from '../settings/index.js';
import { recordAdminChange, type AdminActor } from '../admin-audit/index.js';

// The trained router's models: training data from the database, training (its CPU part in a worker thread, see
// train-worker.ts), the deploy-only-if-better decision, storage (gzip of the serialised model in routing_models.data)
// and the per-process copy of the model in use.

/** A desk's correction counts this many times a plain handled case in training (ADR 0016). */
export const correctionWeight = 3;

/**
 * A correction of the router, as SQL on `c` (a case): its lead department is not the one the router dispatched to or
 * put first when the case arrived (the desk chose another, or a return moved it), or a return was approved with a new
 * lead (wrong department). Its current lead is the label, so it is learnt before the case closes.
 */
const correctedSql = sql<boolean>`(c.lead_department_id IS NOT NULL AND (EXISTS (
    SELECT 1 FROM routing_decisions r WHERE r.case_id = c.id AND (
      (r.dispatched AND r.lead_department_id IS DISTINCT FROM c.lead_department_id)
      OR (NOT r.dispatched AND r.source = 'model' AND (r.suggestions->0->>'departmentId')::int <> c.lead_department_id)))
  OR EXISTS (SELECT 1 FROM case_events x WHERE x.case_id = c.id AND x.type = 'case.return_approved' AND x.payload->>'newLeadDepartmentId' IS NOT NULL)))`;

/**
 * Closed cases (their final lead department), the desk's corrections (counted more) and imported history (the department that finally handled it), in
 * pages of consecutive case ids: each page is one short query, so a large history never holds the event loop (or
 * PGlite, which runs in this thread) for long. Both sides of the join are bounded by the page's id range, so each
 * page reads only its own rows by index, whatever the planner's statistics say (PGlite never analyses by itself).
 */
export async function* trainingCasePages(db: Tx, pageSize = 5_000): AsyncGenerator<LabelledCase[]> {
  const last = await db.selectFrom('cases').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
  const maxId = Number(last?.id ?? 0);
  for (let from = 0; from < maxId; from += pageSize) {
    const to = from + pageSize;
    const rows = await db.selectFrom('cases as c')
      .leftJoin('case_events as e', (j) => j.onRef('e.case_id', '=', 'c.id').on('e.type', '=', importedEventType)
        .on('e.case_id', '>', from).on('e.case_id', '<=', to))
      .leftJoin('departments as dd', 'dd.id', 'c.district_id')
      // A town's case counts for its district (see districtLevel): the model learns districts, not 200 towns.
      .select(['c.title', 'c.description', 'c.category_id', 'c.lead_department_id',
        sql<number | null>`CASE WHEN dd.kind = 'town' THEN dd.parent_id ELSE c.district_id END`.as('district_id'),
        sql<number | null>`(e.payload->>'departmentId')::int`.as('imported_department_id'), correctedSql.as('corrected')])
      .where('c.id', '>', from)
      .where('c.id', '<=', to)
      .where((eb) => eb.or([
        eb.and([eb('c.status', '=', 'closed'), eb('c.lead_department_id', 'is not', null)]),
        eb(sql`e.payload->>'departmentId'`, 'is not', null),
        eb(correctedSql, '=', true),
      ]))
      .orderBy('c.id')
      .execute();
    if (rows.length === 0) continue;
    yield rows.map((r) => ({
      doc: { title: r.title, body: r.description, categoryId: r.category_id, districtId: r.district_id },
      departmentId: (r.imported_department_id ?? r.lead_department_id)!,
      ...(r.corrected && r.imported_department_id == null ? { weight: correctionWeight } : {}),
    }));
  }
}

export async function loadTrainingCases(db: Tx): Promise<LabelledCase[]> {
  const all: LabelledCase[] = [];
  for await (const page of trainingCasePages(db)) all.push(...page);
  return all;
}

export async function countTrainingCases(db: Tx): Promise<number> {
  const r = await db.selectFrom('cases as c')
    .leftJoin('case_events as e', (j) => j.onRef('e.case_id', '=', 'c.id').on('e.type', '=', importedEventType))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where((eb) => eb.or([
      eb.and([eb('c.status', '=', 'closed'), eb('c.lead_department_id', 'is not', null)]),
      eb(sql`e.payload->>'departmentId'`, 'is not', null),
    ]))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Place and department names for the segmenter's user dictionary. */
export async function organisationWords(deps: AppDeps): Promise<string[]> {
  const dir = await deps.directory.ready();
  return placeAndDepartmentWords(dir.departments.map((d) => d.name), await cityStopWords(deps.database.db));
}

export function organisationWordsFrom(names: string[], cityNames: string[] = []): string[] {
  return placeAndDepartmentWords(names, cityNames);
}

/** The city's own names from its settings: in every message, so no sign of a department. */
export async function cityStopWords(db: Kysely<DB>): Promise<string[]> {
  const { settings } = await citySettings(db);
  return cityWords(settings);
}

/** A stored model (gzip of serializeModel's bytes, made by the training worker) as a model. */
export function decodeModel(data: Uint8Array): LinearModel {
  return deserializeModel(gunzipSync(data));
}

/** The model in use in this process, re-checked against the database every few seconds. */
export async function activeModel(deps: AppDeps): Promise<ModelInUse | null> {
  const state = routerState(deps.database);
  if (Date.now() - state.modelCheckedAt > modelTtlMs) {
    state.modelLoading ??= (async () => {
      const row = await deps.database.db.selectFrom('routing_models').select(['version']).where('status', '=', 'active').executeTakeFirst();
      if (!row) state.model = null;
      else if (state.model?.version !== row.version) {
        const full = await deps.database.db.selectFrom('routing_models').select(['version', 'data', 'calibration']).where('version', '=', row.version).executeTakeFirst();
        state.model = full?.data ? { version: full.version, model: decodeModel(full.data), outOfFold: full.calibration ? unpackScored(full.calibration.outOfFold) : null } : null;
      }
      state.modelCheckedAt = Date.now();
    })().finally(() => (state.modelLoading = null));
    await state.modelLoading;
  }
  return state.model;
}

export interface TrainOutcome {
  version: number;
  deployed: boolean;
  decision: string;
  trainingSize: number;
  heldOutSize: number;
  accuracy: number;
  macroF1: number;
  ece: number;
  baseline: { version: number; accuracy: number; macroF1: number } | null;
  seconds: number;
  /** k-fold cross-validation on the training share: the L2 penalties tried, their out-of-fold macro-F1, the one chosen. */
  crossValidation: CrossValidationSummary;
}

export type TrainingPhase = 'loading' | 'training' | 'storing';

export interface TrainRequest {
  trigger: 'manual' | 'schedule' | 'cli' | 'demo';
  userId?: number | null;
  /** Who asked (console or command line): the result is recorded in the admin audit trail. A scheduled run is not. */
  actor?: AdminActor;
  /** For tests and benchmarks: model options (epochs, learning rate…). */
  options?: RouterTrainOptions;
  /** Cases to train on instead of the database's (benchmarks). */
  cases?: LabelledCase[];
  /** Told when a phase starts: reading and posting the cases, the worker's CPU part, comparing and storing. */
  onPhase?: (phase: TrainingPhase) => void;
}

export interface StoreContext {
  now: Date;
  /** Department names for the stored report. */
  departmentName: (id: number) => string;
  userWords: string[];
  /** The city's names (cityWords), dropped like stop words. */
  stopWords?: string[];
  /** The model in use (compared on the new held-out cases). */
  current: { version: number; model: LinearModel } | null;
}

const pageSize = 5_000;

/**
 * Trains on `cases` in a worker thread (train-worker.ts: this thread only reads and posts the cases, then waits),
 * compares with the model in use on the new held-out cases (macro-F1, then accuracy; scored in the worker too) and
 * stores the result: active if better (the previous one retired), rejected otherwise. The model in use was trained
 * on an earlier split, so it may have seen some of these cases: the comparison leans towards keeping it, the safe side.
 */
export async function trainAndStore(db: Kysely<DB>, cases: LabelledCase[] | AsyncIterable<LabelledCase[]>, req: Omit<TrainRequest, 'cases'>, ctx: StoreContext): Promise<TrainOutcome & { model: LinearModel; outOfFold: ScoredCase[] }> {
  const started = performance.now();
  req.onPhase?.('loading');
  const worker = startTrainingWorker({
    options: { ...req.options, userWords: ctx.userWords, stopWords: ctx.stopWords ?? [] },
    current: ctx.current ? serializeModel(ctx.current.model) : null,
  });
  let count = 0;
  let trained;
  try {
    for await (const page of pages(cases)) {
      worker.add(page);
      count += page.length;
    }
  } catch (err) {
    await worker.cancel();
    throw err;
  }
  const loadMs = performance.now() - started;
  req.onPhase?.('training');
  try {
    trained = await worker.finish();
  } catch (err) {
    if (err instanceof NotEnoughData) throw new AppError('ROUTER_NOT_ENOUGH_DATA', { cases: count });
    throw err;
  }
  req.onPhase?.('storing');
  const ev = trained.evaluation;
  const baseline: TrainOutcome['baseline'] = ctx.current && trained.baseline ? { version: ctx.current.version, ...trained.baseline } : null;
  const better = !baseline || ev.macroF1 > baseline.macroF1 + 1e-9 || (Math.abs(ev.macroF1 - baseline.macroF1) <= 1e-9 && ev.accuracy > baseline.accuracy + 1e-9);
  const decision = !baseline
    ? '首个模型，已启用'
    : better
      ? `留出集宏F1 ${pct(ev.macroF1)} 高于在用模型 v${baseline.version} 的 ${pct(baseline.macroF1)}，已启用`
      : `留出集宏F1 ${pct(ev.macroF1)} 未高于在用模型 v${baseline.version} 的 ${pct(baseline.macroF1)}，未启用，继续使用 v${baseline.version}`;
  const seconds = (performance.now() - started) / 1000;
  const name = ctx.departmentName;
  const report = {
    perClass: ev.perClass.map((c) => ({ ...c, departmentName: name(c.label) })),
    confusions: ev.confusions.slice(0, 30).map((c) => ({ actual: name(c.actual), predicted: name(c.predicted), count: c.count })),
    reliability: trained.reliability,
    // featuresMs, fitMs, totalMs: in the worker; loadMs: reading and posting the cases.
    timings: { ...trained.timings, loadMs },
    seconds,
  };
  const calibration: StoredCalibration = {
    outOfFold: packScored(trained.outOfFold), heldOut: packScored(trained.heldOutScored), crossValidation: trained.crossValidation, platt: trained.platt,
  };
  // Sent as base64 text: PGlite encodes a bytea parameter in JavaScript at ~0.2 s per MB, all in this thread.
  const base64 = better ? Buffer.from(trained.gzipped.buffer, trained.gzipped.byteOffset, trained.gzipped.byteLength).toString('base64') : null;
  const version = await db.transaction().execute(async (tx) => {
    // One training result at a time across processes: the settings row is the lock.
    await tx.selectFrom('routing_settings').select('id').where('id', '=', 1).forUpdate().execute();
    const max = await tx.selectFrom('routing_models').select((eb) => eb.fn.max('version').as('v')).executeTakeFirst();
    const version = Number(max?.v ?? 0) + 1;
    if (better) await tx.updateTable('routing_models').set({ status: 'retired' }).where('status', '=', 'active').execute();
    await tx.insertInto('routing_models').values({
      version, status: better ? 'active' : 'rejected', trigger: req.trigger, trained_at: ctx.now, trained_by: req.userId ?? null,
      training_size: trained.trainingSize, held_out_size: trained.heldOutSize, accuracy: ev.accuracy, macro_f1: ev.macroF1,
      ece: trained.ece, temperature: trained.temperature, baseline_version: baseline?.version ?? null,
      baseline_accuracy: baseline?.accuracy ?? null, baseline_macro_f1: baseline?.macroF1 ?? null,
      department_ids: JSON.stringify(trained.classes), report: JSON.stringify(report), decision,
      data: base64 == null ? null : sql<Uint8Array>`decode(${base64}, 'base64')`,
      activated_at: better ? ctx.now : null, calibration: JSON.stringify(calibration),
    }).execute();
    if (req.actor) {
      await recordAdminChange(tx, req.actor, {
        action: 'routing.model', targetType: 'routing', targetId: version, targetName: `分派模型 第 ${version} 版`,
        before: baseline ? { activeVersion: baseline.version, accuracy: baseline.accuracy, macroF1: baseline.macroF1 } : null,
        after: { version, deployed: better, trainingSize: trained.trainingSize, accuracy: ev.accuracy, macroF1: ev.macroF1 },
      }, ctx.now);
    }
    return version;
  });
  return {
    version, deployed: better, decision, trainingSize: trained.trainingSize, heldOutSize: trained.heldOutSize,
    accuracy: ev.accuracy, macroF1: ev.macroF1, ece: trained.ece, baseline, seconds, crossValidation: trained.crossValidation,
    model: deserializeModel(trained.model), outOfFold: trained.outOfFold,
  };
}

/**
 * The cases in pages, one page per turn of the event loop: PGlite answers a query without giving timers or I/O a
 * turn (its promises settle as microtasks), so without the explicit turn reading 100k cases would be one long stall.
 */
async function* pages(cases: LabelledCase[] | AsyncIterable<LabelledCase[]>): AsyncGenerator<LabelledCase[]> {
  const turn = () => new Promise((r) => setImmediate(r));
  if (Array.isArray(cases)) {
    for (let i = 0; i < cases.length; i += pageSize) {
      yield cases.slice(i, i + pageSize);
      await turn();
    }
    return;
  }
  for await (const page of cases) {
    yield page;
    await turn();
  }
}

// One training at a time in this process: each holds one core and a copy of the cases for tens of seconds at 100k.
let training = false;

/** Whether this process is training a model now (the console shows it). */
export function isTrainingRunning(): boolean {
  return training;
}

/** Training on demand (console, CLI) or on schedule; one at a time per process, else ROUTER_TRAINING_RUNNING. */
export async function trainAndMaybeDeploy(deps: AppDeps, req: TrainRequest): Promise<TrainOutcome> {
  if (training) throw new AppError('ROUTER_TRAINING_RUNNING');
  training = true;
  try {
    const dir = await deps.directory.ready();
    // PGlite runs each query in this thread: smaller pages, shorter stalls (tens of ms a page of 1,000).
    const cases = req.cases ?? trainingCasePages(deps.database.db, deps.database.kind === 'pglite' ? 1_000 : pageSize);
    const { model, outOfFold, ...outcome } = await trainAndStore(deps.database.db, cases, req, {
      now: deps.now(), departmentName: (id) => dir.department(id)?.name ?? `#${id}`, userWords: await organisationWords(deps), stopWords: await cityStopWords(deps.database.db), current: await activeModel(deps),
    });
    if (outcome.deployed) {
      const state = routerState(deps.database);
      // As stored (confidences to 4 decimals), so this process chooses the same thresholds as one that loads it.
      state.model = { version: outcome.version, model, outOfFold: unpackScored(packScored(outOfFold)) };
      state.modelCheckedAt = Date.now();
    }
    return outcome;
  } finally {
    training = false;
  }
}

function pct(x: number) {
  return `${(x * 100).toFixed(1)}%`;
}
