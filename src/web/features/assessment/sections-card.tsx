import { Alert, Card, Drawer, Empty, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { ItemSectionDto, SuggestionSectionDto } from '../../../contracts/assessment.js';
import { errorText } from '../../api/client.js';
import { getItemDrill, getSuggestionDrill } from '../../api/assessment.js';
import { fmtDate } from '../../shared/format.js';

// The snapshot's sections beside the case scorecard (ADR 0021): 督办事项 (reports on time, milestones met) and 建议提案
// (replies on time, proposers' satisfaction), per unit. Every figure opens the items or suggestions behind it, derived
// again from their event records as of the snapshot, so the list's length is the figure.

type Part = 'numerator' | 'denominator';
interface Pick { kind: 'items' | 'suggestions'; measure: string; part: Part; departmentId: number; title: string }
type Ratio = { numerator: number; denominator: number };

const measureWords: Record<string, string> = {
  item_report: '按时报送进展', item_milestone: '节点按期完成', suggestion_reply: '按期答复', suggestion_rating: '代表委员满意（含基本满意）',
};

function RatioLinks({ ratio, onPick, testId }: { ratio: Ratio; onPick: (part: Part) => void; testId: string }) {
  const pct = ratio.denominator ? ` · ${((ratio.numerator / ratio.denominator) * 100).toFixed(1)}%` : '';
  return (
    <span style={{ whiteSpace: 'nowrap' }} data-testid={testId}>
      <Typography.Link onClick={() => onPick('numerator')}>{ratio.numerator}</Typography.Link>
      {' / '}
      <Typography.Link onClick={() => onPick('denominator')}>{ratio.denominator}</Typography.Link>
      <Typography.Text type="secondary">{pct}</Typography.Text>
    </span>
  );
}

function DrillDrawer({ period, pick, onClose }: { period: string; pick: Pick | null; onClose: () => void }) {
  const q = pick ? { period, department: pick.departmentId, measure: pick.measure, part: pick.part, limit: 500 } : null;
  const { data, error } = useQuery({
    queryKey: ['assessment', 'section-drill', q], enabled: !!q,
    queryFn: async () => {
      if (pick!.kind === 'items') {
        const r = await getItemDrill(q!);
        return { ...r, rows: r.items.map((i) => ({ key: `${i.itemId}:${i.label}:${i.dueAt}`, href: `/items/${i.itemId}`, code: i.code, title: i.title, label: i.label, at: i.dueAt, hit: i.hit })) };
      }
      const r = await getSuggestionDrill(q!);
      return { ...r, rows: r.items.map((s) => ({ key: `${s.suggestionId}:${s.at}`, href: `/suggestions/${s.suggestionId}`, code: s.label, title: s.title, label: '', at: s.at, hit: s.hit })) };
    },
  });
  return (
    <Drawer open={!!pick} onClose={onClose} size="large" title={pick?.title} destroyOnHidden>
      {error && <Alert type="error" showIcon title={errorText(error)} />}
      {data && (
        <div data-testid="section-drill">
          <Typography.Paragraph type="secondary">
            {data.departmentName} · {measureWords[data.measure] ?? data.measure} · {data.part === 'numerator' ? '达标' : '应计'} {data.figure} 件，清单 {data.total} 件
          </Typography.Paragraph>
          <Table rowKey="key" size="small" pagination={false} dataSource={data.rows} locale={{ emptyText: <Empty description="没有计入的记录" /> }}
            columns={[
              { title: pick?.kind === 'items' ? '事项' : '建议提案', key: 'title', render: (_: unknown, r) => (
                <div><Link to={r.href}>{r.title || r.code}</Link><div><Typography.Text type="secondary">{r.code}{r.label ? ` · ${r.label}` : ''}</Typography.Text></div></div>
              ) },
              { title: pick?.kind === 'items' ? '应完成' : '日期', dataIndex: 'at', width: 120, render: (t: string) => fmtDate(t) },
              { title: '结果', dataIndex: 'hit', width: 90, render: (h: boolean) => (h ? <Tag color="green">达标</Tag> : <Tag color="red">未达标</Tag>) },
            ]} />
        </div>
      )}
    </Drawer>
  );
}

export function SectionsCard({ period, items, suggestions }: { period: string; items: ItemSectionDto | null; suggestions: SuggestionSectionDto | null }) {
  const [pick, setPick] = useState<Pick | null>(null);
  if (!items && !suggestions) return null;
  const open = (kind: Pick['kind'], measure: string, departmentId: number, name: string) => (part: Part) =>
    setPick({ kind, measure, part, departmentId, title: `${name}：${measureWords[measure]}（${part === 'numerator' ? '达标' : '应计'}）` });
  return (
    <>
      {items && (
        <Card size="small" title="督办事项考核（按牵头单位）" data-testid="items-section">
          <Table rowKey="departmentId" size="small" dataSource={items.rows} pagination={items.rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
            locale={{ emptyText: <Empty description="本期没有计入考核的督办事项" /> }}
            columns={[
              { title: '单位', dataIndex: 'departmentName' },
              { title: '事项数', dataIndex: 'items', width: 90 },
              { title: '按时报送进展', key: 'reports', width: 180, render: (_: unknown, r) => <RatioLinks ratio={r.reports} testId={`items-reports-${r.departmentId}`} onPick={open('items', 'item_report', r.departmentId, r.departmentName)} /> },
              { title: '节点按期完成', key: 'milestones', width: 180, render: (_: unknown, r) => <RatioLinks ratio={r.milestones} testId={`items-milestones-${r.departmentId}`} onPick={open('items', 'item_milestone', r.departmentId, r.departmentName)} /> },
              { title: '事项得分', dataIndex: 'combined', width: 100, render: (c: number | null) => (c === null ? '—' : c.toFixed(2)) },
            ]} />
        </Card>
      )}
      {suggestions && (
        <Card size="small" title="建议提案办理考核（按承办单位）" data-testid="suggestions-section">
          <Table rowKey="departmentId" size="small" dataSource={suggestions.rows} pagination={suggestions.rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
            locale={{ emptyText: <Empty description="本期没有答复或评价的建议提案" /> }}
            columns={[
              { title: '单位', dataIndex: 'departmentName' },
              { title: '件数', dataIndex: 'suggestions', width: 90 },
              { title: '按期答复', key: 'replies', width: 180, render: (_: unknown, r) => <RatioLinks ratio={r.replies} testId={`suggestions-replies-${r.departmentId}`} onPick={open('suggestions', 'suggestion_reply', r.departmentId, r.departmentName)} /> },
              { title: '代表委员满意', key: 'ratings', width: 180, render: (_: unknown, r) => <RatioLinks ratio={r.ratings} testId={`suggestions-ratings-${r.departmentId}`} onPick={open('suggestions', 'suggestion_rating', r.departmentId, r.departmentName)} /> },
            ]} />
        </Card>
      )}
      <DrillDrawer period={period} pick={pick} onClose={() => setPick(null)} />
    </>
  );
}
