import type { FastifyReply } from 'fastify';
import { contentDisposition } from '../../kernel/index.js';
import type { AttachmentBody } from './attachments.js';

/** A file's bytes with headers that keep a browser from running or re-typing it. */
export function sendAttachment(reply: FastifyReply, file: AttachmentBody, id: number, inline: boolean, cache: string) {
  const fallback = `attachment-${id}.${file.fileName.split('.').pop()}`;
  return reply.header('content-type', file.mime)
    .header('content-disposition', contentDisposition(file.fileName, fallback, inline ? 'inline' : 'attachment'))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; object-src 'self'")
    .header('cache-control', cache)
    .header('content-length', String(file.size))
    .send(file.stream);
}

