import type { CreateItemInput, ItemDetail, ItemsQuery, ItemSummary } from '../../contracts/items.js';
import { api } from './client.js';

/** Query keys under ['items']; every write on an item reloads them. */
export const itemKeys = ['items'] as const;

export interface ItemsPage { items: ItemSummary[]; total: number; page: number; pageSize: number }

export const findItems = (q: Partial<ItemsQuery>) => api.get<ItemsPage>('/api/items', q as Record<string, string | number | undefined>);
export const getItem = (id: number) => api.get<ItemDetail>(`/api/items/${id}`);
export const createItem = (body: CreateItemInput) => api.post<ItemDetail>('/api/items', body);
export const editItem = (id: number, body: Record<string, unknown>) => api.post<ItemDetail>(`/api/items/${id}/edit`, body);
export const reportProgress = (id: number, body: { text: string; figures: { targetId: number; value: number }[]; milestoneIds: number[]; fileIds?: number[] }) =>
  api.post<{ id: number; isLate: boolean; warnings: { code: string; targetId?: number }[]; item: ItemDetail }>(`/api/items/${id}/reports`, body);
export const reviewReport = (id: number, reportId: number, body: { decision: 'accept' } | { decision: 'return'; reason: string }) =>
  api.post<ItemDetail>(`/api/items/${id}/reports/${reportId}/review`, body);
export const closeItem = (id: number, evidence: string) => api.post<ItemDetail>(`/api/items/${id}/close`, { evidence, fileIds: [] });
export const issueItemOrder = (id: number, body: { departmentId: number; level: string; demands: string; deadline: { workingDays: number } | { date: string } }) =>
  api.post<ItemDetail>(`/api/items/${id}/orders`, body);
export const answerItemOrder = (id: number, orderId: number, text: string) => api.post<ItemDetail>(`/api/items/${id}/orders/${orderId}/answer`, { text });
export const closeItemOrder = (id: number, orderId: number) => api.post<ItemDetail>(`/api/items/${id}/orders/${orderId}/close`, {});
