import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { CaseSummary } from '../../contracts/cases.js';
import { caseListKey, findCases, type CaseListQuery } from '../api/cases.js';
import { errorText } from '../api/client.js';
import { exportUrl } from './export-button.js';

export interface CaseList {
  items: CaseSummary[];
  hasMore: boolean;
  loading: boolean;
  error: string | null;
  loadMore(): void;
  reload(): void;
  /** The list's export (every row with the same filters), when it has one. */
  exportHref?: string;
}

/** One keyset-paged list: the first page on every query change, then "加载更多" with the cursor. */
export function useCaseList(query: CaseListQuery, pageSize = 20): CaseList {
  const q = useInfiniteQuery({
    queryKey: caseListKey({ ...query, limit: pageSize }),
    queryFn: ({ pageParam }) => findCases({ ...query, limit: pageSize, cursor: pageParam ?? undefined }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    // A filter change keeps the old rows on screen until the new ones arrive.
    placeholderData: keepPreviousData,
  });
  return {
    items: q.data?.pages.flatMap((p) => p.items) ?? [],
    hasMore: q.hasNextPage,
    loading: q.isFetching,
    error: q.error ? errorText(q.error) : null,
    loadMore: () => void q.fetchNextPage(),
    reload: () => void q.refetch(),
    exportHref: exportUrl('/api/cases/export.xlsx', query),
  };
}

/** How many cases a view holds, read cheaply as one page of 100 ("100+" beyond). */
export function useViewCount(query: CaseListQuery): string | null {
  const { data } = useQuery({
    queryKey: ['cases', 'count', query],
    queryFn: () => findCases({ ...query, limit: 100 }),
    select: (p) => (p.nextCursor ? '100+' : String(p.items.length)),
  });
  return data ?? null;
}
