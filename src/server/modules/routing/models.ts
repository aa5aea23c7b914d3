import { gunzipSync, gzipSync } from 'node:zlib';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { importedEventType } from '../../../domain/case/imported.js';
import type { LinearModel } from '../../../domain/routing/model.js';
import { evaluateRouter, NotEnoughData, trainRouter, type LabelledCase, type RouterTrainOptions } from '../../../domain/routing/router.js';
import { deserializeModel, serializeModel } from '../../../domain/routing/serialize.js';
import { placeAndDepartmentWords } from '../../../domain/routing/tokenize.js';
import { AppError } from '../../errors.js';
import type { AppDeps } from '../../deps.js';
import type { Tx } from '../cases/repository.js';
import { modelTtlMs, routerState } from './state.js';

// The trained router's models: training data from the database, training, the deploy-only-if-better decision,
// storage (gzip of the serialised model in routing_models.data) and the per-process copy of the model in use.

/** Closed cases (their final lead department) and imported history (the department that finally handled it). */
export async function loadTrainingCases(db: Tx): Promise<LabelledCase[]> {
  const rows = await db.selectFrom('cases as c')
    .leftJoin('case_events as e', (j) => j.onRef('e.case_id', '=', 'c.id').on('e.type', '=', importedEventType))
    .leftJoin('departments as dd', 'dd.id', 'c.district_id')
    // A town's case counts for its district (see districtLevel): the model learns districts, not 200 towns.
    .select(['c.title', 'c.description', 'c.category_id', 'c.lead_department_id', 'c.status',
      sql<number | null>`CASE WHEN dd.kind = 'town' THEN dd.parent_id ELSE c.district_id END`.as('district_id'),
      sql<number | null>`(e.payload->>'departmentId')::int`.as('imported_department_id')])
    .where((eb) => eb.or([
      eb.and([eb('c.status', '=', 'closed'), eb('c.lead_department_id', 'is not', null)]),
      eb(sql`e.payload->>'departmentId'`, 'is not', null),
    ]))
    .orderBy('c.id')
    .execute();
  return rows.map((r) => ({
    doc: { title: r.title, body: r.description, categoryId: r.category_id, districtId: r.district_id },
    departmentId: (r.imported_department_id ?? r.lead_department_id)!,
  }));
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
  return placeAndDepartmentWords(dir.departments.map((d) => d.name));
}

export function organisationWordsFrom(names: string[]): string[] {
  return placeAndDepartmentWords(names);
}

export function encodeModel(m: LinearModel): Uint8Array {
  return gzipSync(serializeModel(m), { level: 6 });
}

export function decodeModel(data: Uint8Array): LinearModel {
  return deserializeModel(gunzipSync(data));
}

