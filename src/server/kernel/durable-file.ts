import { open, rename } from 'node:fs/promises';
import path from 'node:path';

// The last two steps of writing a file so that a crash leaves either no file (or the old one) or the whole new one:
// the caller has written and fsynced `tmp`; it is renamed over `target` and the folder is fsynced, so the rename
// itself survives a power loss. Used by the blob store's puts and by backups.

/** Renames the fsynced `tmp` to `target` and fsyncs the target's folder. */
export async function moveIntoPlace(tmp: string, target: string): Promise<void> {
  await rename(tmp, target);
  await syncDir(path.dirname(target));
}

/** Fsyncs a folder so that the names just created or renamed in it are durable. */
export async function syncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } catch {
    // Some filesystems refuse fsync on a folder; the rename is still atomic.
  } finally {
    await fh.close();
  }
}
