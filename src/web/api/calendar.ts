import type { CalendarChangeResponse, CalendarResponse, PoliciesResponse, PolicyDto, PolicyInput } from '../../contracts/calendar.js';
import { api } from './client.js';

export const fetchCalendar = () => api.get<CalendarResponse>('/api/calendar');
export const saveDay = (body: { date: string; kind: 'holiday' | 'makeup_workday'; name: string; year?: number }) =>
  api.post<CalendarChangeResponse>('/api/calendar/days', body);
export const deleteDay = (date: string) => api.post<CalendarChangeResponse>(`/api/calendar/days/${encodeURIComponent(date)}/delete`);
export const importYear = (body: { year: number; source: string; text: string }) => api.post<CalendarChangeResponse>('/api/calendar/import', body);
export const deleteYear = (year: number) => api.post<CalendarChangeResponse>(`/api/calendar/years/${year}/delete`);
export const saveWorkingHours = (periods: Array<[string, string]>) => api.post<CalendarChangeResponse>('/api/calendar/working-hours', { periods });

export const fetchPolicies = () => api.get<PoliciesResponse>('/api/policies');
export const fetchPolicyHistory = (categoryId: number | null, caseType: string | null, urgency: string) =>
  api.get<{ items: PolicyDto[] }>('/api/policies/history', { categoryId, caseType, urgency });
export const savePolicy = (body: PolicyInput) => api.post<CalendarChangeResponse>('/api/policies', body);
export const deletePolicy = (categoryId: number | null, caseType: string | null, urgency: string) =>
  api.post<CalendarChangeResponse>('/api/policies/delete', { categoryId, caseType, urgency });
