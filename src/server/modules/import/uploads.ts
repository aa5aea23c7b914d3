import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import type { MultipartFile } from '@fastify/multipart';
import { AppError } from '../../errors.js';

// Uploaded import files wait on disk (not in the database: they can be hundreds of MB) until a run reads them. The
// folder should persist across restarts so an interrupted run can resume: YIWANG_IMPORT_DIR in production.

export interface StoredUpload {
  id: string;
  fileName: string;
  size: number;
  sha256: string;
  filePath: string;
}

export function uploadDir(): string {
  return process.env.YIWANG_IMPORT_DIR ?? path.join(tmpdir(), 'yiwang-import');
}

export function maxUploadBytes(): number {
  const env = Number(process.env.YIWANG_IMPORT_MAX_UPLOAD_BYTES);
  return Number.isFinite(env) && env > 0 ? env : 200 * 1024 * 1024;
}

const idPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The file's own name without folders or control characters (shown in the run history). */
export function cleanFileName(raw: string): string {
  // eslint-disable-next-line no-control-regex
  const base = (raw.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '').trim();
  return [...(base || 'import')].slice(0, 100).join('');
}

/** Streams the part to disk, hashing it on the way; refuses it past the size cap. */
export async function storeUpload(file: MultipartFile | undefined): Promise<StoredUpload> {
  if (!file) throw new AppError('IMPORT_FILE_EMPTY');
  const dir = uploadDir();
  await mkdir(dir, { recursive: true });
  const id = randomUUID();
  const fileName = cleanFileName(file.filename ?? '');
  const ext = (/\.([A-Za-z0-9]{1,6})$/.exec(fileName)?.[1] ?? 'dat').toLowerCase();
  // Not `${id}.${ext}`: an uploaded .json file would then be overwritten by its own `${id}.json` record below.
  const filePath = path.join(dir, `${id}.data.${ext}`);
  const hash = createHash('sha256');
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      size += chunk.length;
      cb(null, chunk);
    },
  });
  try {
    await pipeline(file.file, counter, createWriteStream(filePath));
  } catch (err) {
    await rm(filePath, { force: true });
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('IMPORT_FILE_TOO_LARGE', { maxBytes: maxUploadBytes() });
    throw err;
  }
  if (file.file.truncated) {
    await rm(filePath, { force: true });
    throw new AppError('IMPORT_FILE_TOO_LARGE', { maxBytes: maxUploadBytes() });
  }
  if (size === 0) {
    await rm(filePath, { force: true });
    throw new AppError('IMPORT_FILE_EMPTY');
  }
  const stored: StoredUpload = { id, fileName, size, sha256: hash.digest('hex'), filePath };
  await writeFile(path.join(dir, `${id}.json`), JSON.stringify(stored));
  return stored;
}

export async function getUpload(id: string): Promise<StoredUpload> {
  if (!idPattern.test(id)) throw new AppError('IMPORT_UPLOAD_NOT_FOUND');
  try {
    return JSON.parse(await readFile(path.join(uploadDir(), `${id}.json`), 'utf8')) as StoredUpload;
  } catch {
    throw new AppError('IMPORT_UPLOAD_NOT_FOUND');
  }
}

export async function dropUpload(u: StoredUpload): Promise<void> {
  await rm(u.filePath, { force: true });
  await rm(path.join(uploadDir(), `${u.id}.json`), { force: true });
}
