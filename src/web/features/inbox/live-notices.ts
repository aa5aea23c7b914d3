import { useEffect, useSyncExternalStore } from 'react';
import { fetchUnreadCount, notificationStreamUrl, type Notification } from '../../api/notifications.js';

// One EventSource per tab, shared by the header bell and the inbox page: the unread count and new notices arrive
// live from the server (server-sent events); the count is also set by the page after marking notices read.

let unread = 0;
const countListeners = new Set<() => void>();
const noticeListeners = new Set<(n: Notification) => void>();
let source: EventSource | null = null;
let users = 0;

export function setUnread(n: number): void {
  unread = n;
  for (const fn of countListeners) fn();
}

function connect(): void {
  source = new EventSource(notificationStreamUrl, { withCredentials: true });
  source.addEventListener('unread', (e) => setUnread((JSON.parse((e as MessageEvent).data) as { unreadCount: number }).unreadCount));
  source.addEventListener('notification', (e) => {
    const n = JSON.parse((e as MessageEvent).data) as Notification;
    for (const fn of noticeListeners) fn(n);
  });
  // EventSource reconnects by itself (retry: 5000); on reconnect the server sends the count again.
}

/** The unread count, kept live while mounted. */
export function useUnreadCount(): number {
  useEffect(() => {
    if (users++ === 0) {
      connect();
      fetchUnreadCount().then((r) => setUnread(r.unreadCount)).catch(() => undefined);
    }
    return () => {
      if (--users === 0) {
        source?.close();
        source = null;
      }
    };
  }, []);
  return useSyncExternalStore((fn) => {
    countListeners.add(fn);
    return () => countListeners.delete(fn);
  }, () => unread);
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
