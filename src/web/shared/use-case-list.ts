import { useCallback, useEffect, useRef, useState } from 'react';
import type { CaseSummary } from '../../contracts/cases.js';
import { findCases, type CaseListQuery } from '../api/cases.js';
import { errorText } from '../api/client.js';

export interface CaseList {
  items: CaseSummary[];
  hasMore: boolean;
  loading: boolean;
  error: string | null;
  loadMore(): void;
  reload(): void;
}

/** One keyset-paged list: the first page on every query change, then "加载更多" with the cursor. */
export function useCaseList(query: CaseListQuery, pageSize = 20): CaseList {
  const [items, setItems] = useState<CaseSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const key = JSON.stringify(query);
  const seq = useRef(0);

  useEffect(() => {
    const mine = ++seq.current;
    setLoading(true);
    setError(null);
    findCases({ ...JSON.parse(key), limit: pageSize })
      .then((page) => {
        if (mine !== seq.current) return;
        setItems(page.items);
        setCursor(page.nextCursor);
      })
      .catch((e) => mine === seq.current && setError(errorText(e)))
      .finally(() => mine === seq.current && setLoading(false));
  }, [key, pageSize, tick]);

  const loadMore = useCallback(() => {
    if (!cursor) return;
    const mine = ++seq.current;
    setLoading(true);
    findCases({ ...JSON.parse(key), limit: pageSize, cursor })
      .then((page) => {
        if (mine !== seq.current) return;
        setItems((prev) => [...prev, ...page.items]);
        setCursor(page.nextCursor);
      })
      .catch((e) => mine === seq.current && setError(errorText(e)))
      .finally(() => mine === seq.current && setLoading(false));
  }, [cursor, key, pageSize]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { items, hasMore: !!cursor, loading, error, loadMore, reload };
}

/** How many cases a view holds, read cheaply as one page of 100 ("100+" beyond). */
export function useViewCount(query: CaseListQuery, refreshKey = 0): string | null {
  const [count, setCount] = useState<string | null>(null);
  const key = JSON.stringify(query);
  useEffect(() => {
    let live = true;
    findCases({ ...JSON.parse(key), limit: 100 })
      .then((p) => live && setCount(p.nextCursor ? '100+' : String(p.items.length)))
      .catch(() => live && setCount(null));
    return () => { live = false; };
  }, [key, refreshKey]);
  return count;
}
