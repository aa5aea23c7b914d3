import type {
  CaseRouting, ModelDetail, ModelStatus, RoutingResult, RoutingSettings, Rule, RuleInput, RuleUpdate, RuleVersion, TrainResponse, TryRequest,
} from '../../../contracts/routing.js';
import { api } from '../../api/client.js';

// Typed client of the routing area's endpoints.

export const listRules = () => api.get<{ items: Rule[] }>('/api/routing/rules');
export const createRule = (body: RuleInput) => api.post<Rule>('/api/routing/rules', body);
export const updateRule = (id: number, body: RuleUpdate) => api.post<Rule>(`/api/routing/rules/${id}`, body);
export const deleteRule = (id: number) => api.post<{ ok: true }>(`/api/routing/rules/${id}/delete`);
export const reorderRules = (ruleIds: number[]) => api.post<{ items: Rule[] }>('/api/routing/rules/reorder', { ruleIds });
export const ruleHistory = (id: number) => api.get<{ items: RuleVersion[] }>(`/api/routing/rules/${id}/history`);
export const tryRouting = (body: TryRequest) => api.post<RoutingResult>('/api/routing/try', body);
export const modelStatus = () => api.get<ModelStatus>('/api/routing/model');
export const modelDetail = (version: number) => api.get<ModelDetail>(`/api/routing/models/${version}`);
export const trainModel = () => api.post<TrainResponse>('/api/routing/model/train');
export const saveSettings = (body: { autoDispatch: boolean; threshold: number; targetPrecision?: number | null }) => api.post<RoutingSettings>('/api/routing/settings', body);
export const caseRouting = (caseId: number) => api.get<CaseRouting>(`/api/routing/cases/${caseId}`);
