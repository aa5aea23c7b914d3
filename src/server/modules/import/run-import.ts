import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { sql, type Kysely } from 'kysely';
import type { ImportCounts, ImportMapping, ImportPreviewRow } from '../../../contracts/import.js';
import type { Actor } from '../../../domain/case/types.js';
import { buildResolver, type Resolver } from '../../../domain/import/resolve.js';
import type { DB } from '../../db/schema.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { publishCaseChange } from '../cases/index.js';
import type { ResolvedRecord } from './plan-case.js';
import { prepareBatch, type PrepareContext, type PreparedBatch } from './prepare-batch.js';
import type { ImportFileInfo, ImportRow } from '../../import-file/read-file.js';
import { checkImportFile, openImportFileInWorker } from './reader-worker.js';
import { insertCases, insertProblems, lockSource, planUpdate, touchIndex, type ExistingRecord, type RowOutcome } from './write-batch.js';
import { cityShortName } from '../../../domain/settings/city.js';
import { cityTexts } from '../settings/index.js';

// One import of one file: read → resolve → batch → write, committing a batch at a time and recording the run's
// position, so an interrupted run (kill -9, crash, shutdown) continues after its last committed row when the same
// file is imported again for the same source. A dry run does the same reading and checking without writing.

export interface ImportProgress extends ImportCounts {
  position: number;
}

export interface RunImportOptions {
  filePath: string;
  fileName: string;
  source: string;
  mapping: ImportMapping;
  mappingName?: string | null;
  actor: Actor;
  dryRun?: boolean;
  /** Rows per transaction (default 1000). */
  batchSize?: number;
  /** Dry run: rows kept for the report (default all; the console asks for a page). */
  previewLimit?: number;
  onRow?: (row: RowOutcome) => void;
  onProgress?: (p: ImportProgress) => void;
  /** Called once the run row exists (the server's job registry learns the id). */
  onRunStarted?: (runId: number, resumedFrom: number) => void;
  /** Known content hash (uploads hash while receiving). */
  fileSha256?: string;
  signal?: AbortSignal;
}

export interface ImportResult {
  runId: number | null;
  /** Data rows already committed by an earlier, interrupted attempt of this run (0 for a fresh run). */
  resumedFrom: number;
  counts: ImportCounts;
  preview: ImportPreviewRow[];
  truncated: boolean;
  info: ImportFileInfo;
}

/** Warnings kept per run in import_run_errors (all are counted); errors are always kept. */
export const warningCap = 10_000;

/** A row taken (created or updated) with warnings: counted apart from the rows that failed. */
const isWarned = (o: RowOutcome) => (o.outcome === 'create' || o.outcome === 'update') && o.warnings.length > 0;

/** Sources being imported by this process (PGlite has one process; PostgreSQL adds a session advisory lock). */
const activeSources = new Set<string>();

export async function hashFile(filePath: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(filePath, { highWaterMark: 1024 * 1024 })) h.update(chunk as Buffer);
  return h.digest('hex');
}

/** Newline count of a text file: the total rows shown by the CLI's progress bar (approximate for quoted newlines). */
export async function countLines(filePath: string): Promise<number> {
  let n = 0;
  for await (const chunk of createReadStream(filePath, { highWaterMark: 1024 * 1024 })) {
    const b = chunk as Buffer;
    for (let i = b.indexOf(10); i >= 0; i = b.indexOf(10, i + 1)) n++;
  }
  return n;
}

export async function buildImportResolver(deps: AppDeps, mapping: ImportMapping): Promise<Resolver> {
  const dir = await deps.directory.ready();
  return buildResolver(dir.departments, dir.categories, {
    departmentAliases: mapping.departmentAliases, categoryAliases: mapping.categoryAliases, defaultCategory: mapping.defaultCategory,
    city: cityShortName((await cityTexts(deps.database.db)).cityName),
  });
}

function emptyCounts(): ImportCounts {
  return { read: 0, created: 0, updated: 0, skipped: 0, failed: 0, warned: 0 };
}

