import type { UnitCreate, UnitDetail, UnitEdit, UnitImportResult, UnitResult, UnitSplit, UnitTree } from '../../contracts/org-units.js';
import { api } from './client.js';

// The organisation admin API (组织机构).
export const fetchUnitTree = () => api.get<UnitTree>('/api/admin/org/tree');
export const fetchUnit = (id: number) => api.get<UnitDetail>(`/api/admin/org/units/${id}`);
export const createUnit = (body: UnitCreate) => api.post<UnitResult>('/api/admin/org/units', body);
export const editUnit = (id: number, body: UnitEdit) => api.post<UnitResult>(`/api/admin/org/units/${id}/edit`, body);
export const moveUnit = (id: number, parentId: number | null, effectiveOn?: string) => api.post<UnitResult>(`/api/admin/org/units/${id}/move`, { parentId, effectiveOn });
export const mergeUnit = (id: number, targetId: number, effectiveOn?: string) => api.post<UnitResult>(`/api/admin/org/units/${id}/merge`, { targetId, effectiveOn });
export const splitUnit = (id: number, body: UnitSplit) => api.post<UnitResult>(`/api/admin/org/units/${id}/split`, body);
export const deactivateUnit = (id: number, effectiveOn?: string) => api.post<UnitResult>(`/api/admin/org/units/${id}/deactivate`, { effectiveOn });
export const reactivateUnit = (id: number, effectiveOn?: string) => api.post<UnitResult>(`/api/admin/org/units/${id}/reactivate`, { effectiveOn });
export const importUnits = (file: File, dryRun: boolean) => api.upload<UnitImportResult>(`/api/admin/org/import?dryRun=${dryRun ? 1 : 0}`, file);
export const unitExportUrl = '/api/admin/org/export';
