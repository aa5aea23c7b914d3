import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Permission } from '../../domain/access/permissions.js';
import { AppError } from '../errors.js';
import type { StaffUser } from '../kernel/index.js';
import { sessionCookie, type Session, type SessionStore } from '../modules/auth/sessions.js';

declare module 'fastify' {
  interface FastifyRequest {
    session: Session | null;
  }
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** API paths anyone may call: the public site and board, sign-in, the API description. Open311 lives outside /api. */
const openApiPaths = ['/api/public/', '/api/auth/login', '/api/openapi.json', '/api/docs'];

/** What a person whose password must be changed may still call. */
const passwordChangePaths = ['/api/auth/me', '/api/auth/logout', '/api/me/password', '/api/me/password-policy'];

const isPublicApi = (url: string) => url.startsWith('/api/public/') || url.startsWith('/open311/');

/** Deny by default: every /api path outside the open ones needs a session, whatever its handler checks later. */
export function needsSession(url: string): boolean {
  return url.startsWith('/api/') && !openApiPaths.some((p) => url === p || url.startsWith(p.endsWith('/') ? p : `${p}/`) || url.startsWith(`${p}?`));
}

/** Refuses the closed API without a session and cookie-authenticated writes without the session's CSRF token. */
function admit(req: FastifyRequest, session: Session | null): AppError | undefined {
  req.session = session;
  if (!session && needsSession(req.url)) return new AppError('UNAUTHENTICATED');
  if (session && !safeMethods.has(req.method) && req.headers['x-csrf-token'] !== session.csrfToken) return new AppError('CSRF_FAILED');
  // A one-time or expired password: nothing but changing it (and who am I, and leaving) until it is changed.
  if (session?.user.mustChangePassword && needsSession(req.url) && !passwordChangePaths.some((p) => req.url === p || req.url.startsWith(`${p}?`))) {
    return new AppError('PASSWORD_CHANGE_REQUIRED');
  }
  return undefined;
}

/**
 * Loads the session from the cookie before the body is validated; refuses the closed API without a session and
 * cookie-authenticated writes without the session's CSRF token. Callback style: a session in the store's cache
 * (nearly every request) is admitted without a promise or a microtask turn.
 */
export function sessionHook(sessions: SessionStore) {
  return (req: FastifyRequest, _reply: FastifyReply, done: (err?: Error) => void) => {
    // Public endpoints never act as a staff member, even when a staff cookie rides along in the same browser.
    if (isPublicApi(req.url)) {
      req.session = null;
      done();
      return;
    }
    const token = req.cookies[sessionCookie];
    const cached = sessions.cached(token);
    if (cached !== undefined) {
      done(admit(req, cached));
      return;
    }
    sessions.find(token).then((session) => done(admit(req, session)), (err: Error) => done(err));
  };
}

/** The signed-in user, or UNAUTHENTICATED; with a permission, FORBIDDEN when none of the user's roles grants it. */
export function requireUser(req: FastifyRequest, permission?: Permission): StaffUser {
  if (!req.session) throw new AppError('UNAUTHENTICATED');
  const user = req.session.user;
  if (permission && !user.permissions.includes(permission)) throw new AppError('FORBIDDEN');
  return user;
}

export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean, maxAgeSeconds: number) {
  reply.setCookie(sessionCookie, token, { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: maxAgeSeconds });
}
