import type { FieldError, PublicCategories, PublicSimilarCase, SubmissionRequest, SubmissionResponse, TrackingView, UploadResponse, RateRequest } from '../../../contracts/portal.js';
import { beijingDate, beijingDateTime } from '../../../domain/calendar/local-time.js';

// The public site's own tiny client (no console code). Requests never carry cookies (credentials: 'omit'): the
// public endpoints need no session, and a staff session cookie in the same browser would otherwise make the server
// ask for the console's CSRF token.

export class PublicApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly details?: unknown) {
    super(message);
  }

  get fieldErrors(): FieldError[] {
    return this.code === 'PORTAL_FIELDS_INVALID' && Array.isArray(this.details) ? (this.details as FieldError[]) : [];
  }
}

async function call<T>(method: 'GET' | 'POST', url: string, body?: BodyInit | object, headers: Record<string, string> = {}): Promise<T> {
  const init: RequestInit = { method, credentials: 'omit', headers: { accept: 'application/json', ...headers } };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { ...init.headers, 'content-type': 'application/json' };
  }
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch {
    throw new PublicApiError(0, 'NETWORK_ERROR', '网络连接失败，请检查网络后重试');
  }
  const text = await res.text();
  let json: any = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!res.ok) {
    const err = json?.error;
    const code: string = err?.code ?? (res.status >= 500 ? 'INTERNAL_ERROR' : 'NOT_FOUND');
    // The server always sends the zh-CN message; the console's full message table is not loaded here (size).
    throw new PublicApiError(res.status, code, err?.message ?? (res.status >= 500 ? '服务暂时不可用，请稍后再试' : '请求失败，请重试'), err?.details);
  }
  return json as T;
}

export const publicApi = {
  categories: () => call<PublicCategories>('GET', '/api/public/categories'),
  upload: (file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return call<UploadResponse>('POST', '/api/public/uploads', form);
  },
  submit: (body: SubmissionRequest, key: string) => call<SubmissionResponse>('POST', '/api/public/cases', body, { 'idempotency-key': key }),
  similar: (body: { text: string; categoryId?: number; districtId?: number }) => call<{ items: PublicSimilarCase[] }>('POST', '/api/public/similar', body),
  routeHint: (body: { text: string; categoryId?: number; districtId?: number }) =>
    call<{ departments: { name: string; confidence: number | null }[] }>('POST', '/api/public/route-hint', body),
  track: (token: string) => call<TrackingView>('GET', `/api/public/track/${encodeURIComponent(token)}`),
  rate: (token: string, body: RateRequest) => call<TrackingView>('POST', `/api/public/track/${encodeURIComponent(token)}/rate`, body),
  lookup: (code: string, phoneLast4: string) => call<{ trackingToken: string; trackingUrl: string }>('POST', '/api/public/track/lookup', { code, phoneLast4 }),
};

/** Links to this device's own submissions, so a submitter can come back without the code (kept only in this browser). */
export interface SavedLink {
  code: string;
  token: string;
  title: string;
  at: string;
}
const storageKey = 'yw-portal-links';

export function savedLinks(): SavedLink[] {
  try {
    const v = JSON.parse(localStorage.getItem(storageKey) ?? '[]');
    return Array.isArray(v) ? v : [];
  } catch {
    return [];
  }
}

export function saveLink(link: SavedLink): void {
  try {
    const rest = savedLinks().filter((l) => l.code !== link.code);
    localStorage.setItem(storageKey, JSON.stringify([link, ...rest].slice(0, 20)));
  } catch {
    // Private browsing: nothing saved, the link on screen still works.
  }
}

export function fmtDate(iso: string): string {
  return beijingDate(new Date(iso));
}

export function fmtTime(iso: string): string {
  return beijingDateTime(new Date(iso));
}
