import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { ErrorCode } from '../../../contracts/errors.js';
import { AppError } from '../../errors.js';
import { importLimits, type ImportLimits } from '../../import-file/limits.js';
import { openImportFile, type ImportFile, type ImportFileInfo, type ImportRow, type ReadOptions } from '../../import-file/read-file.js';

// Import files are read in a worker thread with its own heap cap and a time limit per step, so that a hostile file
// that slips past the limits of limits.ts (or a bug in a parser) costs that worker, never the server: the main
// thread keeps answering requests while a file is read, and a worker past its heap or its time is terminated and
// the file refused (IMPORT_READ_MEMORY_EXCEEDED, IMPORT_READ_TIMEOUT). The worker reads ahead one batch of rows
// while the main thread writes the previous one.
//
//   const file = await openImportFileInWorker(path, opts);   // same ImportFile as openImportFile
//   const info = await checkImportFile(path, opts);          // reads every row against the limits, returns the header

const workerMarker = 'yiwang-import-reader';
/** Rows per message, and characters of text per message (whichever comes first). */
const batchRows = 500;
const batchChars = 4 * 1024 * 1024;
/** The check pass tells the main thread it is alive every so many rows (the time limit is per step, not per file). */
const progressEvery = 5_000;

type Mode = 'read' | 'check';
interface ReaderData {
  marker: string;
  filePath: string;
  opts: ReadOptions & { limits: ImportLimits };
  mode: Mode;
}
type ToWorker = { type: 'more' };
type FromWorker =
  | { type: 'opened'; info: ImportFileInfo }
  | { type: 'rows'; rows: ImportRow[]; done: boolean }
  | { type: 'progress' }
  | { type: 'failed'; code?: ErrorCode; details?: unknown; message: string; stack?: string };

/** Opens a file in a worker thread; `rows` yields the same rows as openImportFile's. */
export async function openImportFileInWorker(filePath: string, opts: ReadOptions = {}): Promise<ImportFile> {
  const reader = startReader(filePath, opts, 'read');
  const info = await reader.opened;
  return { info, rows: reader.rows() };
}

/** Reads the whole file in a worker against the limits, without building records; returns what opening it tells. */
export async function checkImportFile(filePath: string, opts: ReadOptions = {}): Promise<ImportFileInfo> {
  const reader = startReader(filePath, opts, 'check');
  try {
    return await reader.opened;
  } finally {
    await reader.close();
  }
}

