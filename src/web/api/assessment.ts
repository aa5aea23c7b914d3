import type {
  Appeal, AssessmentSchemeDto, CaseTypeBreakdown, DirectAnswerDrillPage, DrillPage, ItemDrillPage, PeriodDetail, SuggestionDrillPage, PeriodList, RankingsLatest, RunResult, SchemeHistory, VerifyResult,
} from '../../contracts/assessment.js';
import { api } from './client.js';

export const getScheme = () => api.get<SchemeHistory>('/api/assessment/scheme');
export const saveScheme = (scheme: AssessmentSchemeDto, note: string) => api.post<SchemeHistory>('/api/assessment/scheme', { scheme, note });

export const listPeriods = () => api.get<PeriodList>('/api/assessment/periods');
export const getPeriod = (key: string) => api.get<PeriodDetail>(`/api/assessment/periods/${encodeURIComponent(key)}`);
export const runPeriod = (period: string) => api.post<RunResult>('/api/assessment/periods/run', { period });
export const publishPeriod = (key: string) => api.post<PeriodDetail>(`/api/assessment/periods/${encodeURIComponent(key)}/publish`);
export const verifyPeriod = (key: string) => api.get<VerifyResult>(`/api/assessment/periods/${encodeURIComponent(key)}/verify`);
export const getDrill = (q: { period: string; department: number; measure: string; part: string; offset?: number; limit?: number }) =>
  api.get<DrillPage>('/api/assessment/drill', q);
type SectionDrillQuery = { period: string; department: number; measure: string; part: 'numerator' | 'denominator'; limit?: number };
export const getItemDrill = (q: SectionDrillQuery) => api.get<ItemDrillPage>('/api/assessment/items-drill', q);
export const getSuggestionDrill = (q: SectionDrillQuery) => api.get<SuggestionDrillPage>('/api/assessment/suggestions-drill', q);
/** `department` 0: city-wide. */
export const getDirectAnswerDrill = (q: { period: string; department: number; limit?: number }) =>
  api.get<DirectAnswerDrillPage>('/api/assessment/direct-answers-drill', q);
export const getByCaseType = (period: string, department: number) => api.get<CaseTypeBreakdown>('/api/assessment/by-type', { period, department });
export const latestRankings = () => api.get<RankingsLatest>('/api/assessment/rankings/latest');

export const listAppeals = (state?: string) => api.get<{ items: Appeal[] }>('/api/assessment/appeals', { state });
export const fileAppeal = (body: { caseId?: number; caseCode?: string; reason: string; evidence: string; file?: { name: string; base64: string } }) =>
  api.post<Appeal>('/api/assessment/appeals', body);
export const decideAppeal = (id: number, decision: 'approve' | 'refuse', reason: string) =>
  api.post<Appeal>(`/api/assessment/appeals/${id}/decide`, { decision, reason });

// Files are plain links: the browser downloads them with the session cookie and the server's Chinese file name.
export const bulletinUrl = (key: string, kind: 'docx' | 'xlsx') => `/api/assessment/periods/${encodeURIComponent(key)}/bulletin.${kind}`;
export const appealFileUrl = (id: number) => `/api/assessment/appeals/${id}/file`;

/** The stable address of a figure's case list (linked from scorecards, bulletins and the dashboard). */
export const drillHref = (period: string, department: number, measure: string, part: 'numerator' | 'denominator') =>
  `/assessment/drill?period=${encodeURIComponent(period)}&department=${department}&measure=${measure}&part=${part}`;
