import type {
  Open311AdminAttribute, Open311AdminService, Open311AttributeChange, Open311AttributeInput, Open311AttributeList,
} from '../../../contracts/open311-attributes.js';
import { api } from '../../api/client.js';

// Typed client of the admin's service attribute endpoints (the key console's calls are in web/api/open311.ts).

export const listOpen311Services = () => api.get<{ items: Open311AdminService[] }>('/api/open311/services');
export const listAttributes = (categoryId: number) => api.get<Open311AttributeList>(`/api/open311/services/${categoryId}/attributes`);
export const createAttribute = (categoryId: number, body: Open311AttributeInput) => api.post<Open311AdminAttribute>(`/api/open311/services/${categoryId}/attributes`, body);
export const updateAttribute = (id: number, body: Open311AttributeInput) => api.post<Open311AdminAttribute>(`/api/open311/attributes/${id}`, body);
export const deleteAttribute = (id: number) => api.post<{ ok: true }>(`/api/open311/attributes/${id}/delete`);
export const reorderAttributes = (categoryId: number, attributeIds: number[]) =>
  api.post<Open311AttributeList>(`/api/open311/services/${categoryId}/attributes/reorder`, { attributeIds });
export const attributeChanges = (categoryId: number) => api.get<{ items: Open311AttributeChange[] }>(`/api/open311/services/${categoryId}/attribute-changes`);
