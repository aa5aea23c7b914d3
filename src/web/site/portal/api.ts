import { ApiError, publicClient } from '../../api/client.js';
import type { FieldError, PublicCategories, PublicSimilarCase, SubmissionRequest, SubmissionResponse, TrackingView, UploadResponse, RateRequest } from '../../../contracts/portal.js';
import { beijingDate, beijingDateTime } from '../../../domain/calendar/local-time.js';

// The public site's calls, through the shared client's public side: requests never carry cookies (the public
// endpoints need no session, and a staff session cookie in the same browser would otherwise make the server ask for
// the console's CSRF token).

const call = <T>(method: 'GET' | 'POST', url: string, body?: object, headers?: Record<string, string>) =>
  method === 'GET' ? publicClient.get<T>(url) : publicClient.post<T>(url, body, headers);

/** The per-field messages of a rejected submission (PORTAL_FIELDS_INVALID), or none. */
export function portalFieldErrors(err: unknown): FieldError[] {
  return err instanceof ApiError && err.code === 'PORTAL_FIELDS_INVALID' && Array.isArray(err.details) ? (err.details as FieldError[]) : [];
}

/** The text to show for a failed call: the server's zh-CN message, or `fallback` for anything that is not an API error. */
export function failureText(err: unknown, fallback: string): string {
  return err instanceof ApiError ? err.message : fallback;
}

export const publicApi = {
  categories: () => call<PublicCategories>('GET', '/api/public/categories'),
  upload: (file: File) => publicClient.upload<UploadResponse>('/api/public/uploads', file),
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
