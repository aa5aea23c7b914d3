import type { ImportMapping } from '../../../contracts/import.js';
import type { Actor } from '../../../domain/case/types.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { isSourceActive, runImport } from './run-import.js';

// Imports started from the console run as jobs in the server process, not in the request: the request returns the
// run id at once and the page polls the run row. Smaller batches than the CLI keep each transaction short, so on
// PGlite (one connection) other requests wait at most one batch.

interface Job {
  promise: Promise<void>;
  abort: AbortController;
}

export class ImportJobs {
  #jobs = new Map<string, Job>();

  constructor(private readonly deps: AppDeps) {}

  /** Starts the import; resolves with the run id as soon as the run row exists. */
  start(input: { filePath: string; fileName: string; fileSha256: string; source: string; mapping: ImportMapping; mappingName: string | null; actor: Actor }): Promise<number> {
    if (this.#jobs.has(input.source) || isSourceActive(input.source)) throw new AppError('IMPORT_RUN_ACTIVE', { source: input.source });
    const abort = new AbortController();
    return new Promise<number>((resolve, reject) => {
      let started = false;
      const promise = runImport(this.deps, {
        ...input, batchSize: 500, signal: abort.signal,
        onRunStarted: (id) => {
          started = true;
          resolve(id);
        },
      }).then(() => undefined, (err: unknown) => {
        if (!started) reject(err);
        else this.deps.log.warn({ err, source: input.source }, 'import run stopped');
      }).finally(() => this.#jobs.delete(input.source));
      this.#jobs.set(input.source, { promise, abort });
    });
  }

  isRunning(source: string): boolean {
    return this.#jobs.has(source);
  }

  /** Stops every job at its next batch (they are marked interrupted and can be resumed) and waits for them. */
  async stopAll(): Promise<void> {
    const jobs = [...this.#jobs.values()];
    for (const j of jobs) j.abort.abort();
    await Promise.all(jobs.map((j) => j.promise));
  }
}
