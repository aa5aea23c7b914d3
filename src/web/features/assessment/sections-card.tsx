import { Alert, Card, Drawer, Empty, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { DirectAnswerSectionDto, ItemSectionDto, SuggestionSectionDto } from '../../../contracts/assessment.js';
import { errorText } from '../../api/client.js';
import { getDirectAnswerDrill, getItemDrill, getSuggestionDrill } from '../../api/assessment.js';
import { fmtDate } from '../../shared/format.js';

// The snapshot's sections beside the case scorecard (ADR 0021, 0025): 督办事项 (reports on time, milestones met), 建议提案
// (replies on time, proposers' satisfaction) and 直接答复 (answered at intake from the knowledge base), per unit. Every
// figure opens the records behind it, derived again from their event records as of the snapshot, so the list's length
// is the figure. The three tables share one shape (`SectionTable`).

type Part = 'numerator' | 'denominator';
type Kind = 'items' | 'suggestions' | 'direct';
interface Pick { kind: Kind; measure: string; part: Part; departmentId: number; title: string }
type Ratio = { numerator: number; denominator: number };

const measureWords: Record<string, string> = {
  item_report: '按时报送进展', item_milestone: '节点按期完成', suggestion_reply: '按期答复', suggestion_rating: '代表委员满意（含基本满意）',
  direct_answer: '直接答复',
};

function RatioLinks({ ratio, onPick, testId, denominatorLink = true }: { ratio: Ratio; onPick: (part: Part) => void; testId: string; denominatorLink?: boolean }) {
  const pct = ratio.denominator ? ` · ${((ratio.numerator / ratio.denominator) * 100).toFixed(1)}%` : '';
  return (
    <span style={{ whiteSpace: 'nowrap' }} data-testid={testId}>
      <Typography.Link onClick={() => onPick('numerator')}>{ratio.numerator}</Typography.Link>
      {' / '}
      {denominatorLink ? <Typography.Link onClick={() => onPick('denominator')}>{ratio.denominator}</Typography.Link> : ratio.denominator}
      <Typography.Text type="secondary">{pct}</Typography.Text>
    </span>
  );
}

interface DrillRow { key: string; href: string; code: string; title: string; label: string; at: string; hit: boolean | null }

async function drillRows(period: string, pick: Pick) {
  const q = { period, department: pick.departmentId, measure: pick.measure, part: pick.part, limit: 500 };
  if (pick.kind === 'items') {
    const r = await getItemDrill(q);
    return { ...r, rows: r.items.map((i): DrillRow => ({ key: `${i.itemId}:${i.label}:${i.dueAt}`, href: `/items/${i.itemId}`, code: i.code, title: i.title, label: i.label, at: i.dueAt, hit: i.hit })) };
  }
  if (pick.kind === 'suggestions') {
    const r = await getSuggestionDrill(q);
    return { ...r, rows: r.items.map((s): DrillRow => ({ key: `${s.suggestionId}:${s.at}`, href: `/suggestions/${s.suggestionId}`, code: s.label, title: s.title, label: '', at: s.at, hit: s.hit })) };
  }
  const r = await getDirectAnswerDrill({ period, department: pick.departmentId, limit: 500 });
  return { ...r, measure: 'direct_answer', part: 'numerator', rows: r.items.map((c): DrillRow => ({ key: String(c.caseId), href: `/cases/${c.caseId}`, code: c.code, title: c.title, label: `知识库：${c.question}`, at: c.at, hit: null })) };
}

const columnTitles: Record<Kind, [string, string]> = { items: ['事项', '应完成'], suggestions: ['建议提案', '日期'], direct: ['诉求', '答复日期'] };

function DrillDrawer({ period, pick, onClose }: { period: string; pick: Pick | null; onClose: () => void }) {
  const { data, error } = useQuery({ queryKey: ['assessment', 'section-drill', period, pick], enabled: !!pick, queryFn: () => drillRows(period, pick!) });
  const kind = pick?.kind ?? 'items';
  const columns: TableColumnsType<DrillRow> = [
    { title: columnTitles[kind][0], key: 'title', render: (_: unknown, r) => (
      <div><Link to={r.href}>{r.title || r.code}</Link><div><Typography.Text type="secondary">{r.code}{r.label ? ` · ${r.label}` : ''}</Typography.Text></div></div>
    ) },
    { title: columnTitles[kind][1], dataIndex: 'at', width: 120, render: (t: string) => fmtDate(t) },
  ];
  if (kind !== 'direct') columns.push({ title: '结果', dataIndex: 'hit', width: 90, render: (h: boolean) => (h ? <Tag color="green">达标</Tag> : <Tag color="red">未达标</Tag>) });
  return (
    <Drawer open={!!pick} onClose={onClose} size="large" title={pick?.title} destroyOnHidden>
      {error && <Alert type="error" showIcon title={errorText(error)} />}
      {data && (
        <div data-testid="section-drill">
          <Typography.Paragraph type="secondary">
            {data.departmentName} · {measureWords[data.measure] ?? data.measure} · {kind === 'direct' ? '直接答复' : data.part === 'numerator' ? '达标' : '应计'} {data.figure} 件，清单 {data.total} 件
          </Typography.Paragraph>
          <Table rowKey="key" size="small" pagination={false} dataSource={data.rows} locale={{ emptyText: <Empty description="没有计入的记录" /> }} columns={columns} />
        </div>
      )}
    </Drawer>
  );
}

interface SectionRow { departmentId: number; departmentName: string; combined?: number | null }
interface RatioColumn<R> { title: string; measure: string; testId: string; get: (r: R) => Ratio; denominatorLink?: boolean; width?: number }

/** One section's table: unit, an optional record count, its ratios (each opening its drill-down), the combined score. */
function SectionTable<R extends SectionRow>({ kind, title, testId, rows, empty, count, ratios, extra, onPick }: {
  kind: Kind; title: string; testId: string; rows: R[]; empty: string; count?: { title: string; get: (r: R) => number };
  ratios: readonly RatioColumn<R>[]; extra?: ReactNode; onPick: (kind: Kind, measure: string, row: R) => (part: Part) => void;
}) {
  const columns: TableColumnsType<R> = [{ title: '单位', dataIndex: 'departmentName' }];
  if (count) columns.push({ title: count.title, key: 'count', width: 90, render: (_: unknown, r) => count.get(r) });
  for (const c of ratios) {
    columns.push({ title: c.title, key: c.measure, width: c.width ?? 180, render: (_: unknown, r) => (
      <RatioLinks ratio={c.get(r)} testId={`${c.testId}-${r.departmentId}`} denominatorLink={c.denominatorLink} onPick={onPick(kind, c.measure, r)} />
    ) });
  }
  // The combined score weighs every weighted section; shown where the scheme gives any (null otherwise).
  if (rows.some((r) => r.combined !== undefined && r.combined !== null)) {
    columns.push({ title: '综合得分（含专项）', dataIndex: 'combined', width: 150, render: (c: number | null | undefined) => (c === null || c === undefined ? '—' : c.toFixed(2)) });
  }
  return (
    <Card size="small" title={title} data-testid={testId}>
      {extra}
      <Table<R> rowKey="departmentId" size="small" dataSource={rows} pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        locale={{ emptyText: <Empty description={empty} /> }} columns={columns} />
    </Card>
  );
}

const itemsTable = {
  kind: 'items', title: '督办事项考核（按牵头单位）', testId: 'items-section', empty: '本期没有计入考核的督办事项',
  count: { title: '事项数', get: (r: ItemSectionDto['rows'][number]) => r.items },
  ratios: [
    { title: '按时报送进展', measure: 'item_report', testId: 'items-reports', get: (r: ItemSectionDto['rows'][number]) => r.reports },
    { title: '节点按期完成', measure: 'item_milestone', testId: 'items-milestones', get: (r: ItemSectionDto['rows'][number]) => r.milestones },
  ],
} as const;
type SuggestionRow = SuggestionSectionDto['rows'][number];
const suggestionsTable = {
  kind: 'suggestions', title: '建议提案办理考核（按承办单位）', testId: 'suggestions-section', empty: '本期没有答复或评价的建议提案',
  count: { title: '件数', get: (r: SuggestionRow) => r.suggestions },
  ratios: [
    { title: '按期答复', measure: 'suggestion_reply', testId: 'suggestions-replies', get: (r: SuggestionRow) => r.replies },
    { title: '代表委员满意', measure: 'suggestion_rating', testId: 'suggestions-ratings', get: (r: SuggestionRow) => r.ratings },
  ],
} as const;

export function SectionsCard({ period, items, suggestions, directAnswers }: {
  period: string; items: ItemSectionDto | null; suggestions: SuggestionSectionDto | null; directAnswers: DirectAnswerSectionDto | null;
}) {
  const [pick, setPick] = useState<Pick | null>(null);
  if (!items && !suggestions && !directAnswers) return null;
  const open = (kind: Kind, measure: string, row: { departmentId: number; departmentName: string }) => (part: Part) =>
    setPick({ kind, measure, part, departmentId: row.departmentId, title: `${row.departmentName}：${measureWords[measure]}${kind === 'direct' ? '' : `（${part === 'numerator' ? '达标' : '应计'}）`}` });
  return (
    <>
      {items && <SectionTable {...itemsTable} rows={items.rows} onPick={open} />}
      {suggestions && <SectionTable {...suggestionsTable} rows={suggestions.rows} onPick={open} />}
      {directAnswers && (
        <SectionTable kind="direct" title="直接答复（知识库当场办结，按条目责任单位）" testId="direct-answers-section" rows={directAnswers.rows}
          empty="本期没有直接答复的诉求" onPick={open}
          extra={(
            <Typography.Paragraph data-testid="direct-answers-city">
              全市直接答复率：<RatioLinks ratio={directAnswers.city} testId="direct-answers-city-ratio" denominatorLink={false}
                onPick={open('direct', 'direct_answer', { departmentId: 0, departmentName: '全市' })} />
              <Typography.Text type="secondary">（直接答复件数 / 同期受理件数）。直接答复在受理环节办结，不派单，不计入任何单位的签收、答复、回访和扣分；单位一行为引用其知识条目的直接答复 / （直接答复 + 本单位考核件数），不计分。</Typography.Text>
            </Typography.Paragraph>
          )}
          ratios={[{ title: '直接答复 / （直接答复 + 考核件数）', measure: 'direct_answer', testId: 'direct-answers', get: (r) => r.answers, denominatorLink: false, width: 280 }]} />
      )}
      <DrillDrawer period={period} pick={pick} onClose={() => setPick(null)} />
    </>
  );
}
