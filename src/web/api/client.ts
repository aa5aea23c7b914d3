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

async function request<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const init: RequestInit = { method, credentials: 'same-origin', headers: { accept: 'application/json', ...headers } };
  if (method !== 'GET') {
    // The server refuses cookie-authenticated writes without the CSRF token. Files go as multipart (the browser
    // sets the boundary); everything else as JSON.
    const multipart = body instanceof FormData;
    const json = !multipart && method !== 'DELETE';
    init.headers = { ...init.headers, ...(json ? { 'content-type': 'application/json' } : {}), ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}) };
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
    if (res.status === 401 && !url.startsWith('/api/auth/')) onUnauthenticated?.();
    throw new ApiError(res.status, code, err?.message ?? messageFor(code), err?.details);
  }
  return json as T;
}

export const api = {
  get: <T>(url: string, query?: Query) => request<T>('GET', withQuery(url, query)),
  post: <T>(url: string, body?: unknown, headers?: Record<string, string>) => request<T>('POST', url, body, headers),
  put: <T>(url: string, body?: unknown) => request<T>('PUT', url, body),
  del: <T>(url: string) => request<T>('DELETE', url),
  /** One file as multipart/form-data under `field`. */
  upload: <T>(url: string, file: File, field = 'file') => {
    const form = new FormData();
    form.append(field, file, file.name);
    return request<T>('POST', url, form);
  },
};

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
