import type { CaseDetail, CasePage, CreateCaseRequest, FindCasesQuery } from '../../contracts/cases.js';
import type { StaffSimilarCase, StaffSimilarRequest } from '../../contracts/portal.js';
import type { CommandType } from '../../domain/case/types.js';
import { api } from './client.js';

export type CaseListQuery = Partial<Omit<FindCasesQuery, 'limit'>> & { limit?: number };

export const findCases = (query: CaseListQuery) => api.get<CasePage>('/api/cases', query);

export const getCase = (id: number) => api.get<CaseDetail>(`/api/cases/${id}`);

/** Query keys: everything read about cases sits under ['cases'], one case and its panels under ['cases', id]. */
export const caseKey = (id: number, ...rest: string[]) => ['cases', id, ...rest] as const;
export const caseListKey = (query: object) => ['cases', 'list', query] as const;

export interface DispatchTarget {
  leadDepartmentId: number;
  coDepartmentIds: number[];
}

/** Registers a case; the idempotency key makes a double submission create one case. */
export const createCase = (body: Partial<CreateCaseRequest> & { dispatch?: DispatchTarget }, idempotencyKey: string) =>
  api.post<CaseDetail>('/api/cases', body, { 'idempotency-key': idempotencyKey });

/** Runs one lifecycle command; the answer is the updated case. */
export const runCommand = (id: number, command: CommandType, body: Record<string, unknown> = {}) =>
  api.post<CaseDetail>(`/api/cases/${id}/${command}`, body);

/** Open cases like the one described (same phone or enterprise, close text): the desk's duplicate hints and merges. */
export const findSimilarCases = (q: StaffSimilarRequest) => api.post<{ items: StaffSimilarCase[] }>('/api/similar-cases', q);
