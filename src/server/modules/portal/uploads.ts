import { Transform, type TransformCallback } from 'node:stream';
import type { MultipartFile } from '@fastify/multipart';
import { fileTypeFromBuffer } from 'file-type';
import { attachmentLimits, type StaffUploadResponse, type UploadResponse } from '../../../contracts/portal.js';
import type { StaffUser } from '../../kernel/index.js';
import { AppError } from '../../errors.js';
import type { AppDeps } from '../../deps.js';
import { newToken } from './tokens.js';

const pendingLifetimeMs = 24 * 3_600_000;
const extensionOf: Record<string, string> = {
  'image/jpeg': 'jpg', 'image/png': 'png', 'image/gif': 'gif', 'image/webp': 'webp', 'image/heic': 'heic', 'image/heif': 'heif', 'application/pdf': 'pdf',
};

/** What the bytes are, from their first bytes (magic numbers), never from the name or the browser's claim. */
export async function sniffAttachment(head: Uint8Array, size: number): Promise<{ mime: string; ext: string }> {
  if (size === 0) throw new AppError('ATTACHMENT_EMPTY');
  if (size > attachmentLimits.maxBytes) throw new AppError('ATTACHMENT_TOO_LARGE');
  const type = await fileTypeFromBuffer(head);
  if (!type || !(attachmentLimits.mimes as readonly string[]).includes(type.mime)) {
    throw new AppError('ATTACHMENT_TYPE_NOT_ALLOWED', { detected: type?.mime ?? null });
  }
  return { mime: type.mime, ext: extensionOf[type.mime] ?? type.ext };
}

/** The name shown to staff: no path, no control characters, at most 80 characters, and the extension of the real type. */
export function safeFileName(raw: string, ext: string): string {
  const base = (raw.split(/[\\/]/).pop() ?? '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '')
    .replace(/\.[A-Za-z0-9]{1,5}$/, '')
    .trim();
  const chars = [...(base || '附件')];
  return `${chars.slice(0, 80).join('')}.${ext}`;
}

/** A portal upload: a checked file recorded under a token until a submission claims it. */
export async function storeUpload(deps: AppDeps, file: MultipartFile | undefined, ip: string): Promise<UploadResponse> {
  const f = await receiveFile(deps, file);
  const { token, hash } = newToken();
  const now = deps.now();
  await deps.database.db.insertInto('case_attachments').values({
    token_hash: hash, file_name: f.fileName, mime: f.mime, size_bytes: f.size, sha256: f.sha256,
    content: null, storage_key: f.key, uploaded_ip: ip, uploaded_at: now,
  }).execute();
  await dropStaleUploads(deps, now);
  return { token, fileName: f.fileName, mime: f.mime, size: f.size };
}

/**
 * A staff member's file for a command on a case they may see (the route checks that): checked like a portal upload,
 * kept unlinked until the command's event carries it (by id, only for this user and case), dropped after a day if not.
 */
export async function storeStaffUpload(deps: AppDeps, user: StaffUser, caseId: number, file: MultipartFile | undefined, ip: string): Promise<StaffUploadResponse> {
  const f = await receiveFile(deps, file);
  const now = deps.now();
  const row = await deps.database.db.insertInto('case_attachments').values({
    token_hash: null, file_name: f.fileName, mime: f.mime, size_bytes: f.size, sha256: f.sha256, content: null, storage_key: f.key,
    uploaded_ip: ip, uploaded_at: now, origin: 'staff', uploaded_by: user.id, upload_case_id: caseId, visibility: 'internal',
  }).returning('id').executeTakeFirstOrThrow();
  await dropStaleUploads(deps, now);
  return { id: Number(row.id), fileName: f.fileName, mime: f.mime, size: f.size };
}

/**
 * Streams one uploaded file (at most 10 MB) into the blob store and checks its type from its first bytes. The blob is
 * written first and the row after: a failure in between leaves an orphan blob (swept later), never a row without its
 * bytes. A refused file's blob is deleted at once.
 */
export async function receiveFile(deps: AppDeps, file: MultipartFile | undefined): Promise<{ key: string; size: number; sha256: string; mime: string; fileName: string }> {
  if (!file) throw new AppError('ATTACHMENT_MISSING');
  const head = new HeadOf(sniffBytes);
  // pipe() does not pass errors on: the size limit's error must end the store's write too.
  file.file.on('error', (err) => head.destroy(err));
  let blob;
  try {
    blob = await deps.files.put(file.file.pipe(head), { contentType: 'application/octet-stream' });
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('ATTACHMENT_TOO_LARGE');
    throw err;
  }
  let mime: string;
  let ext: string;
  try {
    if (file.file.truncated) throw new AppError('ATTACHMENT_TOO_LARGE');
    ({ mime, ext } = await sniffAttachment(head.bytes(), blob.size));
  } catch (err) {
    await deps.files.delete(blob.key);
    throw err;
  }
  return { key: blob.key, size: blob.size, sha256: blob.sha256, mime, fileName: safeFileName(file.filename ?? '', ext) };
}

/** Uploads nobody submitted (or no command carried) within a day are dropped (a few per upload, through the partial index), rows then blobs. */
async function dropStaleUploads(deps: AppDeps, now: Date) {
  const { db } = deps.database;
  const stale = db.selectFrom('case_attachments').select('id').where('case_id', 'is', null)
    .where('uploaded_at', '<', new Date(now.getTime() - pendingLifetimeMs)).limit(20);
  const gone = await db.deleteFrom('case_attachments').where('id', 'in', stale).returning('storage_key').execute();
  for (const { storage_key: key } of gone) {
    if (key) await deps.files.delete(key).catch((err: unknown) => deps.log.warn({ err, key }, 'stale upload blob not deleted'));
  }
}

// file-type reads at most this many bytes to recognise the formats we accept.
const sniffBytes = 4100;

/** Passes a stream through and keeps its first `limit` bytes. */
class HeadOf extends Transform {
  #chunks: Buffer[] = [];
  #kept = 0;
  constructor(private readonly limit: number) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
    if (this.#kept < this.limit) {
      const part = chunk.subarray(0, this.limit - this.#kept);
      this.#chunks.push(Buffer.from(part));
      this.#kept += part.length;
    }
    done(null, chunk);
  }
  bytes(): Buffer {
    return Buffer.concat(this.#chunks);
  }
}
