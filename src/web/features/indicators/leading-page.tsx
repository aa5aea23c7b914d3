import { Alert, Button, Card, Col, Row, Segmented, Select, Space, Statistic, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { LeadingDashboard } from '../../../contracts/indicators.js';
import { errorText } from '../../api/client.js';
import { Chart } from '../dashboard/use-chart.js';
import { LightDot } from '../items/labels.js';
import { leadReportUrl, leadingDashboard, meetingPackUrl } from './api.js';
import { LightTag } from './labels.js';

type Row = LeadingDashboard['rows'][number];
type Measure = Row['measures'][number];
const num = (x: number | null) => (x === null ? '—' : String(x));

/** 领导小组看板: every indicator against its target and benchmark, red and yellow first; drill-down to the indicator page. */
export default function LeadingGroupPage() {
  const navigate = useNavigate();
  const [year, setYear] = useState<number | undefined>();
  const [system, setSystem] = useState<'national' | 'province'>('national');
  const q = useQuery({ queryKey: ['indicators', 'leading', year, system], queryFn: () => leadingDashboard({ year, system }) });
  const d = q.data;
  const count = (key: 'light' | 'reformLight', l: string) => d?.rows.filter((r) => r[key] === l).length ?? 0;
  const option = useMemo(() => {
    const lights = [['green', '达到目标/绿灯', '#52c41a'], ['yellow', '落后目标/黄灯', '#faad14'], ['red', '变差/红灯', '#f5222d'], ['none', '暂无', '#bfbfbf']] as const;
    return {
      tooltip: { trigger: 'axis' }, legend: { top: 0, itemWidth: 12, itemHeight: 8 }, grid: { left: 72, right: 24, top: 30, bottom: 24 },
      xAxis: { type: 'value', minInterval: 1 }, yAxis: { type: 'category', data: ['指标数据', '改革举措'] },
      series: lights.map(([k, name, color]) => ({ name, type: 'bar', stack: 'all', itemStyle: { color }, data: [count('light', k), count('reformLight', k)] })),
    };
  }, [d]);
  if (q.isError) return <Alert type="error" showIcon title={errorText(q.error)} />;

  const measures = (r: Row) => (
    <Table<Measure> size="small" rowKey="id" pagination={false} dataSource={r.measures} columns={[
      { title: '分项', dataIndex: 'name' },
      { title: '期别', dataIndex: 'periodLabel', render: (p: string | null) => p ?? '—' },
      { title: '本期', dataIndex: 'value', render: (v: number | null, m) => `${num(v)} ${m.unit}` },
      { title: '上期', dataIndex: 'previousValue', render: num },
      { title: '本市承诺', dataIndex: 'commitment', render: num },
      { title: '标杆城市', dataIndex: 'benchmark', render: num },
      { title: '省内最优', dataIndex: 'provinceBest', render: num },
      { title: '状态', dataIndex: 'light', render: (l: Measure['light']) => <LightTag light={l} /> },
    ]} />
  );

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
          <Typography.Title level={4} style={{ margin: 0 }}>领导小组看板</Typography.Title>
          <Space wrap>
            <Segmented value={system} onChange={(v) => setSystem(v as typeof system)} options={[{ value: 'national', label: '国家评价' }, { value: 'province', label: '省监测' }]} />
            <Select style={{ width: 120 }} value={d?.year} onChange={setYear} options={(d?.years ?? []).map((y) => ({ value: y, label: `${y} 年` }))} />
            <Button type="primary" href={d ? meetingPackUrl(d.year, system) : undefined} disabled={!d?.rows.length} data-testid="meeting-pack">下载会议材料（Word）</Button>
          </Space>
        </Space>
        <Row gutter={16} style={{ marginTop: 16 }}>
          <Col span={3}><Statistic title="评价指标" value={d?.rows.length ?? 0} suffix="项" /></Col>
          <Col span={3}><Statistic title="数据变差（红）" value={count('light', 'red')} styles={{ content: { color: '#f5222d' } }} /></Col>
          <Col span={3}><Statistic title="落后目标（黄）" value={count('light', 'yellow')} styles={{ content: { color: '#d48806' } }} /></Col>
          <Col span={3}><Statistic title="举措红灯指标" value={count('reformLight', 'red')} styles={{ content: { color: '#f5222d' } }} /></Col>
          <Col span={12}><Chart option={option} height={130} testId="leading-chart" /></Col>
        </Row>
      </Card>
      <Card size="small" title="全部指标（红灯、黄灯在前；点开看分项，点名称进入数据、佐证、举措与案例）">
        <Table<Row> size="small" rowKey="id" loading={q.isLoading} dataSource={d?.rows ?? []} pagination={false} data-testid="leading-table"
          expandable={{ expandedRowRender: measures }}
          onRow={(r) => ({ onDoubleClick: () => navigate(`/indicators/${r.id}`) })}
          columns={[
            { title: '指标', dataIndex: 'name', render: (n: string, r) => <Link to={`/indicators/${r.id}`}>{n}</Link> },
            { title: '牵头单位', dataIndex: 'leadDepartmentName', render: (x: string | null) => x ?? '—' },
            { title: '指标数据', dataIndex: 'light', render: (l: Row['light']) => <LightTag light={l} /> },
            { title: '改革举措', dataIndex: 'reformLight', render: (l: Row['reformLight']) => (l === 'none' ? '—' : <LightDot light={l} />) },
            { title: '举措 红/黄/绿/完成', dataIndex: 'reforms', render: (x: Row['reforms']) => `${x.red} / ${x.yellow} / ${x.green} / ${x.closed}` },
            { title: '汇报', key: 'report', render: (_: unknown, r) => (r.leadDepartmentId ? <Button size="small" href={leadReportUrl(r.leadDepartmentId, d!.year, system)}>工作汇报</Button> : '—') },
          ]} />
      </Card>
    </Space>
  );
}
