import type { UnitSummary } from '../../../contracts/suggestions.js';
import type { ExportColumn } from '../../kernel/index.js';

const n = (v: number | undefined) => v ?? 0;

/** The yearly summary's columns: one row per unit. */
export const summaryColumns: ExportColumn<UnitSummary>[] = [
  { header: '承办单位', width: 28, value: (u) => u.departmentName },
  { header: '承办件数', width: 10, value: (u) => u.total },
  { header: '待签收', width: 8, value: (u) => n(u.byStatus.assigned) },
  { header: '办理中', width: 8, value: (u) => n(u.byStatus.handling) },
  { header: '会签中', width: 8, value: (u) => n(u.byStatus.countersigning) },
  { header: '待评价', width: 8, value: (u) => n(u.byStatus.awaiting_rating) },
  { header: '已办结', width: 8, value: (u) => n(u.byStatus.closed) },
  { header: 'A类', width: 6, value: (u) => n(u.byClass.A) },
  { header: 'B类', width: 6, value: (u) => n(u.byClass.B) },
  { header: 'C类', width: 6, value: (u) => n(u.byClass.C) },
  { header: 'D类', width: 6, value: (u) => n(u.byClass.D) },
  { header: '满意', width: 6, value: (u) => n(u.byRating.satisfied) },
  { header: '基本满意', width: 9, value: (u) => n(u.byRating.basically) },
  { header: '不满意', width: 8, value: (u) => n(u.byRating.unsatisfied) },
  { header: '已答复', width: 8, value: (u) => u.replied },
  { header: '按期答复', width: 9, value: (u) => u.onTime },
  { header: '逾期答复', width: 9, value: (u) => u.late },
  { header: '按期答复率', width: 10, value: (u) => (u.replied ? `${((u.onTime / u.replied) * 100).toFixed(1)}%` : '—') },
];
