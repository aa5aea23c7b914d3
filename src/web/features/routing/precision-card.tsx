import { Alert, Card, Col, Descriptions, Row, Table, Typography } from 'antd';
import { useMemo } from 'react';
import type { LiveFigures, PrecisionStatus } from '../../../contracts/routing.js';
import { Chart } from '../dashboard/use-chart.js';
import type { ChartOption } from '../dashboard/echarts.js';
import { pct } from './labels.js';

// The model page's evidence for the admin's precision: the precision–coverage curve (out-of-fold cases of the
// training data, which chose the thresholds, and the held-out cases, which chose nothing), the thresholds chosen,
// the expected share dispatched with no human, and how the router did on the last weeks' real submissions.

function curveOption(p: PrecisionStatus): ChartOption {
  const line = (name: string, points: PrecisionStatus['curve']) => ({
    name, type: 'line', showSymbol: false, data: points.map((c) => [Math.round(c.coverage * 1000) / 10, Math.round(c.precision * 1000) / 10]),
  });
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}%` },
    legend: { top: 0, right: 0 },
    grid: { left: 48, right: 24, top: 48, bottom: 40 },
    xAxis: { type: 'value', name: '免人工派单比例（%）', nameLocation: 'middle', nameGap: 26, min: 0, max: 100 },
    yAxis: { type: 'value', name: '派对比例（%）', nameGap: 12, min: (v: { min: number }) => Math.max(0, Math.floor(v.min / 5) * 5), max: 100 },
    series: [
      line('交叉验证（选阈值所用）', p.curve),
      line('留出集（未参与选择）', p.heldOutCurve),
      {
        name: '目标精确率', type: 'line', showSymbol: false, lineStyle: { type: 'dashed' },
        data: [[0, p.targetPrecision * 100], [100, p.targetPrecision * 100]],
      },
    ],
  };
}

export function PrecisionCard({ p, live, configured }: { p: PrecisionStatus; live: LiveFigures | undefined; configured: boolean }) {
  const option = useMemo(() => curveOption(p), [p]);
  const own = p.perDepartment.filter((d) => d.threshold !== p.sharedThreshold || d.cases >= 40);
  return (
    <Card title={`目标精确率 ${pct(p.targetPrecision)}：阈值与预计免人工派单比例（v${p.modelVersion}）`} data-testid="precision-card">
      {!configured && <Alert type="info" showIcon style={{ marginBottom: 12 }} title="尚未设置目标精确率，按 95% 展示；自动派单仍使用固定置信度阈值" />}
      {p.blocked && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={p.blocked.message} />}
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Descriptions column={1} size="small">
            <Descriptions.Item label="预计免人工派单">
              <b data-testid="expected-coverage">{p.blocked ? '0%（不自动派单）' : pct(p.expectedCoverage)}</b>（交叉验证 {p.outOfFoldCases.toLocaleString('zh-CN')} 件，其中派对 {pct(p.expectedPrecision)}）
            </Descriptions.Item>
            <Descriptions.Item label="留出集核对">
              {p.blocked ? '—' : `免人工派单 ${pct(p.heldOutCoverage)}，其中派对 ${pct(p.heldOutPrecision)}（${p.heldOutCases.toLocaleString('zh-CN')} 件）`}
            </Descriptions.Item>
            <Descriptions.Item label="通用阈值">{p.sharedThreshold == null ? '无（达不到目标，不自动派单）' : pct(p.sharedThreshold)}</Descriptions.Item>
            <Descriptions.Item label="正则化（交叉验证选出）">
              {p.crossValidation.folds} 折，{p.crossValidation.grid.map((l, i) => `${l}：宏F1 ${pct(p.crossValidation.macroF1ByL2[i])}`).join('；')}；选用 {p.crossValidation.chosenL2}
            </Descriptions.Item>
          </Descriptions>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            阈值由训练数据的交叉验证结果选出（每件诉求由未见过它的模型打分），案例足够的单位各用自己的阈值，其余用通用阈值；
            留出集不参与任何选择，用来核对。只有训练数据与今后的诉求相似时，这些数字才可信：请用后续月份的实际诉求运行 yiwang router eval 核对。
          </Typography.Paragraph>
        </Col>
        <Col xs={24} lg={12}>
          <Chart option={option} height={280} testId="precision-curve" />
        </Col>
      </Row>
      {!p.blocked && own.length > 0 && (
        <Table size="small" rowKey="departmentId" dataSource={own} pagination={{ pageSize: 8, hideOnSinglePage: true }} style={{ marginTop: 12 }}
          columns={[
            { title: '单位', dataIndex: 'departmentName' },
            { title: '交叉验证件数', dataIndex: 'cases', width: 120 },
            { title: '置信度阈值', key: 't', width: 220, render: (_: unknown, d: PrecisionStatus['perDepartment'][number]) => (d.threshold == null ? '达不到目标，不自动派单' : pct(d.threshold)) },
          ]} />
      )}
      <Typography.Title level={5} style={{ marginTop: 16 }}>近几周的实际派单</Typography.Title>
      <Table size="small" rowKey="weekStart" dataSource={live?.weeks ?? []} pagination={false} data-testid="live-weeks"
        locale={{ emptyText: '近 8 周没有网站或 Open311 提交的诉求' }}
        columns={[
          { title: '周（起）', key: 'w', width: 110, render: (_: unknown, w: LiveFigures['weeks'][number]) => { const [y, m, d] = w.weekStart.split('-'); return `${y}年${Number(m)}月${Number(d)}日`; } },
          { title: '提交', dataIndex: 'submissions', width: 70 },
          { title: '规则派单', dataIndex: 'byRule', width: 90 },
          { title: '模型自动派单', dataIndex: 'modelDispatched', width: 110 },
          { title: '其中未改派', dataIndex: 'modelKept', width: 100 },
          { title: '其中被改派', dataIndex: 'modelCorrected', width: 100 },
          { title: '人工采纳首选建议', dataIndex: 'suggestedTaken', width: 140 },
          { title: '人工派往其他单位', dataIndex: 'suggestedNotTaken', width: 140 },
        ]} />
    </Card>
  );
}
