import { sql } from 'kysely';
import type { AppDeps } from '../../deps.js';

export interface OrphanSweepResult {
  /** Blobs in the store. */
  stored: number;
  /** Blobs no attachment row names and older than the grace period: deleted (or, in a dry run, to delete). */
  orphans: number;
  orphanBytes: number;
  /** Unreferenced blobs younger than the grace period, left alone (an upload whose row is not written yet). */
  young: number;
  deleted: number;
}

/** A day: an upload writes its blob before its row (uploads.ts), and the move to the store commits after its puts. */
/**
 * The tables whose `storage_key` column names a blob (a test checks that every such column in the schema is listed here).
 * A major-matter report names its blobs in its `files` jsonb instead.
 */
export const blobKeyTables = ['case_attachments', 'indicator_files', 'item_files'] as const;

export const defaultOrphanGraceMs = 24 * 3_600_000;

/**
 * Deletes blobs that no attachment row references (`case_attachments.storage_key`, an indicator's evidence or story photo in
 * `indicator_files`, a major-matter report's `files`) and that were last changed more
 * than `graceMs` ago. Such blobs are left by an upload that failed between its blob and its row, by a rolled-back
 * batch of `files migrate`, or by a row removed by hand. The grace period protects an upload in flight: its blob
 * exists before the row that names it. Keys are checked against the database in chunks, so memory stays flat
 * whatever the number of blobs. Idempotent; a dry run only counts.
 */
export async function sweepOrphanBlobs(deps: AppDeps, opts: { graceMs?: number; dryRun?: boolean; now?: Date } = {}): Promise<OrphanSweepResult> {
  const graceMs = opts.graceMs ?? defaultOrphanGraceMs;
  const cutoff = (opts.now ?? new Date()).getTime() - graceMs;
  const result: OrphanSweepResult = { stored: 0, orphans: 0, orphanBytes: 0, young: 0, deleted: 0 };
  let chunk: { key: string; size: number; old: boolean }[] = [];
  const flush = async () => {
    if (!chunk.length) return;
    const keys = chunk.map((b) => b.key);
    const wanted = sql`(SELECT j.value FROM json_array_elements_text(${JSON.stringify(keys)}::json) AS j)`;
    const byColumn = blobKeyTables.map((t) => sql`SELECT storage_key FROM ${sql.table(t)} WHERE storage_key IN ${wanted}`);
    const referenced = await sql<{ storage_key: string }>`
      ${sql.join(byColumn, sql` UNION ALL `)}
      UNION ALL
      SELECT f->>'key' FROM major_reports m, jsonb_array_elements(m.files) AS f WHERE f->>'key' IN ${wanted}`.execute(deps.database.db);
    const named = new Set(referenced.rows.map((r) => r.storage_key));
    for (const b of chunk) {
      if (named.has(b.key)) continue;
      if (!b.old) {
        result.young++;
        continue;
      }
      result.orphans++;
      result.orphanBytes += b.size;
      if (!opts.dryRun) {
        await deps.files.delete(b.key);
        result.deleted++;
      }
    }
    chunk = [];
  };
  for await (const blob of deps.files.list()) {
    result.stored++;
    chunk.push({ key: blob.key, size: blob.size, old: blob.modifiedAt.getTime() < cutoff });
    if (chunk.length >= 1000) await flush();
  }
  await flush();
  return result;
}
