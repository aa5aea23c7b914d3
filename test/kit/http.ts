import type { FastifyInstance } from 'fastify';
import { demoPassword } from '../../src/server/demo/seed-org.js';

export interface Client {
  get(url: string, headers?: Record<string, string>): Promise<{ status: number; body: any; headers: Record<string, unknown> }>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
}

/** Logs in through the API and returns a client that sends the session cookie and CSRF header. */
export async function loginAs(app: FastifyInstance, username: string, password = demoPassword): Promise<Client & { user: any; headers: Record<string, string> }> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'yw_session')!;
  const { csrfToken, user } = res.json();
  const cookieHeader = `yw_session=${cookie.value}`;
  return {
    user,
    /** The session cookie and CSRF header, for requests the client does not shape (multipart uploads). */
    headers: { cookie: cookieHeader, 'x-csrf-token': csrfToken },
    async get(url, headers = {}) {
      const r = await app.inject({ method: 'GET', url, headers: { cookie: cookieHeader, ...headers } });
      return { status: r.statusCode, body: r.body ? r.json() : null, headers: r.headers };
    },
    async post(url, body = {}, headers = {}) {
      const r = await app.inject({ method: 'POST', url, payload: body as object, headers: { cookie: cookieHeader, 'x-csrf-token': csrfToken, ...headers } });
      return { status: r.statusCode, body: r.body ? r.json() : null };
    },
  };
}
