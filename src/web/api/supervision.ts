import type { z } from 'zod';
import type {
  BulkResult, CaseOrders, CentrePage, CentreQuery, DepartmentPage, IssueOrderRequest, Order, zOrderDeadline,
} from '../../contracts/supervision.js';
import type { OrderLevel } from '../../domain/supervision/types.js';
import { api } from './client.js';

export type OrderDeadline = z.infer<typeof zOrderDeadline>;

/** Query keys under ['supervision']; a write on an order or a case reloads these and ['cases']. */
export const supervisionKeys = ['supervision'] as const;

export const getCaseOrders = (caseId: number) => api.get<CaseOrders>(`/api/cases/${caseId}/orders`);
export const issueOrder = (caseId: number, body: IssueOrderRequest) => api.post<Order>(`/api/cases/${caseId}/orders`, body);
export const answerOrder = (id: number, text: string, attachments?: { id: number; visibility: 'internal' | 'submitter' | 'public' }[]) =>
  api.post<Order>(`/api/supervision/orders/${id}/answer`, { text, ...(attachments ? { attachments } : {}) });
export const raiseOrder = (id: number, body: { level: OrderLevel; reason: string; deadline?: OrderDeadline }) =>
  api.post<Order>(`/api/supervision/orders/${id}/raise`, body);
export const closeOrder = (id: number, reason?: string) => api.post<Order>(`/api/supervision/orders/${id}/close`, { reason });

export const findCentreCases = (q: Partial<CentreQuery>) =>
  api.get<CentrePage>('/api/supervision/cases', q as Record<string, string | number | undefined>);
export const bulkIssueOrders = (body: { caseIds: number[]; level: OrderLevel; demands: string; deadline: OrderDeadline }) =>
  api.post<BulkResult>('/api/supervision/bulk/orders', body);
export const bulkInstruct = (body: { caseIds: number[]; text: string }) => api.post<BulkResult>('/api/supervision/bulk/instruct', body);
export const getDepartmentPage = (id: number) => api.get<DepartmentPage>(`/api/supervision/departments/${id}`);

// Files are plain links: the browser downloads them with the session cookie and the server's Chinese file name.
export const getOrder = (id: number) => api.get<Order>(`/api/supervision/orders/${id}`);
export const orderDocxUrl = (id: number) => `/api/supervision/orders/${id}/docx`;
export const overdueUrl = (departmentId: number, kind: 'docx' | 'xlsx') => `/api/supervision/departments/${departmentId}/overdue.${kind}`;
