import { Alert, Empty, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import type { RankingsLatest } from '../../../contracts/assessment.js';
import { errorText } from '../../api/client.js';
import { getLatestRankings } from '../../api/dashboard.js';
import { fmtDate } from '../../shared/format.js';
import type { Tone } from './charts.js';
import { dashboardKeys } from './query-keys.js';

type Row = RankingsLatest['rows'][number];
const groupLabels: Record<Row['group'], string> = { city: '市直部门', district: '县市区', park: '园区' };
/** Rates arrive as shares (0–1). */
const pct = (r: { rate: number | null }) => (r.rate === null ? '—' : `${(r.rate * 100).toFixed(1)}%`);

/** A ranking row opens the assessment's own drill-down of that department's composite (the assessment area's page). */
export function assessmentDrillUrl(periodKey: string, departmentId: number): string {
  return `/assessment/drill?${new URLSearchParams({ period: periodKey, department: String(departmentId), measure: 'composite', part: 'denominator' })}`;
}

export function useRankings() {
  const { data, error } = useQuery({ queryKey: dashboardKeys.rankings, queryFn: getLatestRankings });
  return { data: data ?? null, error: error ? errorText(error) : null };
}

/** 考核排名: the latest published period, by group; "暂无已发布的考核结果" until a period is published. */
export function RankingsPanel({ tone = 'light', departmentId, limit }: { tone?: Tone; departmentId?: number | null; limit?: number }) {
  const { data, error } = useRankings();
  const navigate = useNavigate();
  if (error) return <Alert type="warning" showIcon title={`考核排名暂不可用：${error}`} />;
  if (!data) return null;
  if (!data.period) {
    return <Empty data-testid="rankings-empty" description={<span style={tone === 'dark' ? { color: '#c9d6ff', fontSize: 22 } : undefined}>暂无已发布的考核结果</span>} />;
  }
  const period = data.period;
  let rows = departmentId ? data.rows.filter((r) => r.departmentId === departmentId) : data.rows;
  rows = [...rows].sort((a, b) => a.group.localeCompare(b.group) || (a.rank ?? 1e9) - (b.rank ?? 1e9));
  if (limit) rows = rows.filter((r) => r.rank !== null && r.rank <= limit);
  const lightColumns: TableColumnsType<Row> = [
    { title: '分组', dataIndex: 'group', width: 100, render: (g: Row['group']) => groupLabels[g] },
    { title: '排名', dataIndex: 'rank', width: 80, render: (r: number | null) => r ?? <Tag>不参与排名</Tag> },
    { title: '单位', dataIndex: 'departmentName', ellipsis: true },
    { title: '综合得分', dataIndex: 'composite', width: 100, render: (c: number | null) => (c === null ? '—' : c.toFixed(2)) },
    { title: '件数', dataIndex: 'cases', width: 80 },
    { title: '响应率', key: 'response', width: 90, render: (_: unknown, r) => pct(r.response) },
    { title: '解决率', key: 'resolution', width: 90, render: (_: unknown, r) => pct(r.resolution) },
    { title: '满意率', key: 'satisfaction', width: 90, render: (_: unknown, r) => pct(r.satisfaction) },
  ];
  // The big screen's panel is half a 1920 px screen with large type: the figures a viewer reads from afar only.
  const darkColumns: TableColumnsType<Row> = [
    { title: '分组', dataIndex: 'group', width: 150, render: (g: Row['group']) => <span style={{ whiteSpace: 'nowrap' }}>{groupLabels[g]}</span> },
    { title: '排名', dataIndex: 'rank', width: 90 },
    { title: '单位', dataIndex: 'departmentName', ellipsis: true },
    { title: '综合得分', dataIndex: 'composite', width: 130, render: (c: number | null) => (c === null ? '—' : c.toFixed(2)) },
    { title: '满意率', key: 'satisfaction', width: 110, render: (_: unknown, r) => pct(r.satisfaction) },
  ];
  return (
    <div data-testid="rankings">
      <Typography.Text type="secondary" style={tone === 'dark' ? { color: '#c9d6ff', fontSize: 18 } : undefined}>
        {period.key} 考核（{fmtDate(period.from)} 至 {fmtDate(new Date(Date.parse(period.to) - 1).toISOString())}，方案第 {period.schemeVersion} 版，{fmtDate(period.publishedAt)} 发布）· 点击单位查看计入考核的诉求
      </Typography.Text>
      <Table<Row>
        rowKey="departmentId" size={tone === 'dark' ? 'middle' : 'small'} dataSource={rows}
        pagination={tone === 'light' && rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        onRow={(r) => ({ onClick: () => navigate(assessmentDrillUrl(period.key, r.departmentId)), style: { cursor: 'pointer' } })}
        columns={(tone === 'dark' ? darkColumns : lightColumns).map((c) => ({ ...c, title: <span style={{ whiteSpace: 'nowrap' }}>{c.title as string}</span> }))}
      />
    </div>
  );
}
