import type { z } from 'zod';
import type {
  IndicatorCreate, IndicatorDetail, IndicatorList, IndicatorProblems, IndicatorReforms, IndicatorUpdate, LeadingDashboard, ReviewFigure, Story, zFileFigure,
  zPressCreate, zPressDecide, zPressRequest, zPublicStoryList, zReformCreate, zReportNote, zStoryCreate, zStoryReformOptions, zStoryReview,
} from '../../../contracts/indicators.js';
import { api, publicClient } from '../../api/client.js';

// Typed client of the indicators area (/api/indicators, /api/stories, /api/public/stories).

export const listIndicators = (q: { year?: number; system?: 'national' | 'province' } = {}) => api.get<IndicatorList>('/api/indicators', q);
export const indicatorDetail = (id: number) => api.get<IndicatorDetail>(`/api/indicators/${id}`);
export const createIndicator = (body: IndicatorCreate) => api.post<{ id: number }>('/api/indicators', body);
export const updateIndicator = (id: number, body: IndicatorUpdate) => api.post<{ ok: true }>(`/api/indicators/${id}`, body);
export const copyYear = (body: { system: 'national' | 'province'; fromYear: number; toYear: number }) => api.post<{ copied: number }>('/api/indicators/copy-year', body);
export const importIndicators = (body: { year: number; system: 'national' | 'province'; fileName: string; contentBase64: string }) =>
  api.post<{ created: number; updated: number }>('/api/indicators/import', body);
export const exportIndicatorsUrl = (year: number, system: string) => `/api/indicators/export?year=${year}&system=${system}`;
export const uploadIndicatorFile = (file: File) => api.upload<{ id: number; fileName: string; mime: string; size: number }>('/api/indicators/uploads', file);
export const fileUrl = (id: number) => `/api/indicators/files/${id}`;
export const fileFigure = (measureId: number, body: z.input<typeof zFileFigure>) => api.post<{ id: number; warnings: string[] }>(`/api/indicators/${measureId}/figures`, body);
export const reviewFigure = (figureId: number, body: ReviewFigure) => api.post<{ ok: true }>(`/api/indicators/figures/${figureId}/review`, body);
export const indicatorProblems = (id: number, only: 'all' | 'open' | 'unsatisfied') => api.get<IndicatorProblems>(`/api/indicators/${id}/problems`, { only });
export const requestPress = (id: number, body: z.input<typeof zPressCreate>) => api.post<{ id: number }>(`/api/indicators/${id}/presses`, body);
export type PressRequest = z.infer<typeof zPressRequest>;
export const listPresses = (status: 'open' | 'all') => api.get<{ items: PressRequest[] }>('/api/indicators/presses', { status });
export const decidePress = (id: number, body: z.input<typeof zPressDecide>) => api.post<{ ok: true }>(`/api/indicators/presses/${id}`, body);
export const listStories = () => api.get<{ items: Story[] }>('/api/stories');
export const nominateStory = (body: z.input<typeof zStoryCreate>) => api.post<{ id: number }>('/api/stories', body);
export const reviewStory = (id: number, body: z.input<typeof zStoryReview>) => api.post<{ ok: true }>(`/api/stories/${id}/review`, body);
export const storiesExportUrl = '/api/stories/export';
export const storyReformOptions = () => api.get<z.infer<typeof zStoryReformOptions>>('/api/stories/reforms');
export const publicStories = (q?: string) => publicClient.get<z.infer<typeof zPublicStoryList>>('/api/public/stories', q ? { q } : {});
export const publicPhotoUrl = (storyId: number, fileId: number) => `/api/public/stories/${storyId}/photos/${fileId}`;

// Reform measures, the leading group's dashboard and reports (issue 14 items 4 and 5).
export const indicatorReforms = (id: number) => api.get<IndicatorReforms>(`/api/indicators/${id}/reforms`);
export const createReform = (id: number, body: z.input<typeof zReformCreate>) => api.post<{ id: number; code: string }>(`/api/indicators/${id}/reforms`, body);
export const leadingDashboard = (q: { year?: number; system?: 'national' | 'province' } = {}) => api.get<LeadingDashboard>('/api/indicators/dashboard', q);
export const saveReportNote = (body: z.input<typeof zReportNote>) => api.post<{ ok: true }>('/api/indicators/reports/notes', body);
export const leadReportUrl = (departmentId: number, year: number, system: string) => `/api/indicators/reports/${departmentId}?year=${year}&system=${system}`;
export const meetingPackUrl = (year: number, system: string) => `/api/indicators/reports/pack?year=${year}&system=${system}`;
export const reportNote = (q: { year: number; system: string; departmentId: number }) => api.get<{ nextSteps: string }>('/api/indicators/reports/notes', q);