/** Holds the source for the whole run: in this process always, across processes on PostgreSQL. */
async function withSourceLock<T>(deps: AppDeps, source: string, fn: (db: Kysely<DB>) => Promise<T>): Promise<T> {
  if (activeSources.has(source)) throw new AppError('IMPORT_RUN_ACTIVE', { source });
  activeSources.add(source);
  try {
    if (deps.database.kind !== 'postgres') return await fn(deps.database.db);
    // A session lock on one reserved connection: released by PostgreSQL if this process dies (kill -9), so a
    // rerun can resume at once, while a second live process importing the same source is refused.
    return await deps.database.db.connection().execute(async (conn) => {
      const key = `yw_import_run:${source}`;
      const got = await sql<{ ok: boolean }>`SELECT pg_try_advisory_lock(hashtext(${key})) AS ok`.execute(conn);
      if (!got.rows[0]?.ok) throw new AppError('IMPORT_RUN_ACTIVE', { source });
      try {
        return await fn(conn);
      } finally {
        await sql`SELECT pg_advisory_unlock(hashtext(${key}))`.execute(conn).catch(() => undefined);
      }
    });
  } finally {
    activeSources.delete(source);
  }
}

export function isSourceActive(source: string): boolean {
  return activeSources.has(source);
}

/** Imports (or dry-runs) one file. Throws AppError before writing anything when the file cannot be read at all. */
export async function runImport(deps: AppDeps, opts: RunImportOptions): Promise<ImportResult> {
  if (opts.dryRun) return execute(deps, deps.database.db, opts, null, 0);
  // Read the whole file against the limits (limits.ts) before creating a run: a file that cannot be read, or holds
  // one over-limit row anywhere, leaves no run behind and nothing half-imported.
  const head = { info: await checkImportFile(opts.filePath, { mapping: opts.mapping, now: deps.now() }) };
  const sha = opts.fileSha256 ?? (await hashFile(opts.filePath));
  return withSourceLock(deps, opts.source, async (db) => {
    const now = deps.now();
    const previous = await db.selectFrom('import_runs').select(['id', 'position'])
      .where('source', '=', opts.source).where('file_sha256', '=', sha).where('status', 'in', ['running', 'interrupted', 'failed'])
      .orderBy('id', 'desc').executeTakeFirst();
    let runId: number;
    let position = 0;
    if (previous) {
      runId = Number(previous.id);
      position = previous.position;
      await db.updateTable('import_runs').set({ status: 'running', message: null, heartbeat_at: now, mapping: JSON.stringify(opts.mapping) })
        .where('id', '=', runId).execute();
    } else {
      const row = await db.insertInto('import_runs').values({
        source: opts.source, file_name: opts.fileName, file_size: head.info.size, file_sha256: sha, file_path: opts.filePath,
        format: head.info.format, encoding: head.info.encoding, mapping: JSON.stringify(opts.mapping), mapping_name: opts.mappingName ?? null,
        status: 'running', started_by: opts.actor.userId, started_at: now, heartbeat_at: now,
      }).returning('id').executeTakeFirstOrThrow();
      runId = Number(row.id);
    }
    opts.onRunStarted?.(runId, position);
    try {
      const result = await execute(deps, db, opts, runId, position);
      await db.updateTable('import_runs').set({ status: 'finished', finished_at: deps.now(), heartbeat_at: deps.now() }).where('id', '=', runId).execute();
      return result;
    } catch (err) {
      const interrupted = opts.signal?.aborted === true;
      const message = err instanceof AppError ? err.message : (err as Error).message;
      await db.updateTable('import_runs').set({ status: interrupted ? 'interrupted' : 'failed', message: message.slice(0, 500), heartbeat_at: deps.now() })
        .where('id', '=', runId).execute().catch(() => undefined);
      throw err;
    }
  });
}

