import type { RankingsLatest } from '../../contracts/assessment.js';
import type { DashboardCasesPage, DashboardSlice, Overview } from '../../contracts/dashboard.js';
import { api } from './client.js';

export const getOverview = (q: { month?: string; departmentId?: number } = {}) => api.get<Overview>('/api/dashboard/overview', q);

export const findSliceCases = (slice: DashboardSlice, page: { cursor?: string | null; limit?: number } = {}) =>
  api.get<DashboardCasesPage>('/api/dashboard/cases', { ...slice, cursor: page.cursor ?? undefined, limit: page.limit });

/** Latest published assessment rankings (the assessment area's endpoint). */
export const getLatestRankings = () => api.get<RankingsLatest>('/api/assessment/rankings/latest');

/** Server-sent events telling open dashboards that the case record moved. */
export const dashboardStreamUrl = '/api/dashboard/stream';
