import { overdueDefinition } from '../../../contracts/cases.js';
import type { DashboardMeasure, DashboardSlice } from '../../../contracts/dashboard.js';
import { caseTypeLabels } from '../../../domain/case/case-type.js';
import { caseKinds } from '../../../domain/case/status.js';

// What each figure counts, in the words the tooltips and docs/dashboard.md use. Days and weeks are Beijing time;
// a week runs Monday to Sunday.
export const measureLabels: Record<DashboardMeasure, string> = {
  received: '受理', closed: '办结', rated: '已评价', satisfied: '满意', basically: '基本满意', unsatisfied: '不满意',
  overdue: '超期', overdue_now: '当前超期在办', direct_answer: '直接答复',
};

export const definitions = {
  received: '受理量：期间内登记的全部诉求（按登记时间计入北京时间的日、周、月），含不予受理和并案的；单位口径为当前主办单位。',
  closed: '办结量：期间内办结的诉求（按办结时间）。',
  satisfaction: '满意率 =（满意 + 基本满意）÷ 已评价件数。按评价时间计入；重办后以最新评价为准。考核满意率按考核方案口径（有效回访、基本满意折算）计算，以考核结果为准。',
  overdue: '超期：单位的签收、协办意见或答复时限已到而未完成（时限预警记为红色），按到期时刻所在的北京时间周、月计入；同一诉求同一单位同一期间只计一次。',
  overdueNow: `当前超期在办（与待办“已超期”、督办中心“其中超期”同一口径）。${overdueDefinition}`,
  heatmap: '每格为该单位在该周（周一至周日，北京时间）到期而未按时完成的诉求件数；颜色按本图最大值分三档，红色为最高一档。点击格子查看这些诉求。',
  categories: '本月受理诉求按一级问题类别统计（含其下各小类）。',
  districts: '本月受理诉求按登记的所在地（区县、园区或乡镇街道）统计，未填所在地的不计。',
  directAnswer: '直接答复：受理员在受理台以知识库条目直接答复来电并当场办结的诉求（按登记时间计入），不派单、不计入单位考核；直接答复率 = 直接答复件数 ÷ 同期受理量。全市口径。',
  types: '本月受理、办结按诉求类型（咨询、求助、投诉、举报、建议、表扬）统计，单位为当前主办单位；当前超期在办与待办“已超期”同一口径。',
} as const;

const keys = ['measure', 'from', 'until', 'departmentId', 'categoryId', 'districtId', 'caseType'] as const;

export function sliceSearch(slice: DashboardSlice): string {
  const p = new URLSearchParams();
  for (const k of keys) if (slice[k] !== undefined && slice[k] !== null) p.set(k, String(slice[k]));
  return p.toString();
}

export function sliceFromSearch(p: URLSearchParams): DashboardSlice | null {
  const measure = p.get('measure') as DashboardMeasure | null;
  if (!measure || !(measure in measureLabels)) return null;
  const num = (k: string) => (p.get(k) ? Number(p.get(k)) : undefined);
  return {
    measure, from: p.get('from') ?? undefined, until: p.get('until') ?? undefined,
    departmentId: num('departmentId'), categoryId: num('categoryId'), districtId: num('districtId'),
    caseType: caseKinds.find((k) => k === p.get('caseType')),
  };
}

/** The last day of a [from, until) range. */
export function lastDay(until: string): string {
  const d = new Date(`${until}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export function rangeText(from?: string, until?: string): string {
  if (!from || !until) return '';
  const last = lastDay(until);
  return from === last ? from : `${from} 至 ${last}`;
}

/** A sentence saying exactly what a slice holds, for the drill-down page's title. */
export function describeSlice(s: DashboardSlice, names: { dept(id: number): string; category(id: number): string }): string {
  const parts: string[] = [];
  if (s.departmentId) parts.push(names.dept(s.departmentId));
  if (s.districtId) parts.push(`所在地：${names.dept(s.districtId)}`);
  if (s.categoryId) parts.push(`类别：${names.category(s.categoryId)}`);
  if (s.caseType) parts.push(`类型：${caseTypeLabels[s.caseType]}`);
  const range = rangeText(s.from, s.until);
  const what: Record<DashboardMeasure, string> = {
    received: `${range} 受理的诉求`,
    closed: `${range} 办结的诉求`,
    rated: `${range} 作出评价的诉求`,
    satisfied: `${range} 评价为“满意”的诉求`,
    basically: `${range} 评价为“基本满意”的诉求`,
    unsatisfied: `${range} 评价为“不满意”的诉求`,
    overdue: `${range} 到期未按时完成（超期）的诉求`,
    overdue_now: '当前超期在办的诉求',
    direct_answer: `${range} 受理时以知识库直接答复办结的诉求`,
  };
  return [...parts, what[s.measure]].join(' · ');
}
