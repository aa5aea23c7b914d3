import { Alert, Card, Col, Descriptions, Empty, Row, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import type { IndicatorDetail } from '../../../contracts/indicators.js';
import { periodLabel } from '../../../domain/indicators/period.js';
import { errorText } from '../../api/client.js';
import { indicatorDetail } from './api.js';
import { useCan } from '../../shared/can.js';
import { FigureForm } from './figure-form.js';
import { FiguresTable } from './figures-table.js';
import { LightTag, directionLabels } from './labels.js';
import { ProblemsPanel } from './problems-panel.js';
import { ReformsPanel } from './reforms-panel.js';
import { ReportCard } from './report-card.js';
import { indicatorReforms } from './api.js';
import { LightDot } from '../items/labels.js';
import { TrendChart } from './trend-chart.js';

type Measure = IndicatorDetail['measures'][number];

/** One indicator (/indicators/:id): its sub-measures with targets, trend, figures, evidence and review; the platform's own figures; its problems. */
export default function IndicatorDetailPage() {
  const id = Number(useParams().id);
  const can = useCan();
  const q = useQuery({ queryKey: ['indicators', 'detail', id], queryFn: () => indicatorDetail(id) });
  const reforms = useQuery({ queryKey: ['indicators', 'reforms', id], queryFn: () => indicatorReforms(id) });
  if (q.isError) return <Alert type="error" showIcon title={errorText(q.error)} />;
  const d = q.data;
  if (!d) return <Card loading />;
  const i = d.indicator;
  const seesProblems = i.isMine || can('case:read-all');

  const measureCard = (m: Measure) => (
    <Card key={m.id} size="small" data-testid={`measure-${m.code}`}
      title={<Space>{m.name}{m.unit && <Typography.Text type="secondary">（{m.unit}）</Typography.Text>}<LightTag light={m.light} /></Space>}
      extra={<Typography.Text type="secondary">{directionLabels[m.direction]} · 承诺 {m.targetCommitment ?? '—'} · 标杆城市 {m.targetBenchmark ?? '—'} · 省内最优 {m.targetProvinceBest ?? '—'}</Typography.Text>}>
      <Row gutter={16}>
        <Col span={9}><TrendChart measure={m} /></Col>
        <Col span={15}>
          <FiguresTable measure={m} />
          {d.canFile && <FigureForm measure={m} />}
        </Col>
      </Row>
    </Card>
  );

  const platform = (
    <Table size="small" rowKey="period" pagination={false} dataSource={d.platform} data-testid="platform-figures"
      locale={{ emptyText: '本指标尚未关联问题类别（在“问题类别”中给类别加上本指标）' }}
      columns={[
        { title: '期间', dataIndex: 'period', render: (p: string) => periodLabel(p) },
        { title: '企业诉求', dataIndex: 'cases' },
        { title: '已办结', dataIndex: 'closed' },
        { title: '响应率', dataIndex: 'responseRate', render: (v: number | null) => (v === null ? '—' : `${v}%`) },
        { title: '解决率', dataIndex: 'resolutionRate', render: (v: number | null) => (v === null ? '—' : `${v}%`) },
        { title: '满意率', dataIndex: 'satisfactionRate', render: (v: number | null) => (v === null ? '—' : `${v}%`) },
        { title: '不满意', dataIndex: 'unsatisfied' },
        { title: '办理时长中位数', dataIndex: 'medianHandlingHours', render: (v: number | null) => (v === null ? '—' : `${v} 小时`) },
      ]} />
  );

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Space><Link to="/indicators">← 指标体系</Link></Space>
      <Card>
        <Space align="center" size={12}>
          <Typography.Title level={4} style={{ margin: 0 }}>{i.name}</Typography.Title>
          <LightTag light={i.light} />
          {reforms.data && reforms.data.reformLight !== 'none' && (
            <span data-testid="reform-light">改革举措 <LightDot light={reforms.data.reformLight} reasons={reforms.data.reforms.flatMap((r) => r.lightReasons)} /></span>
          )}
          {i.isMine && <Tag color="blue">本单位牵头</Tag>}
        </Space>
        <Descriptions size="small" column={3} style={{ marginTop: 12 }}>
          <Descriptions.Item label="评价年度">{i.year} 年</Descriptions.Item>
          <Descriptions.Item label="牵头单位">{i.leadDepartmentName}</Descriptions.Item>
          <Descriptions.Item label="权重">{i.weight}</Descriptions.Item>
          <Descriptions.Item label="责任单位" span={3}>{i.responsibleDepartmentNames.join('、') || '—'}</Descriptions.Item>
          <Descriptions.Item label="定义" span={3}>{i.definition || '—'}</Descriptions.Item>
        </Descriptions>
        {!d.canFile && d.fileBlockedReason && <Typography.Text type="secondary">填报：{d.fileBlockedReason}</Typography.Text>}
      </Card>
      <Tabs items={[
        { key: 'figures', label: '分项数据与审核', children: (
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            {d.measures.length ? d.measures.map(measureCard) : <Empty description="尚未设置分项（二级指标）" />}
          </Space>) },
        { key: 'reforms', label: `改革举措${reforms.data ? `（${reforms.data.reforms.length}）` : ''}`, children: <ReformsPanel indicatorId={id} /> },
        ...(i.leadDepartmentId !== null && (i.isMine || can('indicator:dashboard')) ? [{ key: 'report', label: '工作汇报', children: <ReportCard indicator={i} /> }] : []),
        { key: 'platform', label: '平台数据', children: (
          <Card size="small" title="平台自动统计：本指标关联类别的企业诉求（口径同数据看板、考核）">
            <Row gutter={16} style={{ marginBottom: 12 }}>
              <Col span={6}><Statistic title="本期企业诉求" value={d.platform.at(-1)?.cases ?? 0} suffix="件" /></Col>
              <Col span={6}><Statistic title="本期满意率" value={d.platform.at(-1)?.satisfactionRate ?? '—'} suffix={d.platform.at(-1)?.satisfactionRate != null ? '%' : ''} /></Col>
            </Row>
            {platform}
          </Card>) },
        { key: 'problems', label: '企业诉求', disabled: !seesProblems, children: seesProblems ? <ProblemsPanel indicatorId={id} canPress={i.isMine} /> : null },
      ]} />
      {!seesProblems && <Typography.Text type="secondary">“企业诉求”只对本指标的牵头单位和营商办开放。</Typography.Text>}
    </Space>
  );
}

