import { beijingDateCn } from '../../../domain/calendar/local-time.js';
import { itemLightNames, itemSourceNames, itemStateNames } from '../../../domain/items/types.js';
import type { ExportColumn } from '../../kernel/index.js';
import { listDocx } from '../supervision/index.js';
import type { LedgerGroup, LedgerRow } from './ledger.js';

// The ledger's columns, shared by the streamed .xlsx and the Word table: 序号, 事项, 来源, 责任领导, 牵头单位,
// 配合单位, 目标任务, 节点, 最新进展, 灯色, 状态.

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/\.?0+$/, ''));
const cnDate = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

export function sourceText(r: LedgerRow): string {
  return [itemSourceNames[r.sourceKind], r.sourceRef, r.sourceDate ? cnDate(r.sourceDate) : ''].filter(Boolean).join(' ');
}

export function targetsText(r: LedgerRow): string {
  return r.targets.map((t) => `${t.name} ${fmt(t.progress)}/${fmt(t.value)}${t.measure}（${Math.round(Math.min(1, t.progress / t.value) * 100)}%）`).join('；');
}

export function milestoneText(r: LedgerRow): string {
  return r.nextMilestone ? `${r.nextMilestone.title}（${cnDate(r.nextMilestone.dueDate)}前）` : '';
}

export function latestText(r: LedgerRow): string {
  if (!r.latestReport) return '尚未报送';
  const text = r.latestReport.text.length > 300 ? `${r.latestReport.text.slice(0, 300)}…` : r.latestReport.text;
  return `${beijingDateCn(r.latestReport.submittedAt)}：${text}`;
}

export const groupNames: Record<LedgerGroup, string> = { none: '', leader: '责任领导', unit: '牵头单位', source: '来源', light: '灯色' };

/** The heading a group's rows print under. */
export function groupLabel(group: LedgerGroup, r: LedgerRow): string {
  switch (group) {
    case 'none': return '';
    case 'leader': return r.leaderName || '（未定）';
    case 'unit': return r.leadDepartmentName;
    case 'source': return itemSourceNames[r.sourceKind];
    case 'light': return itemLightNames[r.light];
    default: { const never: never = group; return String(never); }
  }
}

/** The .xlsx columns; the row number runs over the whole ledger (a counter per download). */
export function ledgerColumns(group: LedgerGroup): ExportColumn<LedgerRow>[] {
  let n = 0;
  const cols: ExportColumn<LedgerRow>[] = [
    { header: '序号', width: 6, value: () => ++n },
    { header: '事项', width: 40, value: (r) => `${r.title}（${r.code}）` },
    { header: '来源', width: 28, value: sourceText },
    { header: '责任领导', width: 10, value: (r) => r.leaderName },
    { header: '牵头单位', width: 18, value: (r) => r.leadDepartmentName },
    { header: '配合单位', width: 24, value: (r) => r.coDepartmentNames.join('、') },
    { header: '目标任务', width: 40, value: targetsText },
    { header: '节点', width: 28, value: milestoneText },
    { header: '最新进展', width: 50, value: latestText },
    { header: '灯色', width: 6, value: (r) => itemLightNames[r.light] },
    { header: '状态', width: 8, value: (r) => itemStateNames[r.state] },
  ];
  if (group !== 'none') cols.splice(1, 0, { header: groupNames[group], width: 16, value: (r) => groupLabel(group, r) });
  return cols;
}

const docxHeaders = ['序号', '事项', '来源', '责任领导', '牵头单位', '配合单位', '目标任务', '节点', '最新进展', '灯色', '状态'];

/** The Word ledger: one table; with a grouping, a heading row (【牵头单位：市教育局】) before each group. */
export async function ledgerDocx(pages: AsyncIterable<LedgerRow[]>, group: LedgerGroup, subtitle: string, signature: string): Promise<{ file: Buffer; rows: number }> {
  const rows: string[][] = [];
  let n = 0;
  let current: string | null = null;
  for await (const page of pages) {
    for (const r of page) {
      if (group !== 'none' && r.groupKey !== current) {
        current = r.groupKey;
        rows.push([`【${groupNames[group]}：${groupLabel(group, r)}】`, ...docxHeaders.slice(1).map(() => '')]);
      }
      rows.push([String(++n), `${r.title}（${r.code}）`, sourceText(r), r.leaderName, r.leadDepartmentName, r.coDepartmentNames.join('、'),
        targetsText(r), milestoneText(r), latestText(r), itemLightNames[r.light], itemStateNames[r.state]]);
    }
  }
  const file = await listDocx({ title: '督办事项台账', subtitle, signature, headers: docxHeaders, rows });
  return { file, rows: n };
}
