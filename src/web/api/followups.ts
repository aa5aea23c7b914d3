import type { FollowUpCall, FollowUpQueue, FollowUpStats, RecordFollowUpRequest } from '../../contracts/followups.js';
import { api } from './client.js';

export const getFollowUpQueue = (state: 'open' | 'exhausted' | 'all' = 'open') => api.get<FollowUpQueue>('/api/followups/queue', { state });
export const recordFollowUp = (caseId: number, body: RecordFollowUpRequest) => api.post<FollowUpCall>(`/api/cases/${caseId}/followups`, body);
export const getCaseFollowUps = (caseId: number) => api.get<{ items: FollowUpCall[] }>(`/api/cases/${caseId}/followups`);
export const getFollowUpStats = (from: string, to: string) => api.get<FollowUpStats>('/api/followups/stats', { from, to });
