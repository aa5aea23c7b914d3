import type { BoardCase, BoardFacets, BoardPage, PublicStats } from '../../../contracts/board.js';
import { beijingDate, beijingDateTime } from '../../../domain/calendar/local-time.js';
import { publicClient } from '../../api/client.js';

// The board's calls to the public API (no session, no CSRF: reads only) through the shared client. Types only
// from the contracts, so the public bundle carries no zod.

const get = publicClient.get;

export const boardApi = {
  list: (params: URLSearchParams) => get<BoardPage>(`/api/public/board?${params.toString()}`),
  facets: () => get<BoardFacets>('/api/public/board/facets'),
  case: (code: string) => get<BoardCase>(`/api/public/board/cases/${encodeURIComponent(code)}`),
  stats: () => get<PublicStats>('/api/public/stats'),
};

export const statusLabels = { handling: '办理中', answered: '已答复', closed: '已办结' } as const;
export const ratingLabels = { satisfied: '满意', basically: '基本满意', unsatisfied: '不满意' } as const;
export const stepLabels: Record<BoardCase['timeline'][number]['step'], string> = {
  submitted: '提交诉求', accepted: '受理', dispatched: '交办', signed: '签收', extended: '延期办理', suspended: '暂停计时',
  resumed: '恢复办理', replied: '答复诉求人', redo: '重新办理', rated: '诉求人评价', closed: '办结',
};

/** Beijing time, as 2026-11-26 or 2026-11-26 14:05. */
export function fmtDay(iso: string | null, withTime = false): string {
  if (!iso) return '';
  return withTime ? beijingDateTime(new Date(iso)) : beijingDate(new Date(iso));
}

export function fmtMonth(m: string): string {
  const [y, mm] = m.split('-');
  return `${y}年${Number(mm)}月`;
}
