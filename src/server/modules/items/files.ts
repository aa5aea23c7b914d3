import type { MultipartFile } from '@fastify/multipart';
import { canReport, isItemSupervisor } from '../../../domain/items/index.js';
import { AppError } from '../../errors.js';
import type { AppDeps } from '../../deps.js';
import type { StaffUser } from '../../kernel/index.js';
import { receiveFile } from '../portal/index.js';
import { lockVisibleItem, unitsOf, viewerOf } from './access.js';
import { requireOpen } from './run.js';

// Evidence files (佐证材料) of an item: checked and stored like a case's attachments (the portal's receiveFile: size,
// type from the first bytes, the blob store), recorded in item_files for the uploader, then named by a report or 销号.

export async function storeItemFile(deps: AppDeps, user: StaffUser, id: number, file: MultipartFile | undefined) {
  // Checked before the bytes are read: the item exists for this user, is open, and the user reports or supervises it.
  await deps.database.db.transaction().execute(async (tx) => {
    const row = await lockVisibleItem(tx, user, id);
    requireOpen(row);
    if (!isItemSupervisor(viewerOf(user)) && !canReport(viewerOf(user), unitsOf(row))) throw new AppError('ITEM_NOT_OWN_UNIT');
  });
  const f = await receiveFile(deps, file);
  const row = await deps.database.db.insertInto('item_files').values({
    item_id: id, file_name: f.fileName, mime: f.mime, size_bytes: f.size, sha256: f.sha256, storage_key: f.key, uploaded_by: user.id, uploaded_at: deps.now(),
  }).returning('id').executeTakeFirstOrThrow();
  return { id: Number(row.id), fileName: f.fileName, mime: f.mime, size: f.size };
}
