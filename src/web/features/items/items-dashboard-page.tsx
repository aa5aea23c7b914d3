import { Card, Col, Empty, Row, Skeleton, Statistic, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { ItemDashboard } from '../../../contracts/items-ledger.js';
import { itemLightNames, type ItemLight } from '../../../domain/items/types.js';
import { getItemDashboard } from '../../api/items-ledger.js';
import { itemKeys } from '../../api/items.js';
import { useCan } from '../../shared/can.js';
import { palette } from '../dashboard/charts.js';
import { Chart } from '../dashboard/use-chart.js';

// 督办事项看板: the items in progress by light, source and lead unit (red and yellow first), overdue milestones and
// missing reports; every figure and bar opens the list filtered to exactly what it counted.

const lights: ItemLight[] = ['red', 'yellow', 'green'];
const c = palette.light;
const colours: Record<ItemLight, string> = { red: c.red, yellow: c.amber, green: c.green };
const cnDate = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

function stacked(names: string[], rows: Array<Record<ItemLight, number>>, horizontal: boolean) {
  const category = { type: 'category', data: names, axisLabel: { color: c.muted, fontSize: 13, interval: 0 }, inverse: horizontal };
  const value = { type: 'value', minInterval: 1, axisLabel: { color: c.muted }, splitLine: { lineStyle: { color: c.grid } } };
  return {
    textStyle: { fontSize: 13 },
    color: lights.map((l) => colours[l]),
    legend: { top: 0 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
    grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
    xAxis: horizontal ? value : category,
    yAxis: horizontal ? category : value,
    series: lights.map((l) => ({ name: itemLightNames[l], type: 'bar', stack: 'n', barMaxWidth: 36, data: rows.map((r) => r[l]) })),
  };
}

function Charts({ d, listPath }: { d: ItemDashboard; listPath: string }) {
  const navigate = useNavigate();
  const open = (q: Record<string, string | number>) => navigate(`${listPath}?${new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)])).toString()}`);
  const units = d.byUnit.slice(0, 15);
  const sourceOption = useMemo(() => stacked(d.bySource.map((s) => s.name), d.bySource, false), [d]);
  const unitOption = useMemo(() => stacked(units.map((u) => u.name), units, true), [d]);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={10}>
        <Card title="按来源（推进中）" size="small">
          <Chart testId="items-by-source" option={sourceOption} height={320}
            onClick={(e) => open({ state: 'in_progress', sourceKind: d.bySource[e.dataIndex].sourceKind, light: lights[e.seriesIndex] })} />
        </Card>
      </Col>
      <Col xs={24} xl={14}>
        <Card title={`按牵头单位（红灯、黄灯多的在前${d.byUnit.length > units.length ? `，前 ${units.length} 个` : ''}）`} size="small">
          {units.length ? (
            <Chart testId="items-by-unit" option={unitOption} height={Math.max(200, 40 + units.length * 30)}
              onClick={(e) => open({ state: 'in_progress', departmentId: units[e.dataIndex].departmentId, light: lights[e.seriesIndex] })} />
          ) : <Empty description="暂无推进中的事项" />}
        </Card>
      </Col>
    </Row>
  );
}

export default function ItemsDashboardPage() {
  const can = useCan();
  const listPath = can('supervision:centre') ? '/items' : '/items/mine';
  const { data: d } = useQuery({ queryKey: [...itemKeys, 'dashboard'], queryFn: getItemDashboard });
  if (!d) return <Card title="督办事项看板"><Skeleton active /></Card>;
  const figure = (title: string, value: number, to: string, testId: string, color?: string) => (
    <Col xs={12} md={8} xl={4}>
      <Link to={to} data-testid={testId}>
        <Card size="small" hoverable><Statistic title={title} value={value} suffix="项" valueStyle={color ? { color } : undefined} /></Card>
      </Link>
    </Col>
  );
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <Typography.Title level={4} style={{ margin: 0 }}>督办事项看板</Typography.Title>
      <Row gutter={[16, 16]}>
        {figure('推进中', d.open, `${listPath}?state=in_progress`, 'items-open')}
        {figure('红灯', d.byLight.red, `${listPath}?state=in_progress&light=red`, 'items-red', c.red)}
        {figure('黄灯', d.byLight.yellow, `${listPath}?state=in_progress&light=yellow`, 'items-yellow', c.amber)}
        {figure('绿灯', d.byLight.green, `${listPath}?state=in_progress&light=green`, 'items-green', c.green)}
        {figure('已销号', d.closed, `${listPath}?state=closed`, 'items-closed')}
        <Col xs={12} md={8} xl={4}>
          <Card size="small"><Statistic title="逾期节点 / 缺报" value={d.overdueMilestoneCount} suffix={`个 / ${d.missingReportCount} 期`} /></Card>
        </Col>
      </Row>
      <Charts d={d} listPath={listPath} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title={`逾期未完成的节点（${d.overdueMilestoneCount} 个）`} size="small">
            <Table rowKey={(r) => `${r.itemId}-${r.milestone}-${r.dueDate}`} size="small" pagination={false} dataSource={d.overdueMilestones} data-testid="items-overdue"
              locale={{ emptyText: '没有逾期的节点' }}
              columns={[
                { title: '事项', key: 'item', render: (_, r) => <Link to={`/items/${r.itemId}`}>{r.title}</Link> },
                { title: '节点', dataIndex: 'milestone' },
                { title: '应完成', key: 'due', width: 130, render: (_, r) => cnDate(r.dueDate) },
                { title: '牵头单位', dataIndex: 'departmentName', width: 180 },
              ]} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={`未按时报送进展（${d.missingReportCount} 期）`} size="small">
            <Table rowKey={(r) => `${r.itemId}-${r.period}`} size="small" pagination={false} dataSource={d.missingReports} data-testid="items-missing"
              locale={{ emptyText: '没有缺报' }}
              columns={[
                { title: '事项', key: 'item', render: (_, r) => <Link to={`/items/${r.itemId}`}>{r.title}</Link> },
                { title: '缺报期次', dataIndex: 'period', width: 110 },
                { title: '牵头单位', dataIndex: 'departmentName', width: 180 },
              ]} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
