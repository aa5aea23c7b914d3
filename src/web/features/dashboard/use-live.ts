import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { dashboardStreamUrl } from '../../api/dashboard.js';
import { dashboardKeys } from './query-keys.js';

/**
 * Keeps the dashboard's queries current while mounted: the server pushes `changed` over SSE when the case record
 * moved (one high-water-mark read per process, see modules/dashboard/stream.ts) and the dashboard's queries are
 * marked stale, so the ones on screen reload. Bursts are throttled to one refresh per `minGapMs`; a slow poll
 * (`fallbackMs`) covers a broken stream. `connected` says whether the push is live.
 */
export function useLiveRefresh(minGapMs = 10_000, fallbackMs = 300_000): { connected: boolean } {
  const qc = useQueryClient();
  const [connected, setConnected] = useState(false);
  const last = useRef(0);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    const bump = () => {
      if (pending.current) return;
      const wait = Math.max(0, last.current + minGapMs - Date.now());
      pending.current = setTimeout(() => {
        pending.current = null;
        last.current = Date.now();
        void qc.invalidateQueries({ queryKey: dashboardKeys.all });
        void qc.invalidateQueries({ queryKey: dashboardKeys.rankings });
      }, wait);
    };
    const es = new EventSource(dashboardStreamUrl);
    es.addEventListener('ready', () => setConnected(true));
    es.addEventListener('changed', bump);
    es.onerror = () => setConnected(false);
    const poll = setInterval(bump, fallbackMs);
    return () => {
      es.close();
      clearInterval(poll);
      if (pending.current) clearTimeout(pending.current);
    };
  }, [minGapMs, fallbackMs, qc]);
  return { connected };
}
