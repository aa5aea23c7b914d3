import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { AdminAuditPage, AdminAuditVerify } from '../../contracts/admin-audit.js';
import type { CitySettings, PublicSettings, SettingsUpdate, SetupRequest } from '../../contracts/settings.js';
import { api, publicClient } from './client.js';

export const fetchPublicSettings = () => publicClient.get<PublicSettings>('/api/public/settings');
export const fetchSettings = () => api.get<CitySettings>('/api/settings');
export const saveSettings = (body: SettingsUpdate) => api.put<CitySettings>('/api/settings', body);
export const setupPlatform = (body: SetupRequest) => publicClient.post<{ cityName: string; adminUsername: string }>('/api/public/setup', body);

export const publicSettingsKey = ['public-settings'] as const;

/** The city's name and titles for every page (login, layout, public site); the browser tab's title follows. */
export function usePublicSettings(): PublicSettings | undefined {
  const { data } = useQuery({ queryKey: publicSettingsKey, queryFn: fetchPublicSettings, staleTime: 60_000 });
  useEffect(() => {
    if (data?.initialised) document.title = `一网督办 · ${data.siteTitle}`;
  }, [data]);
  return data;
}

export type AuditFilters = { from?: string; to?: string; actorUserId?: number; action?: string; targetType?: string; q?: string };
export const fetchAudit = (f: AuditFilters & { before?: number; limit?: number }) => api.get<AdminAuditPage>('/api/admin/audit', f);
export const fetchAuditActors = () => api.get<{ items: { userId: number | null; name: string }[] }>('/api/admin/audit/actors');
export const verifyAudit = () => api.get<AdminAuditVerify>('/api/admin/audit/verify');
/** The export's address with the same filters (a plain GET: the browser downloads it with the session cookie). */
export function auditExportUrl(f: AuditFilters): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== '') p.set(k, String(v));
  const s = p.toString();
  return `/api/admin/audit/export${s ? `?${s}` : ''}`;
}
