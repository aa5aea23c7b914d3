import type { HotspotConvert, HotspotDetail, HotspotList, HotspotMap, HotspotParamsDto, HotspotParamsView } from '../../contracts/hotspots.js';
import { api } from './client.js';

/** Query keys under ['hotspots']; a run or a take-up reloads them. */
export const hotspotKeys = ['hotspots'] as const;

export const listHotspots = (q: { day?: string; kind?: string; districtId?: number }) => api.get<HotspotList>('/api/hotspots', q);
export const getHotspot = (id: number) => api.get<HotspotDetail>(`/api/hotspots/${id}`);
export const getHotspotMap = () => api.get<HotspotMap>('/api/hotspots/map');
export const runHotspots = () => api.post<{ day: string; found: number; casesRead: number; seconds: number }>('/api/hotspots/run', {});
export const convertHotspot = (id: number, body: Partial<HotspotConvert>) => api.post<{ id: number; code: string }>(`/api/hotspots/${id}/task`, body);
export const setHotspotTopic = (id: number, month: string) => api.post<{ ok: true }>(`/api/hotspots/${id}/topic`, { month });
export const clearHotspotTopic = (id: number) => api.del<{ ok: true }>(`/api/hotspots/${id}/topic`);
export const getHotspotParams = () => api.get<HotspotParamsView>('/api/hotspots/params');
export const saveHotspotParams = (p: HotspotParamsDto) => api.put<HotspotParamsView>('/api/hotspots/params', p);
