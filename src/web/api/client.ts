import { messageFor } from '../../contracts/errors.js';

/** A failed API call, carrying the server's stable code and its zh-CN message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Validation details as `{field, message}` pairs, when the server sent them. */
  get fieldErrors(): { field: string; message: string }[] {
    if (!Array.isArray(this.details)) return [];
    return this.details.filter((d): d is { field: string; message: string } => !!d && typeof d === 'object' && 'field' in d && 'message' in d);
  }
}

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when any request answers 401, so the app can return to the login page. */
export function setUnauthenticatedHandler(fn: (() => void) | null): void {
  onUnauthenticated = fn;
}

type Query = Record<string, string | number | undefined | null>;

function withQuery(url: string, query?: Query): string {
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `${url}?${s}` : url;
}

/**
 * `console` calls carry the session cookie and the CSRF token and answer 401 by returning to the login page;
 * `public` calls (the phone site) never carry cookies: the public endpoints need no session, and a staff session
 * cookie in the same browser would otherwise make the server ask for the console's CSRF token.
 */
type Audience = 'console' | 'public';

async function request<T>(audience: Audience, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const staff = audience === 'console';
  const init: RequestInit = { method, credentials: staff ? 'same-origin' : 'omit', headers: { accept: 'application/json', ...headers } };
  if (method !== 'GET') {
    // The server refuses cookie-authenticated writes without the CSRF token. Files go as multipart (the browser
    // sets the boundary); everything else as JSON.
    const multipart = body instanceof FormData;
    const json = !multipart && method !== 'DELETE';
    init.headers = { ...init.headers, ...(json ? { 'content-type': 'application/json' } : {}), ...(staff && csrfToken ? { 'x-csrf-token': csrfToken } : {}) };
    if (multipart) init.body = body;
    else if (json) init.body = JSON.stringify(body ?? {});
  }
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', '无法连接服务器，请检查网络后重试');
  }
  const text = await res.text();
  let json: unknown = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }
  if (!res.ok) {
    const err = (json as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
    const code = err?.code ?? (res.status >= 500 ? 'INTERNAL_ERROR' : 'NOT_FOUND');
    if (staff && res.status === 401 && !url.startsWith('/api/auth/')) onUnauthenticated?.();
    throw new ApiError(res.status, code, err?.message ?? messageFor(code), err?.details);
  }
  return json as T;
}

function client(audience: Audience) {
  return {
    get: <T>(url: string, query?: Query) => request<T>(audience, 'GET', withQuery(url, query)),
    post: <T>(url: string, body?: unknown, headers?: Record<string, string>) => request<T>(audience, 'POST', url, body, headers),
    put: <T>(url: string, body?: unknown) => request<T>(audience, 'PUT', url, body),
    del: <T>(url: string) => request<T>(audience, 'DELETE', url),
    /** One file as multipart/form-data under `field`. */
    upload: <T>(url: string, file: File, field = 'file') => {
      const form = new FormData();
      form.append(field, file, file.name);
      return request<T>(audience, 'POST', url, form);
    },
  };
}

/** The console's client (session cookie, CSRF token, 401 → login). */
export const api = client('console');
/** The public phone site's client: the same requests and errors, without cookies. */
export const publicClient = client('public');

/** The user-facing text of any error thrown by a call. */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) {
    const fields = err.fieldErrors.map((f) => f.message).filter(Boolean);
    return fields.length && err.code === 'VALIDATION_FAILED' ? `${err.message}：${fields.join('；')}` : err.message;
  }
  return messageFor('INTERNAL_ERROR');
}

/** A POST that answers with a file (e.g. the backup): the body as a Blob and the server's file name. */
export async function postForFile(url: string): Promise<{ blob: Blob; fileName: string }> {
  const res = await fetch(url, { method: 'POST', credentials: 'same-origin', headers: csrfToken ? { 'x-csrf-token': csrfToken } : {} }).catch(() => {
    throw new ApiError(0, 'NETWORK_ERROR', '无法连接服务器，请检查网络后重试');
  });
  if (!res.ok) {
    const err = ((await res.json().catch(() => null)) as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
    const code = err?.code ?? 'INTERNAL_ERROR';
    if (res.status === 401) onUnauthenticated?.();
    throw new ApiError(res.status, code, err?.message ?? messageFor(code), err?.details);
  }
  const disposition = res.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1];
  const fileName = encoded ? decodeURIComponent(encoded) : /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'download';
  return { blob: await res.blob(), fileName };
}
