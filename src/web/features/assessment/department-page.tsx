import { Card, Descriptions, Result, Skeleton, Space, Table, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import type { CaseTypeBreakdown } from '../../../contracts/assessment.js';
import { caseTypeLabels } from '../../../domain/case/case-type.js';
import { getByCaseType, getPeriod } from '../../api/assessment.js';
import { errorText } from '../../api/client.js';
import { CountLink, RateCell } from './figure-link.js';
import { groupLabels, pct, score } from './labels.js';
import { ExclusionsTable } from './scorecard-page.js';

/** One department's scorecard for a period, every figure a link to its cases. */
export default function DepartmentPage() {
  const { key = '', id } = useParams();
  const departmentId = Number(id);
  const { data, error } = useQuery({ queryKey: ['assessment', 'period', key], queryFn: () => getPeriod(key) });
  if (error) return <Result status="warning" title={errorText(error)} />;
  if (!data) return <Card><Skeleton active /></Card>;
  const row = data.rows.find((r) => r.departmentId === departmentId);
  if (!row) return <Result status="404" title="本期没有该单位的考核结果" extra={<Link to={`/assessment/periods/${key}`}>返回计分卡</Link>} />;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="assessment-department">
      <Card title={`${row.departmentName} · ${data.key} 考核结果`} extra={<Link to={`/assessment/periods/${key}`}>返回计分卡</Link>}>
        <Descriptions bordered column={2} size="small">
          <Descriptions.Item label="分组">{groupLabels[row.group]}</Descriptions.Item>
          <Descriptions.Item label="名次">{row.rank ?? <Tag>不排名</Tag>}</Descriptions.Item>
          <Descriptions.Item label="考核件数"><CountLink period={key} row={row} measure="cases" /></Descriptions.Item>
          <Descriptions.Item label="综合得分"><b>{score(row.composite)}</b>（三率加权 {score(row.baseScore)}，扣分 {score(row.deductionPoints)}）</Descriptions.Item>
          <Descriptions.Item label="响应率"><RateCell period={key} row={row} measure="response" /></Descriptions.Item>
          <Descriptions.Item label="解决率"><RateCell period={key} row={row} measure="resolution" /></Descriptions.Item>
          <Descriptions.Item label="满意率"><RateCell period={key} row={row} measure="satisfaction" /></Descriptions.Item>
          <Descriptions.Item label="按时签收率"><RateCell period={key} row={row} measure="signing" /></Descriptions.Item>
          <Descriptions.Item label="按时答复率"><RateCell period={key} row={row} measure="replying" /></Descriptions.Item>
          <Descriptions.Item label="超期"><CountLink period={key} row={row} measure="overdue" /></Descriptions.Item>
          <Descriptions.Item label="黄牌督办"><CountLink period={key} row={row} measure="yellow" /></Descriptions.Item>
          <Descriptions.Item label="红牌督办"><CountLink period={key} row={row} measure="red" /></Descriptions.Item>
          <Descriptions.Item label="退单被驳回"><CountLink period={key} row={row} measure="refused_return" /></Descriptions.Item>
          <Descriptions.Item label="重办"><CountLink period={key} row={row} measure="redo" /></Descriptions.Item>
        </Descriptions>
      </Card>
      <ByCaseType period={key} departmentId={departmentId} />
      {data.exclusions.some((e) => e.departmentId === departmentId) && (
        <Card title="不纳入考核" size="small"><ExclusionsTable items={data.exclusions.filter((e) => e.departmentId === departmentId)} /></Card>
      )}
    </Space>
  );
}

type TypeRow = CaseTypeBreakdown['rows'][number];
const rateText = (r: TypeRow['rates'][keyof TypeRow['rates']]) => `${pct(r.rate)}（${r.weighted && r.weighted.basically > 0 && r.weighted.basicallyWeight !== 1 ? r.weighted.value : r.numerator}/${r.denominator}）`;

/** The same figures split by case type (诉求类型): counted as the scorecard counts, so the types add up to it. */
function ByCaseType({ period, departmentId }: { period: string; departmentId: number }) {
  const { data, error } = useQuery({ queryKey: ['assessment', 'by-type', period, departmentId], queryFn: () => getByCaseType(period, departmentId) });
  return (
    <Card title="按诉求类型" size="small" data-testid="assessment-by-type">
      {error ? <Result status="warning" title={errorText(error)} /> : (
        <Table<TypeRow> rowKey="caseType" size="small" pagination={false} loading={!data} dataSource={data?.rows ?? []}
          locale={{ emptyText: '本期该单位没有纳入考核的诉求' }}
          columns={[
            { title: '诉求类型', key: 'type', render: (_, r) => caseTypeLabels[r.caseType] },
            { title: '考核件数', dataIndex: 'cases' },
            { title: '响应率', key: 'response', render: (_, r) => rateText(r.rates.response) },
            { title: '解决率', key: 'resolution', render: (_, r) => rateText(r.rates.resolution) },
            { title: '满意率', key: 'satisfaction', render: (_, r) => rateText(r.rates.satisfaction) },
            { title: '按时签收率', key: 'signing', render: (_, r) => rateText(r.rates.signing) },
            { title: '按时答复率', key: 'replying', render: (_, r) => rateText(r.rates.replying) },
            { title: '超期', dataIndex: 'overdue' },
          ]} />
      )}
    </Card>
  );
}
