import { Card, Descriptions, Result, Skeleton, Space, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { getPeriod } from '../../api/assessment.js';
import { errorText } from '../../api/client.js';
import { CountLink, RateCell } from './figure-link.js';
import { groupLabels, score } from './labels.js';
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
      {data.exclusions.some((e) => e.departmentId === departmentId) && (
        <Card title="不纳入考核" size="small"><ExclusionsTable items={data.exclusions.filter((e) => e.departmentId === departmentId)} /></Card>
      )}
    </Space>
  );
}
