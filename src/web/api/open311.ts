import type { CreatedOpen311Key, Open311Key } from '../../contracts/open311.js';
import { api } from './client.js';

export const listOpen311Keys = () => api.get<{ items: Open311Key[] }>('/api/open311/keys');
export const createOpen311Key = (name: string) => api.post<CreatedOpen311Key>('/api/open311/keys', { name });
export const revokeOpen311Key = (id: number) => api.post<Open311Key>(`/api/open311/keys/${id}/revoke`);
