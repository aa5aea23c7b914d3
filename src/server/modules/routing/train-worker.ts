import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';
import type { Evaluation, ReliabilityBin } from '../../../domain/routing/metrics.js';
import { evaluateRouter, NotEnoughData, trainRouter, type CrossValidationSummary, type LabelledCase, type RouterTrainOptions, type TrainedRouter } from '../../../domain/routing/router.js';
import type { ScoredCase } from '../../../domain/routing/threshold.js';
import { deserializeModel, serializeModel } from '../../../domain/routing/serialize.js';

// The CPU part of training (segmentation, features, SGD, calibration, held-out evaluation of the new model and of
// the model in use, serialisation and gzip) runs in a worker thread, so the server keeps answering while it
// trains: at 100k cases it is ~20 s of one core. The main thread reads the cases from the database page by page and
// posts each page here; what comes back is bytes and figures. One worker per training, ended afterwards.
//
// The server runs its TypeScript through tsx, registered in the main thread only (bin/yiwang.js; vitest transforms
// in its own way), so the worker starts from train-worker-boot.mjs, which registers tsx and imports this file.

const workerMarker = 'yiwang-router-train';

/** A page of cases for postMessage: their texts in one string, and per case six numbers in an Int32Array (transferred). */
export interface CaseChunk {
  text: string;
  /** Per case: title length, body length, category id, district id (-1 = none), department id, weight × 1000. */
  meta: Int32Array;
}

const fields = 6;

export function packCases(cases: readonly LabelledCase[]): CaseChunk {
  const meta = new Int32Array(cases.length * fields);
  const parts: string[] = [];
  cases.forEach((c, i) => {
    parts.push(c.doc.title, c.doc.body);
    meta.set([c.doc.title.length, c.doc.body.length, c.doc.categoryId ?? -1, c.doc.districtId ?? -1, c.departmentId, Math.round((c.weight ?? 1) * 1000)], i * fields);
  });
  return { text: parts.join(''), meta };
}

export function unpackCases(chunk: CaseChunk, into: LabelledCase[] = []): LabelledCase[] {
  let at = 0;
  for (let i = 0; i < chunk.meta.length; i += fields) {
    const [titleLength, bodyLength, categoryId, districtId, departmentId, weight] = chunk.meta.subarray(i, i + fields);
    const title = chunk.text.slice(at, at + titleLength);
    const body = chunk.text.slice(at + titleLength, at + titleLength + bodyLength);
    at += titleLength + bodyLength;
    into.push({ doc: { title, body, categoryId: categoryId < 0 ? null : categoryId, districtId: districtId < 0 ? null : districtId }, departmentId, ...(weight !== 1000 ? { weight: weight / 1000 } : {}) });
  }
  return into;
}

export interface TrainJob {
  options: RouterTrainOptions;
  /** The model in use, serialised (not gzipped), scored on the new held-out cases; null when there is none. */
  current: Uint8Array | null;
}

export interface TrainJobResult {
  /** The new model, serialised (serializeModel) and gzipped as stored. */
  model: Uint8Array;
  gzipped: Uint8Array;
  trainingSize: number;
  heldOutSize: number;
  evaluation: Evaluation;
  ece: number;
  reliability: ReliabilityBin[];
  temperature: number;
  classes: number[];
  timings: TrainedRouter['timings'];
  crossValidation: CrossValidationSummary;
  /** Out-of-fold cases of the training share (thresholds are chosen on them) and the held-out cases, as scored. */
  outOfFold: ScoredCase[];
  heldOutScored: ScoredCase[];
  platt: { a: number; b: number } | null;
  /** The model in use on the same held-out cases. */
  baseline: { accuracy: number; macroF1: number } | null;
}