function startReader(filePath: string, opts: ReadOptions, mode: Mode) {
  const limits = opts.limits ?? importLimits();
  const worker = new Worker(new URL('./reader-worker-boot.mjs', import.meta.url), {
    workerData: { marker: workerMarker, filePath, opts: { ...opts, limits }, mode } satisfies ReaderData,
    resourceLimits: { maxOldGenerationSizeMb: limits.workerHeapMb, stackSizeMb: 4 },
  });
  // A reader nobody closes must not keep the process alive.
  worker.unref();
  let waiting: { resolve: (m: FromWorker) => void; reject: (err: Error) => void } | null = null;
  let failure: Error | null = null;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;

  const fail = (err: Error) => {
    if (failure || closed) return;
    failure = err;
    clearTimeout(timer);
    void worker.terminate();
    waiting?.reject(err);
    waiting = null;
  };
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => fail(new AppError('IMPORT_READ_TIMEOUT', { timeoutMs: limits.stepTimeoutMs })), limits.stepTimeoutMs);
  };
  worker.on('message', (m: FromWorker) => {
    if (m.type === 'progress') return arm();
    clearTimeout(timer);
    if (m.type === 'failed') return fail(m.code ? new AppError(m.code, m.details) : Object.assign(new Error(`import reader failed: ${m.message}`), { workerStack: m.stack }));
    const w = waiting;
    waiting = null;
    w?.resolve(m);
  });
  worker.on('error', (err: Error & { code?: string }) => fail(err.code === 'ERR_WORKER_OUT_OF_MEMORY'
    ? new AppError('IMPORT_READ_MEMORY_EXCEEDED', { heapMb: limits.workerHeapMb })
    : new Error(`import reader worker crashed: ${err.message}`, { cause: err })));
  worker.on('exit', (code) => fail(new Error(`import reader worker exited (code ${code}) before it answered`)));

  /** The worker's next answer; `message` asks for it (the first answer, `opened`, comes unasked). */
  const ask = (message?: ToWorker): Promise<FromWorker> => {
    const answer = new Promise<FromWorker>((resolve, reject) => {
      if (failure) return reject(failure);
      waiting = { resolve, reject };
      arm();
      if (message) worker.postMessage(message);
    });
    // Read-ahead answers may fail while nobody awaits them yet; whoever awaits later still sees the failure.
    answer.catch(() => undefined);
    return answer;
  };
  const close = async () => {
    if (closed) return;
    closed = true;
    clearTimeout(timer);
    await worker.terminate();
  };
  const opened = ask().then((m) => {
    if (m.type !== 'opened') throw new Error(`import reader: unexpected ${m.type}`);
    return m.info;
  });
  opened.catch(() => close());

  async function* read(): AsyncGenerator<ImportRow> {
    try {
      let next = ask({ type: 'more' });
      for (;;) {
        const m = await next;
        if (m.type !== 'rows') throw new Error(`import reader: unexpected ${m.type}`);
        if (!m.done) next = ask({ type: 'more' });
        yield* m.rows;
        if (m.done) return;
      }
    } finally {
      await close();
    }
  }
  const rows = () => {
    const gen = read();
    // return() on a generator that never started skips its finally: close the worker here too.
    const finish = gen.return.bind(gen);
    gen.return = async (value) => {
      await close();
      return finish(value);
    };
    return gen;
  };
  return { opened, rows, close };
}

// ---- the worker's side ----

function failure(err: unknown): FromWorker {
  if (err instanceof AppError) return { type: 'failed', code: err.code, details: err.details, message: err.message };
  const e = err instanceof Error ? err : new Error(String(err));
  return { type: 'failed', message: e.message, stack: e.stack };
}

function sizeOf(row: ImportRow): number {
  let n = 0;
  if (row.record) for (const v of Object.values(row.record)) if (typeof v === 'string') n += v.length;
  for (const e of row.errors ?? []) n += e.length;
  return n;
}

async function serveReading(): Promise<void> {
  const port = parentPort!;
  const { filePath, opts, mode } = workerData as ReaderData;
  let file: ImportFile | null = null;
  port.on('message', (m: ToWorker) => {
    if (m.type !== 'more' || !file) return;
    const rows: ImportRow[] = [];
    let chars = 0;
    void (async () => {
      try {
        for (;;) {
          const n = await file.rows.next();
          if (n.done) return port.postMessage({ type: 'rows', rows, done: true } satisfies FromWorker);
          rows.push(n.value);
          chars += sizeOf(n.value);
          if (rows.length >= batchRows || chars >= batchChars) return port.postMessage({ type: 'rows', rows, done: false } satisfies FromWorker);
        }
      } catch (err) {
        port.postMessage(failure(err));
      }
    })();
  });
  try {
    if (mode === 'check') {
      // Every row goes through the limits; none is turned into a record (rows up to startAfterRow are not).
      let n = 0;
      const onRowRead = () => {
        if (++n % progressEvery === 0) port.postMessage({ type: 'progress' } satisfies FromWorker);
      };
      const checked = await openImportFile(filePath, { ...opts, startAfterRow: Number.MAX_SAFE_INTEGER, onRowRead });
      for await (const row of checked.rows) void row;
      port.postMessage({ type: 'opened', info: checked.info } satisfies FromWorker);
      return;
    }
    file = await openImportFile(filePath, opts);
    port.postMessage({ type: 'opened', info: file.info } satisfies FromWorker);
  } catch (err) {
    port.postMessage(failure(err));
  }
}

if (!isMainThread && (workerData as { marker?: string } | null)?.marker === workerMarker) void serveReading();
