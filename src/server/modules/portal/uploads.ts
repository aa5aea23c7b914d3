import { createHash } from 'node:crypto';
import type { MultipartFile } from '@fastify/multipart';
import { fileTypeFromBuffer } from 'file-type';
import { attachmentLimits, type UploadResponse } from '../../../contracts/portal.js';
import { AppError } from '../../errors.js';
import type { AppDeps } from '../../deps.js';
import { newToken } from './tokens.js';

const pendingLifetimeMs = 24 * 3_600_000;
const extensionOf: Record<string, string> = {
  'image/jpeg': 'jpg', 'image/png': 'png', 'image/gif': 'gif', 'image/webp': 'webp', 'image/heic': 'heic', 'image/heif': 'heif', 'application/pdf': 'pdf',
};

/** What the bytes are, from their content (magic numbers), never from the name or the browser's claim. */
export async function sniffAttachment(content: Uint8Array): Promise<{ mime: string; ext: string }> {
  if (content.length === 0) throw new AppError('ATTACHMENT_EMPTY');
  if (content.length > attachmentLimits.maxBytes) throw new AppError('ATTACHMENT_TOO_LARGE');
  const type = await fileTypeFromBuffer(content);
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

/** Reads one uploaded file (at most 10 MB), checks its type from its content and stores it until a submission claims it. */
export async function storeUpload(deps: AppDeps, file: MultipartFile | undefined, ip: string): Promise<UploadResponse> {
  if (!file) throw new AppError('ATTACHMENT_MISSING');
  let content: Buffer;
  try {
    content = await file.toBuffer();
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('ATTACHMENT_TOO_LARGE');
    throw err;
  }
  if (file.file.truncated) throw new AppError('ATTACHMENT_TOO_LARGE');
  const { mime, ext } = await sniffAttachment(content);
  const fileName = safeFileName(file.filename ?? '', ext);
  const { token, hash } = newToken();
  const now = deps.now();
  const { db } = deps.database;
  // Uploads nobody submitted within a day are dropped (a few per upload, through the partial index).
  const stale = db.selectFrom('case_attachments').select('id').where('case_id', 'is', null)
    .where('uploaded_at', '<', new Date(now.getTime() - pendingLifetimeMs)).limit(20);
  await db.deleteFrom('case_attachments').where('id', 'in', stale).execute();
  await db.insertInto('case_attachments').values({
    token_hash: hash, file_name: fileName, mime, size_bytes: content.length, sha256: createHash('sha256').update(content).digest('hex'),
    content, uploaded_ip: ip, uploaded_at: now,
  }).execute();
  return { token, fileName, mime, size: content.length };
}
