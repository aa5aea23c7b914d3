import type {
  DryRunResponse, ImportMapping, ImportRun, SavedMapping, UploadResponse,
} from '../../contracts/import.js';
import { messageFor } from '../../contracts/errors.js';
import type { SessionResponse } from '../../contracts/auth.js';
import { api, ApiError } from './client.js';

// Typed client of the import area. The shared client speaks GET/POST JSON; uploads (multipart) and the mapping
// PUT/DELETE go through `send` below, which takes the CSRF token from the session like the shared client does.

let csrf: string | null = null;

async function csrfToken(): Promise<string> {
  csrf ??= (await api.get<SessionResponse>('/api/auth/me')).csrfToken;
  return csrf;
}

async function send<T>(method: 'POST' | 'PUT' | 'DELETE', url: string, body?: BodyInit, json = true): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'x-csrf-token': await csrfToken() };
  if (json && body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(url, { method, credentials: 'same-origin', headers, body });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', '无法连接服务器，请检查网络后重试');
  }
  const text = await res.text();
  const parsed = text ? (JSON.parse(text) as unknown) : null;
  if (!res.ok) {
    const err = (parsed as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
    if (err?.code === 'CSRF_FAILED') csrf = null;
    const code = err?.code ?? 'INTERNAL_ERROR';
    throw new ApiError(res.status, code, err?.message ?? messageFor(code as never), err?.details);
  }
  return parsed as T;
}

export function uploadImportFile(file: File): Promise<UploadResponse> {
  const form = new FormData();
  form.append('file', file, file.name);
  return send<UploadResponse>('POST', '/api/import/uploads', form, false);
}

export interface RunRequest {
  uploadId: string;
  source: string;
  mappingName?: string;
  mapping?: ImportMapping;
}

export const dryRunImport = (body: RunRequest & { limit?: number }) => api.post<DryRunResponse>('/api/import/dry-run', body);
export const startImport = (body: RunRequest) => api.post<ImportRun>('/api/import/runs', body);
export const listImportRuns = () => api.get<{ items: ImportRun[] }>('/api/import/runs');
export const getImportRun = (id: number) => api.get<ImportRun>(`/api/import/runs/${id}`);
export const resumeImport = (id: number) => api.post<ImportRun>(`/api/import/runs/${id}/resume`, {});
export const getImportErrors = (id: number, offset = 0, limit = 100) =>
  api.get<{ items: { rowNumber: number; kind: 'error' | 'warning'; message: string; key: string | null }[]; total: number }>(`/api/import/runs/${id}/errors`, { offset, limit });
export const importErrorsCsvUrl = (id: number) => `/api/import/runs/${id}/errors.csv`;

export const listMappings = () => api.get<{ items: SavedMapping[] }>('/api/import/mappings');
export const saveMapping = (name: string, mapping: ImportMapping) =>
  send<SavedMapping>('PUT', `/api/import/mappings/${encodeURIComponent(name)}`, JSON.stringify({ mapping }));
export const deleteMapping = (name: string) => send<null>('DELETE', `/api/import/mappings/${encodeURIComponent(name)}`);
