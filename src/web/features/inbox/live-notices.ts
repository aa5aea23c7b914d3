import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { fetchUnreadCount, notificationStreamUrl, type Notification } from '../../api/notifications.js';

// One EventSource per tab, shared by the header bell and the inbox page. The server pushes the unread count and
// each new notice (server-sent events); both land in the query cache: the count is set in place, a notice marks
// the inbox list stale (and the case lists, since a notice is about a case that moved).

export const notificationKeys = { all: ['notifications'] as const, unread: ['notifications', 'unread'] as const, list: ['notifications', 'list'] as const };

const noticeListeners = new Set<(n: Notification) => void>();
let source: EventSource | null = null;
let users = 0;

export function setUnread(qc: QueryClient, n: number): void {
  qc.setQueryData(notificationKeys.unread, { unreadCount: n });
}

function connect(qc: QueryClient): void {
  source = new EventSource(notificationStreamUrl, { withCredentials: true });
  source.addEventListener('unread', (e) => setUnread(qc, (JSON.parse((e as MessageEvent).data) as { unreadCount: number }).unreadCount));
  source.addEventListener('notification', (e) => {
    const n = JSON.parse((e as MessageEvent).data) as Notification;
    void qc.invalidateQueries({ queryKey: notificationKeys.list });
    void qc.invalidateQueries({ queryKey: ['cases'] });
    for (const fn of noticeListeners) fn(n);
  });
  // EventSource reconnects by itself (retry: 5000); on reconnect the server sends the count again.
}

/** The unread count, kept live while mounted. */
export function useUnreadCount(): number {
  const qc = useQueryClient();
  useEffect(() => {
    if (users++ === 0) connect(qc);
    return () => {
      if (--users === 0) {
        source?.close();
        source = null;
      }
    };
  }, [qc]);
  // Read once; after that the stream and the inbox's own calls keep it current.
  const { data } = useQuery({ queryKey: notificationKeys.unread, queryFn: fetchUnreadCount, staleTime: Infinity });
  return data?.unreadCount ?? 0;
}

/** Calls `fn` for every notice that arrives while mounted. */
export function useNewNotices(fn: (n: Notification) => void): void {
  useEffect(() => {
    noticeListeners.add(fn);
    return () => {
      noticeListeners.delete(fn);
    };
  }, [fn]);
}
