import { isUtf8 } from 'node:buffer';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.js';

// Requests must be UTF-8. Decoding other bytes (GBK from an old client, Latin-1) "leniently" would store U+FFFD
// replacement characters in place of what the citizen wrote and answer 201 as if all was well; instead the
// request is refused with INVALID_UTF8 (400) before any handler sees it: JSON bodies here, form bodies in the
// Open311 parser (isUtf8Body), percent-encoded bytes in the URL in the onRequest hook. The two multipart routes
// (portal attachment, import upload) read no text field, only the file, whose name is sanitised where it is stored.

/** True when the bytes are valid UTF-8. */
export const isUtf8Body = (body: Buffer): boolean => isUtf8(body);

/** Percent-encoded bytes of a URL path or query that decode to valid UTF-8 ('+' is a space in forms). */
export function isUtf8Url(url: string): boolean {
  if (!url.includes('%')) return true;
  try {
    decodeURIComponent(url.replace(/\+/g, ' '));
    return true;
  } catch {
    return false;
  }
}

export function installUtf8Guard(app: FastifyInstance): void {
  // Fastify's own JSON parser (prototype poisoning refused), fed only with bytes that are valid UTF-8.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
    const bytes = body as Buffer;
    if (!isUtf8(bytes)) {
      done(new AppError('INVALID_UTF8'), undefined);
      return;
    }
    parseJson(req, bytes.toString('utf8'), done);
  });
  app.addHook('onRequest', (req, _reply, done) => {
    done(isUtf8Url(req.url) ? undefined : new AppError('INVALID_UTF8'));
  });
}