async function execute(deps: AppDeps, db: Kysely<DB>, opts: RunImportOptions, runId: number | null, position: number): Promise<ImportResult> {
  const now = deps.now();
  const file = await openImportFileInWorker(opts.filePath, { mapping: opts.mapping, now, startAfterRow: position });
  const resolver = await buildImportResolver(deps, opts.mapping);
  const dir = await deps.directory.ready();
  const nameOf = {
    dept: (id: number | null) => (id == null ? '—' : dir.department(id)?.name ?? `#${id}`),
    category: (id: number) => dir.category(id)?.name ?? `#${id}`,
  };
  const batchSize = opts.batchSize ?? 1000;
  const counts = emptyCounts();
  // Counts of earlier attempts of this run, so progress and the summary are the run's, not this attempt's.
  if (runId !== null && position > 0) {
    const r = await db.selectFrom('import_runs').select(['read_count', 'created_count', 'updated_count', 'skipped_count', 'failed_count', 'warned_count'])
      .where('id', '=', runId).executeTakeFirstOrThrow();
    Object.assign(counts, { read: r.read_count, created: r.created_count, updated: r.updated_count, skipped: r.skipped_count, failed: r.failed_count, warned: r.warned_count });
  }
  let warningsStored = runId === null ? 0 : Number((await db.selectFrom('import_runs').select('warning_count').where('id', '=', runId).executeTakeFirstOrThrow()).warning_count);
  const preview: ImportPreviewRow[] = [];
  let truncated = false;
  const previewLimit = opts.previewLimit ?? Number.POSITIVE_INFINITY;

  const report = (o: RowOutcome, r?: ResolvedRecord) => {
    opts.onRow?.(o);
    // Real runs keep no preview: their problems are in import_run_errors.
    if (opts.dryRun) {
      if (preview.length < previewLimit) {
        preview.push({
          rowNumber: o.rowNumber, outcome: o.outcome, errors: o.errors, warnings: o.warnings,
          summary: {
            key: o.key, title: r?.record.title ?? null,
            createdAt: r ? r.record.createdAt.toISOString() : null,
            status: r ? ({ finished: '已办结', open: '未办结（进入受理队列）', rejected: '不予受理' } as const)[r.record.state] : null,
            department: r?.department?.name ?? r?.record.departmentName ?? null,
            category: r?.category.name ?? null,
            changes: o.changes,
          },
        });
      } else truncated = true;
    }
  };

  let batch: ImportRow[] = [];
  let carried: ImportRow[] = [];
  const prep: PrepareContext = {
    db: deps.database.db, engine: deps.database.kind, source: opts.source, resolver, actor: opts.actor, now: deps.now, runId,
    dryRunSeen: runId === null ? new Map<string, string>() : null,
  };

  /** Writes one prepared batch in one transaction; `upTo` is the last row number read into it. */
  const commit = async ({ rows, entries, next, creates }: PreparedBatch, upTo: number) => {
    const now = deps.now();
    const outcomes: RowOutcome[] = [];
    const updatedIds: number[] = [];
    const work = async (tx: Kysely<DB>) => {
      if (runId !== null) await lockSource(tx, opts.source);
      for (const e of entries) {
        if (e.outcome) {
          outcomes.push(e.outcome);
          continue;
        }
        // The key is known with another fingerprint: what the row does to its case is read under the lock.
        const r = e.resolved!;
        const ex = e.existing!;
        const base = { rowNumber: e.row.rowNumber, key: r.record.key, caseId: ex.caseId, errors: [] as string[], warnings: r.warnings };
        const plan = await planUpdate(tx, opts.source, r, ex.caseId, opts.actor, now, runId ?? 0, nameOf);
        if (plan.refused) {
          outcomes.push({ ...base, outcome: 'skip', changes: [plan.refused] });
          if (runId !== null) await touchIndex(tx, opts.source, r.record.key, r.record.fingerprint, runId, e.row.rowNumber);
        } else {
          outcomes.push({ ...base, outcome: 'update', changes: plan.changes });
          if (runId !== null) {
            await plan.apply!(tx);
            updatedIds.push(ex.caseId);
          }
        }
      }
      if (runId === null) return;
      if (creates) await insertCases(tx, creates);
      const problems: { run_id: number; row_number: number; kind: string; message: string; record_key: string | null }[] = [];
      let warnings = 0;
      for (const o of outcomes) {
        for (const e of o.errors) problems.push({ run_id: runId, row_number: o.rowNumber, kind: 'error', message: e, record_key: o.key });
        for (const w of o.warnings) {
          warnings++;
          if (warningsStored++ < warningCap) problems.push({ run_id: runId, row_number: o.rowNumber, kind: 'warning', message: w, record_key: o.key });
        }
        if (o.outcome === 'skip' && o.changes[0] !== '与已导入的记录相同') {
          problems.push({ run_id: runId, row_number: o.rowNumber, kind: 'warning', message: o.changes[0], record_key: o.key });
        }
      }
      await insertProblems(tx, problems);
      const n = (k: RowOutcome['outcome']) => outcomes.filter((o) => o.outcome === k).length;
      const committedTo = next.length ? Math.min(...next.map((r) => r.rowNumber)) - 1 : Math.max(upTo, ...rows.map((r) => r.rowNumber));
      await tx.updateTable('import_runs').set((eb) => ({
        position: Math.max(position, committedTo),
        read_count: eb('read_count', '+', outcomes.length),
        created_count: eb('created_count', '+', n('create')),
        updated_count: eb('updated_count', '+', n('update')),
        skipped_count: eb('skipped_count', '+', n('skip')),
        failed_count: eb('failed_count', '+', n('fail')),
        error_count: eb('error_count', '+', outcomes.reduce((s, o) => s + o.errors.length, 0)),
        warning_count: eb('warning_count', '+', warnings),
        warned_count: eb('warned_count', '+', outcomes.filter(isWarned).length),
        heartbeat_at: deps.now(),
      })).where('id', '=', runId).execute();
    };
    if (runId === null) await work(db);
    else await db.transaction().execute(work);
    for (const id of updatedIds) await publishCaseChange(deps, id);
    // One outcome per entry, in the same order.
    outcomes.forEach((o, i) => {
      counts.read++;
      counts[({ create: 'created', update: 'updated', skip: 'skipped', fail: 'failed' } as const)[o.outcome]]++;
      if (isWarned(o)) counts.warned++;
      report(o, entries[i].resolved);
    });
    opts.onProgress?.({ ...counts, position: upTo });
  };

  // A pipeline one batch deep: batch N+1 is read and prepared (prepare-batch.ts) while batch N is being written, and
  // its transaction starts only after N's has committed, so batches commit in file order and the run's position only
  // moves forward. At most two batches are in memory (one writing, one preparing), whatever the file's size.
  let inFlight = null as { done: Promise<void>; writes: Map<string, ExistingRecord> } | null;
  const enqueue = async (rows: ImportRow[], upTo: number) => {
    const prepared = await prepareBatch(prep, rows, inFlight?.writes ?? null);
    carried = prepared.next;
    if (inFlight) await inFlight.done;
    const done = commit(prepared, upTo);
    // Awaited before the next batch or at the end; this only keeps an early failure from being "unhandled".
    done.catch(() => undefined);
    inFlight = { done, writes: prepared.writes };
  };

  try {
    for await (const row of file.rows) {
      if (opts.signal?.aborted) {
        if (inFlight) await inFlight.done;
        throw new Error('import interrupted');
      }
      batch.push(row);
      if (batch.length >= batchSize) {
        const rows = [...carried, ...batch];
        batch = [];
        await enqueue(rows, row.rowNumber);
      }
    }
    // The rest, then whatever repeated keys held back, until nothing is left.
    let rest = [...carried, ...batch];
    let upTo = rest.length ? Math.max(...rest.map((r) => r.rowNumber)) : 0;
    while (rest.length) {
      await enqueue(rest, upTo);
      rest = carried;
      upTo = Math.max(upTo, ...rest.map((r) => r.rowNumber));
    }
    if (inFlight) await inFlight.done;
  } catch (err) {
    // A read or prepare failure: let the batch being written commit (or fail) before the run is marked failed.
    await inFlight?.done.catch(() => undefined);
    throw err;
  }
  return { runId, resumedFrom: position, counts, preview, truncated, info: file.info };
}
