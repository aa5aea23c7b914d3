import type { SearchPage, SearchQuery } from '../../contracts/search.js';
import { api } from './client.js';

export type SearchCasesQuery = Partial<SearchQuery>;

/** 查询: cases the person may see that match the box and the filters, newest first; the first page carries the count. */
export const searchCases = (query: SearchCasesQuery) => api.get<SearchPage>('/api/search/cases', query);

/** Under ['cases'], so a change of a case refreshes the searches too. */
export const searchKey = (query: object) => ['cases', 'search', query] as const;
