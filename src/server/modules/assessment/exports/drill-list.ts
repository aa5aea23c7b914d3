import type { DrillItem, DrillQuery } from '../../../../contracts/assessment.js';
import { ratingLabels, statusLabels } from '../../../../domain/case/labels.js';
import type { AppDeps } from '../../../deps.js';
import { offsetPages, type ExportColumn, type StaffUser } from '../../../kernel/index.js';
import { drillDown } from '../drill.js';

// The cases behind one scorecard figure as a spreadsheet: the drill-down's own rows (the run's facts), every page.

export const drillColumns: ExportColumn<DrillItem>[] = [
  { header: '诉求编号', width: 20, value: (r) => r.code },
  { header: '诉求标题', width: 44, value: (r) => r.title },
  { header: '状态', width: 14, value: (r) => statusLabels[r.status as keyof typeof statusLabels] ?? r.status },
  { header: '计入时间', width: 18, date: 'datetime', value: (r) => new Date(r.at) },
  { header: '是否按时', width: 10, value: (r) => (r.onTime === null ? null : r.onTime ? '按时' : '超时') },
  { header: '评价', width: 10, value: (r) => (r.rating ? ratingLabels[r.rating as keyof typeof ratingLabels] ?? r.rating : null) },
];

/**
 * Every row of a drill-down, checked for scope by the drill itself on the first page. A drill-down is bounded by one
 * department's month, so offset pages are enough here.
 */
export function drillPages(deps: AppDeps, user: StaffUser, q: Omit<DrillQuery, 'offset' | 'limit'>): AsyncIterable<DrillItem[]> {
  return offsetPages(500, async (offset, limit) => (await drillDown(deps, user, { ...q, offset, limit })).items);
}
