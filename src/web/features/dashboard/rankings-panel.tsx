import { Alert, Empty, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import type { RankingsLatest } from '../../../contracts/assessment.js';
import { errorText } from '../../api/client.js';
import { getLatestRankings } from '../../api/dashboard.js';
import { fmtDate } from '../../shared/format.js';
import { dashboardKeys } from './query-keys.js';

export type RankingRow = RankingsLatest['rows'][number];
type Row = RankingRow;
export const groupLabels: Record<Row['group'], string> = { city: '市直部门', district: '县市区', park: '园区' };
/** Rates arrive as shares (0–1). */
export const pct = (r: { rate: number | null }) => (r.rate === null ? '—' : `${(r.rate * 100).toFixed(1)}%`);

/** A ranking row opens the assessment's own drill-down of that department's composite (the assessment area's page). */
export function assessmentDrillUrl(periodKey: string, departmentId: number): string {
  return `/assessment/drill?${new URLSearchParams({ period: periodKey, department: String(departmentId), measure: 'composite', part: 'denominator' })}`;
}

export function useRankings() {
  const { data, error } = useQuery({ queryKey: dashboardKeys.rankings, queryFn: getLatestRankings });
  return { data: data ?? null, error: error ? errorText(error) : null };
}

/** 考核排名: the latest published period, by group; "暂无已发布的考核结果" until a period is published. */
export function RankingsPanel({ departmentId }: { departmentId?: number | null }) {
  const { data, error } = useRankings();
  const navigate = useNavigate();
  if (error) return <Alert type="warning" showIcon title={`考核排名暂不可用：${error}`} />;
  if (!data) return null;
  if (!data.period) {
    return <Empty data-testid="rankings-empty" description="暂无已发布的考核结果" />;
  }
  const period = data.period;
  const rows = (departmentId ? data.rows.filter((r) => r.departmentId === departmentId) : [...data.rows]).sort((a, b) => a.group.localeCompare(b.group) || (a.rank ?? 1e9) - (b.rank ?? 1e9));
  const columns: TableColumnsType<Row> = [
    { title: '分组', dataIndex: 'group', width: 100, render: (g: Row['group']) => groupLabels[g] },
    { title: '排名', dataIndex: 'rank', width: 80, render: (r: number | null) => r ?? <Tag>不参与排名</Tag> },
    { title: '单位', dataIndex: 'departmentName', ellipsis: true },
    { title: '综合得分', dataIndex: 'composite', width: 100, render: (c: number | null) => (c === null ? '—' : c.toFixed(2)) },
    { title: '件数', dataIndex: 'cases', width: 80 },
    { title: '响应率', key: 'response', width: 90, render: (_: unknown, r) => pct(r.response) },
    { title: '解决率', key: 'resolution', width: 90, render: (_: unknown, r) => pct(r.resolution) },
    { title: '满意率', key: 'satisfaction', width: 90, render: (_: unknown, r) => pct(r.satisfaction) },
  ];
  return (
    <div data-testid="rankings">
      <Typography.Text type="secondary">
        {period.key} 考核（{fmtDate(period.from)} 至 {fmtDate(new Date(Date.parse(period.to) - 1).toISOString())}，方案第 {period.schemeVersion} 版，{fmtDate(period.publishedAt)} 发布）· 点击单位查看计入考核的诉求
      </Typography.Text>
      <Table<Row>
        rowKey="departmentId" size="small" dataSource={rows}
        pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        onRow={(r) => ({ onClick: () => navigate(assessmentDrillUrl(period.key, r.departmentId)), style: { cursor: 'pointer' } })}
        columns={columns.map((c) => ({ ...c, title: <span style={{ whiteSpace: 'nowrap' }}>{c.title as string}</span> }))}
      />
    </div>
  );
}
