import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { Selectable } from 'kysely';
import { zImportMapping, type ImportMapping, type ImportRun, type SavedMapping } from '../../../contracts/import.js';
import type { ImportRunsTable } from '../../db/schema-import.js';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';

// Reading runs, their problems and saved mappings; the error table as CSV.

type RunRow = Selectable<ImportRunsTable>;

/** A run whose process stopped without saying so (kill -9, crash) looks "running" with an old heartbeat. */
const staleAfterMs = 2 * 60_000;

export function presentRun(deps: AppDeps, r: RunRow, active: boolean): ImportRun {
  const names = deps.directory.names();
  const stale = r.status === 'running' && !active && deps.now().getTime() - new Date(r.heartbeat_at).getTime() > staleAfterMs;
  return {
    id: Number(r.id), source: r.source, fileName: r.file_name, fileSize: Number(r.file_size), format: r.format,
    status: stale ? 'interrupted' : r.status, position: r.position,
    counts: { read: r.read_count, created: r.created_count, updated: r.updated_count, skipped: r.skipped_count, failed: r.failed_count, warned: r.warned_count },
    errorCount: r.error_count, message: r.message,
    startedAt: new Date(r.started_at).toISOString(), finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
    heartbeatAt: new Date(r.heartbeat_at).toISOString(), startedBy: r.started_by == null ? null : names.user(r.started_by),
  };
}

export async function getRunRow(deps: AppDeps, id: number): Promise<RunRow> {
  const r = await deps.database.db.selectFrom('import_runs').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('IMPORT_RUN_NOT_FOUND');
  return r;
}

export async function listRuns(deps: AppDeps, limit = 50): Promise<RunRow[]> {
  await deps.directory.ready();
  return deps.database.db.selectFrom('import_runs').selectAll().orderBy('started_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

export async function runErrors(deps: AppDeps, runId: number, offset: number, limit: number) {
  await getRunRow(deps, runId);
  const { db } = deps.database;
  const [items, total] = await Promise.all([
    db.selectFrom('import_run_errors').select(['row_number', 'kind', 'message', 'record_key']).where('run_id', '=', runId)
      .orderBy('row_number').orderBy('id').offset(offset).limit(limit).execute(),
    db.selectFrom('import_run_errors').select(db.fn.countAll<number>().as('n')).where('run_id', '=', runId).executeTakeFirstOrThrow(),
  ]);
  return {
    items: items.map((e) => ({ rowNumber: e.row_number, kind: e.kind, message: e.message, key: e.record_key })),
    total: Number(total.n),
  };
}

/**
 * A text that a spreadsheet would run as a formula (=, +, -, @, tab, CR, and their full-width forms, after leading
 * spaces) is prefixed with an apostrophe: the error table repeats the file's own text, which may be hostile.
 */
export function csvSafe(text: string): string {
  return /^[\s]*[=+\-@\t\r＝＋－＠]/.test(text) ? `'${text}` : text;
}

/** The run's problems as CSV (UTF-8 with BOM so Excel shows Chinese), streamed in pages. */
export function errorsCsv(deps: AppDeps, runId: number): Readable {
  const out = stringify({ bom: true, header: true, columns: ['行号', '类型', '原系统编号', '问题'] });
  void (async () => {
    try {
      for (let offset = 0; ; offset += 5000) {
        const page = await deps.database.db.selectFrom('import_run_errors').select(['row_number', 'kind', 'message', 'record_key'])
          .where('run_id', '=', runId).orderBy('row_number').orderBy('id').offset(offset).limit(5000).execute();
        for (const e of page) {
          const ok = out.write([String(e.row_number), e.kind === 'error' ? '错误（未导入）' : '提示（已导入）', csvSafe(e.record_key ?? ''), csvSafe(e.message)]);
          if (!ok) await new Promise((r) => out.once('drain', r));
        }
        if (page.length < 5000) break;
      }
      out.end();
    } catch (err) {
      out.destroy(err as Error);
    }
  })();
  return out;
}

export async function listMappings(deps: AppDeps): Promise<SavedMapping[]> {
  const rows = await deps.database.db.selectFrom('import_mappings').selectAll().orderBy('name').execute();
  const names = (await deps.directory.ready()).names();
  return rows.map((r) => ({
    name: r.name, mapping: zImportMapping.parse(r.mapping), updatedAt: new Date(r.updated_at).toISOString(),
    updatedBy: r.updated_by == null ? null : names.user(r.updated_by),
  }));
}

export async function getMapping(deps: AppDeps, name: string): Promise<ImportMapping> {
  const r = await deps.database.db.selectFrom('import_mappings').select('mapping').where('name', '=', name).executeTakeFirst();
  if (!r) throw new AppError('IMPORT_MAPPING_NOT_FOUND');
  return zImportMapping.parse(r.mapping);
}

export async function saveMapping(deps: AppDeps, name: string, mapping: ImportMapping, userId: number): Promise<void> {
  const now = deps.now();
  await deps.database.db.insertInto('import_mappings').values({ name, mapping: JSON.stringify(mapping), updated_at: now, updated_by: userId })
    .onConflict((oc) => oc.column('name').doUpdateSet({ mapping: JSON.stringify(mapping), updated_at: now, updated_by: userId })).execute();
}

export async function deleteMapping(deps: AppDeps, name: string): Promise<void> {
  const r = await deps.database.db.deleteFrom('import_mappings').where('name', '=', name).executeTakeFirst();
  if (Number(r.numDeletedRows) === 0) throw new AppError('IMPORT_MAPPING_NOT_FOUND');
}