/** The model in use in this process, re-checked against the database every few seconds. */
export async function activeModel(deps: AppDeps): Promise<{ version: number; model: LinearModel } | null> {
  const state = routerState(deps.database);
  if (Date.now() - state.modelCheckedAt > modelTtlMs) {
    state.modelLoading ??= (async () => {
      const row = await deps.database.db.selectFrom('routing_models').select(['version']).where('status', '=', 'active').executeTakeFirst();
      if (!row) state.model = null;
      else if (state.model?.version !== row.version) {
        const full = await deps.database.db.selectFrom('routing_models').select(['version', 'data']).where('version', '=', row.version).executeTakeFirst();
        state.model = full?.data ? { version: full.version, model: decodeModel(full.data) } : null;
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
}

export interface TrainRequest {
  trigger: 'manual' | 'schedule' | 'cli' | 'demo';
  userId?: number | null;
  /** For tests and benchmarks: model options (epochs, learning rate…). */
  options?: RouterTrainOptions;
  /** Cases to train on instead of the database's (benchmarks). */
  cases?: LabelledCase[];
}

export interface StoreContext {
  now: Date;
  /** Department names for the stored report. */
  departmentName: (id: number) => string;
  userWords: string[];
  /** The model in use (compared on the new held-out cases). */
  current: { version: number; model: LinearModel } | null;
}

/**
 * Trains on `cases`, compares with the model in use on the new held-out cases (macro-F1, then accuracy) and stores
 * the result: active if better (the previous one retired), rejected otherwise. The model in use was trained on an
 * earlier split, so it may have seen some of these cases: the comparison leans towards keeping it, the safe side.
 */
export async function trainAndStore(db: Kysely<DB>, cases: LabelledCase[], req: Omit<TrainRequest, 'cases'>, ctx: StoreContext): Promise<TrainOutcome & { model: LinearModel }> {
  const started = performance.now();
  let trained;
  try {
    trained = trainRouter(cases, { ...req.options, userWords: ctx.userWords });
  } catch (err) {
    if (err instanceof NotEnoughData) throw new AppError('ROUTER_NOT_ENOUGH_DATA', { cases: cases.length });
    throw err;
  }
  const ev = trained.report.evaluation;
  let baseline: TrainOutcome['baseline'] = null;
  if (ctx.current) {
    const b = evaluateRouter(ctx.current.model, trained.heldOut).evaluation;
    baseline = { version: ctx.current.version, accuracy: b.accuracy, macroF1: b.macroF1 };
  }
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
    reliability: trained.report.reliability,
    timings: trained.timings,
    seconds,
  };
  const data = better ? encodeModel(trained.model) : null;
  const version = await db.transaction().execute(async (tx) => {
    // One training result at a time across processes: the settings row is the lock.
    await tx.selectFrom('routing_settings').select('id').where('id', '=', 1).forUpdate().execute();
    const max = await tx.selectFrom('routing_models').select((eb) => eb.fn.max('version').as('v')).executeTakeFirst();
    const version = Number(max?.v ?? 0) + 1;
    if (better) await tx.updateTable('routing_models').set({ status: 'retired' }).where('status', '=', 'active').execute();
    await tx.insertInto('routing_models').values({
      version, status: better ? 'active' : 'rejected', trigger: req.trigger, trained_at: ctx.now, trained_by: req.userId ?? null,
      training_size: trained.trainingSize, held_out_size: trained.heldOut.length, accuracy: ev.accuracy, macro_f1: ev.macroF1,
      ece: trained.report.ece, temperature: trained.model.temperature, baseline_version: baseline?.version ?? null,
      baseline_accuracy: baseline?.accuracy ?? null, baseline_macro_f1: baseline?.macroF1 ?? null,
      department_ids: JSON.stringify(trained.model.classes), report: JSON.stringify(report), decision, data,
      activated_at: better ? ctx.now : null,
    }).execute();
    return version;
  });
  return {
    version, deployed: better, decision, trainingSize: trained.trainingSize, heldOutSize: trained.heldOut.length,
    accuracy: ev.accuracy, macroF1: ev.macroF1, ece: trained.report.ece, baseline, seconds, model: trained.model,
  };
}

/** Training on demand (console, CLI) or on schedule; one at a time per process. */
export async function trainAndMaybeDeploy(deps: AppDeps, req: TrainRequest): Promise<TrainOutcome> {
  const state = routerState(deps.database);
  if (state.training) throw new AppError('ROUTER_TRAINING_RUNNING');
  state.training = true;
  try {
    const cases = req.cases ?? await loadTrainingCases(deps.database.db);
    const dir = await deps.directory.ready();
    const { model, ...outcome } = await trainAndStore(deps.database.db, cases, req, {
      now: deps.now(), departmentName: (id) => dir.department(id)?.name ?? `#${id}`, userWords: await organisationWords(deps), current: await activeModel(deps),
    });
    if (outcome.deployed) {
      state.model = { version: outcome.version, model };
      state.modelCheckedAt = Date.now();
    }
    return outcome;
  } finally {
    state.training = false;
  }
}

function pct(x: number) {
  return `${(x * 100).toFixed(1)}%`;
}
