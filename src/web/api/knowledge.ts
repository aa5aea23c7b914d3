import type { z } from 'zod';
import type {
  KnowledgeEntryInput, KnowledgeHits, zDirectAnswerRequest, zDirectAnswerResult, zKnowledgeDetail, zKnowledgeImportResult, zKnowledgePage, zKnowledgeStats,
} from '../../contracts/knowledge.js';
import { api } from './client.js';

export type KnowledgeDetail = z.infer<typeof zKnowledgeDetail>;
export type KnowledgePage = z.infer<typeof zKnowledgePage>;

/** Under ['cases'] as well: a direct answer creates and closes a case. */
export const knowledgeKey = (...parts: unknown[]) => ['knowledge', ...parts] as const;

export const searchKnowledge = (q: string) => api.get<KnowledgeHits>('/api/knowledge/search', { q });
export const listKnowledge = (query: { q?: string; state?: string; offset?: number }) => api.get<KnowledgePage>('/api/knowledge/entries', query);
export const getKnowledge = (id: number) => api.get<KnowledgeDetail>(`/api/knowledge/entries/${id}`);
export const createKnowledge = (input: KnowledgeEntryInput) => api.post<KnowledgeDetail>('/api/knowledge/entries', input);
export const reviseKnowledge = (id: number, input: KnowledgeEntryInput) => api.post<KnowledgeDetail>(`/api/knowledge/entries/${id}/versions`, input);
export const approveKnowledge = (id: number, version: number) => api.post<KnowledgeDetail>(`/api/knowledge/entries/${id}/versions/${version}/approve`);
export const knowledgeFromCase = (caseId: number) => api.post<KnowledgeDetail>('/api/knowledge/from-case', { caseId });
export const importKnowledge = (fileName: string, contentBase64: string) => api.post<z.infer<typeof zKnowledgeImportResult>>('/api/knowledge/import', { fileName, contentBase64 });
export const knowledgeStats = (from: string, to: string) => api.get<z.infer<typeof zKnowledgeStats>>('/api/knowledge/stats', { from, to });
export const answerDirectly = (body: z.input<typeof zDirectAnswerRequest>, idempotencyKey: string) =>
  api.post<z.infer<typeof zDirectAnswerResult>>('/api/knowledge/answers', body, { 'idempotency-key': idempotencyKey });
