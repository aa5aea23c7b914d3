import type {
  DryRunResponse, ImportMapping, ImportRun, SavedMapping, UploadResponse,
} from '../../contracts/import.js';
import { api } from './client.js';

// Typed client of the import area.

export const uploadImportFile = (file: File) => api.upload<UploadResponse>('/api/import/uploads', file);

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
  api.put<SavedMapping>(`/api/import/mappings/${encodeURIComponent(name)}`, { mapping });
export const deleteMapping = (name: string) => api.del<null>(`/api/import/mappings/${encodeURIComponent(name)}`);
