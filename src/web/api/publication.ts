import type { ApproveRequest, PublicationDetail, QueuePage, QueueQuery } from '../../contracts/publication.js';
import { api } from './client.js';

export const findPublicationQueue = (q: Partial<QueueQuery>) => api.get<QueuePage>('/api/publication/queue', q as Record<string, string | number | undefined>);
export const getPublication = (caseId: number) => api.get<PublicationDetail>(`/api/publication/cases/${caseId}`);
export const previewPublication = (caseId: number, body: { redactions: string[]; maskEnterprise: boolean }) =>
  api.post<PublicationDetail>(`/api/publication/cases/${caseId}/preview`, body);
export const approvePublication = (caseId: number, body: Partial<ApproveRequest> & Pick<ApproveRequest, 'publicTitle' | 'publicDescription'>) =>
  api.post<PublicationDetail>(`/api/publication/cases/${caseId}/approve`, body);
export const rejectPublication = (caseId: number, reason: string, version?: number) =>
  api.post<PublicationDetail>(`/api/publication/cases/${caseId}/reject`, { reason, version });
export const withdrawPublication = (caseId: number, reason: string, version?: number) =>
  api.post<PublicationDetail>(`/api/publication/cases/${caseId}/withdraw`, { reason, version });
export const bulkApprovePublications = (caseIds: number[]) =>
  api.post<{ results: { caseId: number; ok: boolean; code?: string; message?: string }[] }>('/api/publication/bulk/approve', { caseIds });
