import type { AppDeps } from '../../deps.js';
import { AppError } from '../../errors.js';
import type { StaffUser } from '../../kernel/index.js';
import { isLeadUnit, leadOf } from './figures.js';
import { getIndicatorRow } from './repository.js';

// Who may open an evidence file or a story photo: its uploader; for evidence, the lead unit of its indicator and the
// 营商办 (reviewers); for photos, story reviewers and the nominator's unit. Anything else is not found (no existence leak).

export async function openIndicatorFile(deps: AppDeps, user: StaffUser, fileId: number) {
  const db = deps.database.db;
  const f = await db.selectFrom('indicator_files').selectAll().where('id', '=', fileId).executeTakeFirst();
  if (!f) throw new AppError('NOT_FOUND');
  let allowed = f.uploaded_by === user.id || user.permissions.includes('indicator:review') || user.permissions.includes('case:read-all');
  if (!allowed && f.figure_id !== null) {
    const fig = await db.selectFrom('indicator_figures').select('indicator_id').where('id', '=', f.figure_id).executeTakeFirstOrThrow();
    const m = await getIndicatorRow(db, fig.indicator_id);
    allowed = !!m && isLeadUnit(user, await leadOf(db, m));
  }
  if (!allowed && f.story_id !== null) {
    const s = await db.selectFrom('indicator_stories as s').innerJoin('users as u', 'u.id', 's.nominated_by').select('u.department_id')
      .where('s.id', '=', f.story_id).executeTakeFirstOrThrow();
    allowed = s.department_id === user.departmentId;
  }
  if (!allowed) throw new AppError('NOT_FOUND');
  const blob = await deps.files.get(f.storage_key);
  return { fileName: f.file_name, mime: f.mime, size: blob.size, stream: blob.stream };
}
