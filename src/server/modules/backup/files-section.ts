import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, readdirSync } from 'node:fs';
import { mkdir, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import type { Database } from '../../db/engine.js';
import { BlobNotFound, FsBlobStore, isBlobKey, moveIntoPlace, type BlobStore } from '../../kernel/index.js';
import { backupExit, BackupError } from './manifest.js';

// The files of a filesystem store travel in the backup file after the database's dump, as a tar of the store's
// blobs under their keys (`ab/cd/<key>`, the same layout as the folder and as the objects in an S3 bucket).
// PGlite's dump already carries a store that lies inside its data folder (the default, DIR/files), so no section
// is written then. Objects in S3 are not copied: the bucket has its own versioning and replication.

export interface FilesSection {
  count: number;
  bytes: number;
  sha256: string;
}

/** Whether the backup must carry the store's files itself: a folder, not already inside the PGlite folder dumped. */
export function filesNeedSection(database: Database, files: BlobStore | undefined): files is FsBlobStore {
  if (!(files instanceof FsBlobStore)) return false;
  if (!existsSync(files.root) || readdirSync(files.root).length === 0) return false;
  if (database.kind === 'pglite' && database.location !== 'memory') {
    const rel = path.relative(path.resolve(database.location), files.root);
    if (!rel.startsWith('..') && !path.isAbsolute(rel)) return false;
  }
  return true;
}

/** Appends every blob of the store to `fh` at `position` as a tar; blobs are immutable, so any moment's list is whole. */
export async function writeFilesSection(fh: FileHandle, position: number, files: FsBlobStore): Promise<FilesSection> {
  const pack = tar.pack();
  const hash = createHash('sha256');
  let bytes = 0;
  let count = 0;
  const writing = (async () => {
    for await (const chunk of pack as AsyncIterable<Buffer>) {
      hash.update(chunk);
      await fh.write(chunk, 0, chunk.length, position + bytes);
      bytes += chunk.length;
    }
  })();
  try {
    for await (const { key } of files.list()) {
      let blob;
      try {
        blob = await files.get(key);
      } catch (err) {
        if (err instanceof BlobNotFound) continue; // deleted meanwhile (an expired upload)
        throw err;
      }
      const entry = pack.entry({ name: key, size: blob.size, mode: 0o640 });
      await pipeline(blob.stream, entry);
      count += 1;
    }
    pack.finalize();
  } catch (err) {
    pack.destroy(err as Error);
    await writing.catch(() => {});
    throw err;
  }
  await writing;
  return { count, bytes, sha256: hash.digest('hex') };
}

/**
 * Unpacks a backup's files section into `root`: into ROOT.restoring first, then swapped in; a folder that held files
 * is kept as ROOT.before-restore-<time> (returned). Only names that are blob keys are written.
 */
export async function restoreFilesSection(file: string, start: number, length: number, root: string): Promise<{ count: number; keptAt: string | null }> {
  const target = path.resolve(root);
  const staging = `${target}.restoring`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  const extract = tar.extract();
  let count = 0;
  extract.on('entry', (header, stream, next) => {
    if (header.type !== 'file' || !isBlobKey(header.name)) {
      stream.resume();
      stream.on('end', next);
      return;
    }
    const out = path.join(staging, header.name);
    mkdir(path.dirname(out), { recursive: true })
      .then(() => pipeline(stream, createWriteStream(out, { mode: 0o640 })))
      .then(() => {
        count += 1;
        next();
      }, next);
  });
  try {
    await pipeline(createReadStream(file, { start, end: start + length - 1 }), extract);
  } catch (err) {
    await rm(staging, { recursive: true, force: true });
    throw new BackupError('BACKUP_FILES_FAILED', backupExit.fileRefused, `无法恢复备份中的附件文件：${(err as Error).message}`, 'Could not restore the files from the backup.');
  }
  let keptAt: string | null = null;
  if (existsSync(target)) {
    if (readdirSync(target).length > 0) {
      keptAt = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      await rename(target, keptAt);
    } else await rm(target, { recursive: true, force: true });
  }
  await mkdir(path.dirname(target), { recursive: true });
  await moveIntoPlace(staging, target);
  return { count, keptAt };
}