/** The whole CPU part, in whichever thread calls it. Throws NotEnoughData. */
export function runTrainJob(cases: readonly LabelledCase[], job: TrainJob): TrainJobResult {
  const trained = trainRouter(cases, job.options);
  let baseline: TrainJobResult['baseline'] = null;
  if (job.current) {
    const b = evaluateRouter(deserializeModel(job.current), trained.heldOut).evaluation;
    baseline = { accuracy: b.accuracy, macroF1: b.macroF1 };
  }
  const model = serializeModel(trained.model);
  const ev = trained.report.evaluation;
  return {
    model, gzipped: owned(gzipSync(model, { level: 6 })), trainingSize: trained.trainingSize, heldOutSize: trained.heldOut.length,
    evaluation: ev, ece: trained.report.ece, reliability: trained.report.reliability, temperature: trained.model.temperature,
    classes: trained.model.classes, timings: trained.timings, baseline, crossValidation: trained.crossValidation,
    outOfFold: trained.outOfFold, heldOutScored: trained.heldOutScored, platt: trained.model.platt ?? null,
  };
}

/** A view that owns its whole ArrayBuffer, so transferring it detaches nothing else (small Buffers share a pool). */
function owned(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
}

type ToWorker = { type: 'cases'; chunk: CaseChunk } | { type: 'train' };
type FromWorker = { type: 'done'; result: TrainJobResult } | { type: 'failed'; notEnoughData: boolean; message: string; stack?: string };

export class TrainingFailed extends Error {}

export interface TrainingWorker {
  /** Posts a page of cases (in training order: the held-out split depends on it). */
  add(cases: readonly LabelledCase[]): void;
  /** Starts the CPU part on the cases posted so far; resolves with the result, rejects with NotEnoughData or TrainingFailed. */
  finish(): Promise<TrainJobResult>;
  /** Stops the worker (e.g. when reading the cases failed). */
  cancel(): Promise<void>;
}

/** Starts a worker for one training. */
export function startTrainingWorker(job: TrainJob): TrainingWorker {
  const current = job.current ? owned(job.current) : null;
  const worker = new Worker(new URL('./train-worker-boot.mjs', import.meta.url), {
    workerData: { marker: workerMarker, job: { ...job, current } satisfies TrainJob },
    transferList: current ? [current.buffer as ArrayBuffer] : [],
  });
  const outcome = new Promise<TrainJobResult>((resolve, reject) => {
    worker.on('message', (m: FromWorker) => {
      if (m.type === 'done') resolve(m.result);
      else if (m.notEnoughData) reject(new NotEnoughData(m.message));
      else reject(Object.assign(new TrainingFailed(`router training failed in its worker: ${m.message}`), { workerStack: m.stack }));
    });
    worker.on('error', (err) => reject(new TrainingFailed(`router training worker crashed: ${err.message}`, { cause: err })));
    worker.on('exit', (code) => reject(new TrainingFailed(`router training worker exited (code ${code}) before it answered`)));
  });
  // Settled once; a rejection nobody awaits yet (cancel before finish) must not become an unhandled one.
  outcome.catch(() => {});
  const post = (m: ToWorker, transfer: ArrayBuffer[] = []) => worker.postMessage(m, transfer);
  return {
    add(cases) {
      const chunk = packCases(cases);
      post({ type: 'cases', chunk }, [chunk.meta.buffer as ArrayBuffer]);
    },
    async finish() {
      post({ type: 'train' });
      try {
        return await outcome;
      } finally {
        await worker.terminate();
      }
    },
    async cancel() {
      await worker.terminate();
    },
  };
}

function serveTraining() {
  const port = parentPort!;
  const { job } = workerData as { job: TrainJob };
  const cases: LabelledCase[] = [];
  port.on('message', (m: ToWorker) => {
    if (m.type === 'cases') {
      unpackCases(m.chunk, cases);
      return;
    }
    let reply: FromWorker;
    let transfer: ArrayBuffer[] = [];
    try {
      const result = runTrainJob(cases, job);
      reply = { type: 'done', result };
      transfer = [result.model.buffer as ArrayBuffer, result.gzipped.buffer as ArrayBuffer];
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      reply = { type: 'failed', notEnoughData: err instanceof NotEnoughData, message: e.message, stack: e.stack };
    }
    port.postMessage(reply, transfer);
    port.close();
  });
}

if (!isMainThread && (workerData as { marker?: string } | null)?.marker === workerMarker) serveTraining();
