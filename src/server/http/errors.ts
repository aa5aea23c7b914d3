import type {} from '@fastify/static';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { textFaultCode } from '../../contracts/common.js';
import { messageFor, type ErrorCode } from '../../contracts/errors.js';
import { AppError } from '../errors.js';
import { databaseFaultOf, httpStatusFor, retryAfterSeconds } from '../kernel/index.js';


function body(code: ErrorCode, details?: unknown) {
  return { error: { code, message: messageFor(code), ...(details === undefined ? {} : { details }) } };
}

/** Maps every failure to `{ error: { code, message, details } }` with a stable code and a zh-CN message. */
export function installErrorHandling(app: FastifyInstance, spaShell = false) {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) return reply.status(httpStatusFor(err.code)).send(body(err.code, err.details));
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = err.validation.map((v) => ({ field: v.instancePath.replace(/^\//, '').replaceAll('/', '.'), message: v.message }));
      // Control characters (NUL…) refused by the text normaliser get their own stable code.
      const textFault = err.validation.some((v) => (v.params as { params?: { code?: string } } | undefined)?.params?.code === textFaultCode);
      return reply.status(400).send(body(textFault ? 'TEXT_CONTROL_CHARACTER' : 'VALIDATION_FAILED', details));
    }
    if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || err instanceof SyntaxError) {
      return reply.status(400).send(body('MALFORMED_JSON'));
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.status(413).send(body('VALIDATION_FAILED', { body: '请求内容过大' }));
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return reply.status(415).send(body('VALIDATION_FAILED', { body: '不支持的内容类型' }));
    if (err.statusCode && err.statusCode < 500) return reply.status(err.statusCode).send(body('VALIDATION_FAILED', { message: err.message }));
    const fault = databaseFaultOf(err);
    if (fault) {
      req.log.warn({ err: { message: err.message, code: err.code } }, 'database fault');
      return reply.status(httpStatusFor(fault)).header('retry-after', String(retryAfterSeconds[fault])).send(body(fault));
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send(body('INTERNAL_ERROR'));
  });
  app.setNotFoundHandler((req, reply) => {
    // Client-side routes: a GET outside /api and /assets that matches no file gets the app shell (/p/*: the public site).
    if (spaShell && req.method === 'GET' && !req.url.startsWith('/api/') && !req.url.startsWith('/assets/')) {
      const publicSite = req.url === '/p' || req.url.startsWith('/p/') || req.url.startsWith('/p?');
      return reply.sendFile(publicSite ? 'portal.html' : 'index.html');
    }
    return reply.status(404).send(body('NOT_FOUND'));
  });
}
