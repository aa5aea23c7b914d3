import type { z } from 'zod';
import type {
  SuggestionDetail, SuggestionListItem, UnitSummary, zMajorReport, zMajorReportStats, zPublicSuggestion, zPublicSuggestionList, zReportType,
} from '../../contracts/suggestions.js';
import { api, publicClient } from './client.js';

export type MajorReport = z.infer<typeof zMajorReport>;
export type ReportType = z.infer<typeof zReportType>;
export type PublicSuggestion = z.infer<typeof zPublicSuggestion>;
export type PublicSuggestionList = z.infer<typeof zPublicSuggestionList>;

export const suggestionKeys = ['suggestions'] as const;

export const listSuggestions = (q: Record<string, string | number | undefined>) => api.get<{ items: SuggestionListItem[]; total: number }>('/api/suggestions', q);
export const getSuggestion = (id: number) => api.get<SuggestionDetail>(`/api/suggestions/${id}`);
export const registerSuggestion = (body: unknown) => api.post<SuggestionDetail>('/api/suggestions', body);
export const listDeputies = () => api.get<{ items: { id: number; name: string }[] }>('/api/suggestions/deputies');
export const suggestionCommand = (id: number, command: string, body: unknown = {}) => api.post<SuggestionDetail>(`/api/suggestions/${id}/${command}`, body);
export const getYearSummary = (year: number) => api.get<{ year: number; units: UnitSummary[] }>('/api/suggestions/summary', { year });

export const majorReportKeys = ['major-reports'] as const;
export const listReportTypes = () => api.get<{ items: ReportType[] }>('/api/major-report-types');
export const saveReportType = (id: number | null, body: unknown) => api.post<ReportType>(id ? `/api/major-report-types/${id}` : '/api/major-report-types', body);
export const listMajorReports = (q: Record<string, string | number | undefined>) => api.get<{ items: MajorReport[] }>('/api/major-reports', q);
export const fileMajorReport = (body: unknown) => api.post<MajorReport>('/api/major-reports', body);
export const acknowledgeMajorReport = (id: number, note: string) => api.post<MajorReport>(`/api/major-reports/${id}/acknowledge`, { note });
export const majorReportStats = (year: number) => api.get<z.infer<typeof zMajorReportStats>>('/api/major-reports/stats', { year });

export const publicSuggestions = (page: number) => publicClient.get<PublicSuggestionList>('/api/public/suggestions', { page, pageSize: 20 });
export const publicSuggestion = (id: number) => publicClient.get<PublicSuggestion>(`/api/public/suggestions/${id}`);
