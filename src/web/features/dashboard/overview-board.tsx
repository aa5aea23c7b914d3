import { ArrowDownOutlined, ArrowUpOutlined, InfoCircleOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Empty, Row, Skeleton, Statistic, Tooltip, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import type { DashboardSlice, Overview } from '../../../contracts/dashboard.js';
import { errorText } from '../../api/client.js';
import { getOverview } from '../../api/dashboard.js';
import { fmtTime } from '../../shared/format.js';
import { OverdueHeatmap, SatisfactionChart, TopBarChart, WeeklyTrendChart } from './charts.js';
import { dashboardKeys } from './query-keys.js';
import { RankingsPanel } from './rankings-panel.js';
import { ByTypeCard } from './by-type-card.js';
import { definitions, rangeText, sliceSearch } from './slice.js';
import { HotspotBoardCard } from '../hotspots/board-card.js';
import { useCan } from '../../shared/can.js';


export function useOverview(q: { month?: string; departmentId?: number }) {
  const { data, error } = useQuery({ queryKey: [...dashboardKeys.all, 'overview', q], queryFn: () => getOverview(q) });
  return { data: data ?? null, error: error ? errorText(error) : null };
}

export function useOpenSlice() {
  const navigate = useNavigate();
  return (s: DashboardSlice) => navigate(`/dashboard/cases?${sliceSearch(s)}`);
}

function Title({ text, help }: { text: string; help: string }) {
  return (
    <span>
      {text}{' '}
      <Tooltip title={help}><InfoCircleOutlined style={{ color: '#8c8c8c' }} aria-label={`${text}口径`} /></Tooltip>
    </span>
  );
}

function Kpi({ title, help, children, onClick, testId }: { title: string; help: string; children: ReactNode; onClick?: () => void; testId: string }) {
  return (
    <Card size="small" hoverable={!!onClick} onClick={onClick} data-testid={testId} style={{ height: '100%' }}>
      <Typography.Text type="secondary"><Title text={title} help={help} /></Typography.Text>
      {children}
    </Card>
  );
}

/** 其中直接答复 N 件（直接答复率 x%）: its own drill-down, not the card's. */
function DirectAnswerLine({ d, onOpen }: { d: NonNullable<Overview['kpis']['directAnswers']>; onOpen: () => void }) {
  return (
    <Tooltip title={definitions.directAnswer}>
      <Typography.Link style={{ fontSize: 12 }} data-testid="kpi-direct-answers" onClick={(e) => { e.stopPropagation(); onOpen(); }}>
        其中直接答复 {d.value} 件（直接答复率 {d.rate === null ? '—' : `${d.rate}%`}）
      </Typography.Link>
    </Tooltip>
  );
}

/** The KPI cards, charts, heatmap and rankings of one scope (the city, or one department). */
export function OverviewBoard({ o, showRankings = true }: { o: Overview; showRankings?: boolean }) {
  const open = useOpenSlice();
  const k = o.kpis;
  const dept = o.scope.departmentId ?? undefined;
  const change = k.receivedChangePct;
  const rated = k.satisfaction.satisfied + k.satisfaction.basically + k.satisfaction.unsatisfied;
  const monthText = rangeText(k.received.from, k.received.until);
  const can = useCan();
  return (
    <div data-testid="overview-board">
      <Row gutter={[16, 16]}>
        <Col xs={12} md={8} xl={4}>
          <Kpi testId="kpi-received" title="本月受理" help={`${monthText}。${definitions.received}`} onClick={() => open({ measure: 'received', ...k.received, departmentId: dept })}>
            <Statistic value={k.received.value} suffix="件" />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              较上月同期（{rangeText(k.receivedLastPeriod.from, k.receivedLastPeriod.until)}，{k.receivedLastPeriod.value} 件）
              {change === null ? ' —' : <span style={{ color: change > 0 ? '#a8071a' : '#237804' }}>{change > 0 ? <ArrowUpOutlined /> : <ArrowDownOutlined />}{Math.abs(change)}%</span>}
            </Typography.Text>
          </Kpi>
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Kpi testId="kpi-last-month" title="上月受理" help={`${rangeText(k.receivedLastMonth.from, k.receivedLastMonth.until)}全月。${definitions.received}`}
            onClick={() => open({ measure: 'received', ...k.receivedLastMonth, departmentId: dept })}>
            <Statistic value={k.receivedLastMonth.value} suffix="件" />
          </Kpi>
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Kpi testId="kpi-closed" title="本月办结" help={`${monthText}。${definitions.closed}`} onClick={() => open({ measure: 'closed', ...k.closed, departmentId: dept })}>
            <Statistic value={k.closed.value} suffix="件" />
            {k.directAnswers && <DirectAnswerLine d={k.directAnswers} onOpen={() => open({ measure: 'direct_answer', from: k.directAnswers!.from, until: k.directAnswers!.until })} />}
          </Kpi>
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Kpi testId="kpi-satisfaction" title="本月满意率" help={`${monthText}。${definitions.satisfaction}`}
            onClick={() => open({ measure: 'rated', from: k.satisfaction.from, until: k.satisfaction.until, departmentId: dept })}>
            <Statistic value={k.satisfaction.rate ?? '—'} suffix={k.satisfaction.rate === null ? '' : '%'} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>已评价 {rated} 件，不满意 {k.satisfaction.unsatisfied} 件</Typography.Text>
          </Kpi>
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Kpi testId="kpi-overdue" title="本月超期" help={`${monthText}。${definitions.overdue}`} onClick={() => open({ measure: 'overdue', ...k.overdue, departmentId: dept })}>
            <Statistic value={k.overdue.value} suffix="件" styles={{ content: k.overdue.value ? { color: '#a8071a' } : undefined }} />
          </Kpi>
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Kpi testId="kpi-overdue-now" title="当前超期在办" help={definitions.overdueNow} onClick={() => open({ measure: 'overdue_now', departmentId: dept })}>
            <Statistic value={k.overdueNow.value} suffix="件" styles={{ content: k.overdueNow.value ? { color: '#a8071a' } : undefined }} />
          </Kpi>
        </Col>

        <Col xs={24} xl={12}>
          <Card size="small" title={<Title text="近 12 周受理与办结" help={`${definitions.received}${definitions.closed}每周为周一至周日（北京时间）。`} />}>
            <WeeklyTrendChart o={o} tone="light" onSlice={(s) => open({ ...s, departmentId: dept })} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={<Title text="近 6 个月满意度" help={definitions.satisfaction} />}>
            <SatisfactionChart o={o} tone="light" onSlice={(s) => open({ ...s, departmentId: dept })} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={<Title text="本月问题类别 TOP 10" help={definitions.categories} />}>
            {o.topCategories.length ? (
              <TopBarChart testId="chart-categories" tone="light" color="blue" title="受理" definition={definitions.categories}
                items={o.topCategories.map((c) => ({ id: c.categoryId, name: c.name, value: c.value }))}
                onPick={(id) => open({ measure: 'received', ...o.monthRange, categoryId: id, departmentId: dept })} />
            ) : <Empty description="本月暂无受理" />}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={<Title text="本月所在地 TOP 10" help={definitions.districts} />}>
            {o.topDistricts.length ? (
              <TopBarChart testId="chart-districts" tone="light" color="amber" title="受理" definition={definitions.districts}
                items={o.topDistricts.map((d) => ({ id: d.districtId, name: d.name, value: d.value }))}
                onPick={(id) => open({ measure: 'received', ...o.monthRange, districtId: id, departmentId: dept })} />
            ) : <Empty description="本月暂无填写所在地的诉求" />}
          </Card>
        </Col>
        {/* 热点分布 (docs/hotspots.md): the city's view only; unit staff have no hotspot:read. */}
        {can('hotspot:read') && !o.scope.departmentId && <Col span={24}><HotspotBoardCard /></Col>}
        <Col span={24}>
          <Card size="small" title={<Title text="本月诉求类型" help={definitions.types} />}>
            <ByTypeCard o={o} open={open} />
          </Card>
        </Col>
        <Col span={24}>
          <Card size="small" title={<Title text={o.scope.departmentId ? '近 12 周超期（按周）' : '近 12 周超期热力图（单位 × 周，超期最多的 15 个单位）'} help={`${definitions.overdue}${definitions.heatmap}`} />}>
            {o.heatmap.cells.length ? <OverdueHeatmap o={o} tone="light" onSlice={open} /> : <Empty description="近 12 周没有超期" />}
          </Card>
        </Col>
        {showRankings && (
          <Col span={24}>
            <Card size="small" title="考核排名（最近一期已发布）">
              <RankingsPanel departmentId={o.scope.departmentId} />
            </Card>
          </Col>
        )}
      </Row>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
        数据截至 {fmtTime(o.asOf)}（北京时间）。点击任一数字、柱、点或格子，查看其所计的诉求清单。
      </Typography.Paragraph>
    </div>
  );
}

export function OverviewLoading({ error }: { error: string | null }) {
  if (error) return <Alert type="error" showIcon title={error} />;
  return <Card><Skeleton active paragraph={{ rows: 8 }} /></Card>;
}
