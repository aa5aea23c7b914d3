import type { MultipartFile } from '@fastify/multipart';
import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import type { StaffUser, Tx } from '../../kernel/index.js';
import { receiveFile } from '../portal/index.js';

// Evidence of a figure and photos of a story: uploaded one by one (checked like every upload: size, type from the
// bytes, safe name), kept unlinked until a filing or a nomination names them. The orphan-blob sweep knows this table.

export async function storeIndicatorFile(deps: AppDeps, user: StaffUser, file: MultipartFile | undefined) {
  const f = await receiveFile(deps, file);
  const row = await deps.database.db.insertInto('indicator_files').values({
    file_name: f.fileName, mime: f.mime, size_bytes: f.size, sha256: f.sha256, storage_key: f.key, uploaded_by: user.id, uploaded_at: deps.now(),
  }).returning('id').executeTakeFirstOrThrow();
  return { id: Number(row.id), fileName: f.fileName, mime: f.mime, size: f.size };
}

/** Links the caller's own unlinked uploads to a figure or a story; refuses ids that are not that. */
export async function linkFiles(tx: Tx, userId: number, ids: readonly number[], to: { figureId: number } | { storyId: number }, code: 'FIGURE_EVIDENCE_INVALID' | 'STORY_PHOTOS_INVALID'): Promise<void> {
  const unique = [...new Set(ids)];
  if (!unique.length) return;
  const r = await tx.updateTable('indicator_files')
    .set('figureId' in to ? { figure_id: to.figureId } : { story_id: to.storyId })
    .where('id', 'in', unique).where('uploaded_by', '=', userId).where('figure_id', 'is', null).where('story_id', 'is', null)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== unique.length) throw new AppError(code);
}

export async function filesOf(db: Tx, by: 'figure_id' | 'story_id', ids: readonly number[]) {
  if (!ids.length) return new Map<number, { id: number; fileName: string; mime: string; size: number }[]>();
  const rows = await db.selectFrom('indicator_files').select(['id', 'figure_id', 'story_id', 'file_name', 'mime', 'size_bytes'])
    .where(by, 'in', [...ids]).orderBy('id').execute();
  const out = new Map<number, { id: number; fileName: string; mime: string; size: number }[]>();
  for (const r of rows) {
    const k = Number(r[by]);
    out.set(k, [...(out.get(k) ?? []), { id: Number(r.id), fileName: r.file_name, mime: r.mime, size: r.size_bytes }]);
  }
  return out;
}
