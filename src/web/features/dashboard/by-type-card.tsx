import { Button, Col, Row as Grid, Space, Table, Typography } from 'antd';
import type { DashboardSlice, Overview } from '../../../contracts/dashboard.js';
import { caseTypeLabels } from '../../../domain/case/case-type.js';
import { caseKinds } from '../../../domain/case/status.js';
import { ExportButton, exportUrl } from '../../shared/export-button.js';
import { TopBarChart } from './charts.js';
import { definitions } from './slice.js';

type Row = Overview['byType'][number];

/**
 * 本月诉求类型: registered cases of the month by type (chart) and a table of 受理 / 办结 / 当前超期在办 by type; every
 * figure opens its cases, the table exports to Excel.
 */
export function ByTypeCard({ o, open }: { o: Overview; open: (s: DashboardSlice) => void }) {
  const dept = o.scope.departmentId ?? undefined;
  const month = { ...o.monthRange, departmentId: dept };
  const figure = (n: number, slice: DashboardSlice, testId: string) => (n
    ? <Button type="link" size="small" style={{ padding: 0 }} onClick={() => open(slice)} data-testid={testId}>{n}</Button>
    : <Typography.Text type="secondary">0</Typography.Text>);
  const total = o.byType.reduce((a, r) => a + r.received, 0);
  return (
    <Grid gutter={16} data-testid="by-type">
      <Col xs={24} xl={12}>
      {total ? (
        <TopBarChart testId="chart-types" tone="light" color="blue" title="受理" definition={definitions.types} height={220}
          items={[...o.byType].sort((a, b) => b.received - a.received).map((r) => ({ id: caseKinds.indexOf(r.caseType), name: caseTypeLabels[r.caseType], value: r.received }))}
          onPick={(i) => open({ measure: 'received', ...month, caseType: caseKinds[i] })} />
      ) : <Typography.Text type="secondary">本月暂无受理</Typography.Text>}
      </Col>
      <Col xs={24} xl={12}>
      <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      <Table<Row> size="small" rowKey="caseType" pagination={false} dataSource={o.byType} data-testid="by-type-table"
        columns={[
          { title: '诉求类型', dataIndex: 'caseType', render: (t: Row['caseType']) => caseTypeLabels[t] },
          { title: '本月受理', dataIndex: 'received', align: 'right', render: (n: number, r) => figure(n, { measure: 'received', ...month, caseType: r.caseType }, `type-received-${r.caseType}`) },
          { title: '本月办结', dataIndex: 'closed', align: 'right', render: (n: number, r) => figure(n, { measure: 'closed', ...month, caseType: r.caseType }, `type-closed-${r.caseType}`) },
          { title: '当前超期在办', dataIndex: 'overdueNow', align: 'right', render: (n: number, r) => figure(n, { measure: 'overdue_now', departmentId: dept, caseType: r.caseType }, `type-overdue-${r.caseType}`) },
        ]} />
      <div style={{ textAlign: 'right' }}>
        <ExportButton size="small" empty={false} href={exportUrl('/api/dashboard/by-type/export.xlsx', { month: o.month, departmentId: dept })} />
      </div>
      </Space>
      </Col>
    </Grid>
  );
}
