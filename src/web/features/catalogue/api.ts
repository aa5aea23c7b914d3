import type {
  CatalogueCategory, CatalogueImportResult, CategoryCreate, CategoryDetail, CategoryMove, CategoryStatusChange, CategoryUpdate,
} from '../../../contracts/catalogue.js';
import { api } from '../../api/client.js';

// Typed client of the catalogue area's endpoints (/api/catalogue).

export const listCatalogue = () => api.get<{ items: CatalogueCategory[] }>('/api/catalogue');
export const categoryDetail = (id: number) => api.get<CategoryDetail>(`/api/catalogue/${id}`);
export const createCategory = (body: CategoryCreate) => api.post<CategoryDetail>('/api/catalogue', body);
export const updateCategory = (id: number, body: CategoryUpdate) => api.post<CategoryDetail>(`/api/catalogue/${id}`, body);
export const moveCategory = (id: number, body: CategoryMove) => api.post<CategoryDetail>(`/api/catalogue/${id}/move`, body);
export const setCategoryStatus = (id: number, active: boolean, body: CategoryStatusChange) =>
  api.post<CategoryDetail>(`/api/catalogue/${id}/${active ? 'reactivate' : 'deactivate'}`, body);
export const importCatalogue = (body: { fileName: string; contentBase64: string; dryRun: boolean }) => api.post<CatalogueImportResult>('/api/catalogue/import', body);
export const exportUrl = '/api/catalogue/export';

/** A picked file's bytes as base64, for the import's JSON body. */
export function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}
