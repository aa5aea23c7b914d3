import type { CaseSummary, FindCasesQuery } from '../../../contracts/cases.js';
import { caseTypeLabels } from '../../../domain/case/case-type.js';
import {
  channelLabels, ratingLabels, statusLabels, supervisionLevelLabels, urgencyLabels, warningLevelLabels,
} from '../../../domain/case/labels.js';
import type { AppDeps } from '../../deps.js';
import { keysetPages, type ExportColumn, type StaffUser } from '../../kernel/index.js';
import { findCases } from './find-cases.js';

// The columns of every case list's export (全部诉求, the queues, the dashboard's drill-downs): what the table shows,
// in words, with dates as dates.

const at = (iso: string | null) => (iso ? new Date(iso) : null);

export const caseSummaryColumns: ExportColumn<CaseSummary>[] = [
  { header: '诉求编号', width: 20, value: (c) => c.code },
  { header: '诉求标题', width: 44, value: (c) => c.title },
  { header: '诉求类型', width: 10, value: (c) => caseTypeLabels[c.caseType] },
  { header: '问题类别', width: 22, value: (c) => c.categoryName },
  { header: '所属区县', width: 14, value: (c) => c.districtName },
  { header: '主办单位', width: 26, value: (c) => c.leadDepartmentName },
  { header: '状态', width: 14, value: (c) => statusLabels[c.status] + (c.suspended ? '（挂起）' : '') },
  { header: '紧急程度', width: 10, value: (c) => urgencyLabels[c.urgency] },
  { header: '来源渠道', width: 14, value: (c) => channelLabels[c.channel] },
  { header: '预警', width: 10, value: (c) => warningLevelLabels[c.warningLevel] },
  { header: '督办', width: 10, value: (c) => supervisionLevelLabels[c.supervisionLevel] ?? c.supervisionLevel },
  { header: '答复期限', width: 18, date: 'datetime', value: (c) => at(c.replyDeadline) },
  { header: '满意度', width: 10, value: (c) => (c.rating ? ratingLabels[c.rating] : null) },
  { header: '登记时间', width: 18, date: 'datetime', value: (c) => at(c.createdAt) },
];

const pageSize = 500;

/** Every case of a list with its filters, as the caller may see them, page after page (the list's own query). */
export function caseListPages(deps: AppDeps, user: StaffUser, q: Omit<FindCasesQuery, 'cursor' | 'limit'>): AsyncIterable<CaseSummary[]> {
  return keysetPages((cursor) => findCases(deps, user, { ...q, cursor, limit: pageSize }));
}
