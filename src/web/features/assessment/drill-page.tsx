import { Button, Card, Result, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import type { DrillPage as DrillData } from '../../../contracts/assessment.js';
import { drillHref, getDrill } from '../../api/assessment.js';
import { errorText } from '../../api/client.js';
import { useUser } from '../../app/auth-context.js';
import { fmtTime } from '../../shared/format.js';
import { measureLabels, partHelp, partLabels } from './labels.js';
import { useCan } from '../../shared/can.js';
import { ExportButton, exportUrl } from '../../shared/export-button.js';
import { ratingLabels } from '../../../domain/case/labels.js';

const pageSize = 50;
type Item = DrillData['items'][number];

/** /assessment/drill?period=KEY&department=ID&measure=NAME&part=numerator|denominator — the cases behind one figure. */
export default function DrillPage() {
  const [params] = useSearchParams();
  const user = useUser();
  const can = useCan();
  const period = params.get('period') ?? '';
  const department = Number(params.get('department'));
  const measure = params.get('measure') ?? 'cases';
  const part = (params.get('part') === 'denominator' ? 'denominator' : 'numerator') as 'numerator' | 'denominator';
  const [page, setPage] = useState(1);
  // Another figure starts again at its first page.
  const figure = `${period}|${department}|${measure}|${part}`;
  const [pageFor, setPageFor] = useState(figure);
  if (pageFor !== figure) {
    setPageFor(figure);
    setPage(1);
  }
  const { data, error } = useQuery({
    queryKey: ['assessment', 'drill', period, department, measure, part, page],
    queryFn: () => getDrill({ period, department, measure, part, offset: (page - 1) * pageSize, limit: pageSize }),
  });
  if (error) return <Result status="warning" title={errorText(error)} />;
  const other = part === 'numerator' ? 'denominator' : 'numerator';
  const canAppeal = can('assessment:appeal') && user.departmentId === department;
  return (
    <Card data-testid="drill-page"
      title={data ? `${data.departmentName} · ${period} · ${measureLabels[measure] ?? measure} · ${partLabels[part]}` : '下钻'}
      extra={<Space>
        <ExportButton size="small" href={exportUrl('/api/assessment/drill/export.xlsx', { period, department, measure, part })} empty={data?.total === 0} loading={!data} />
        <Link to={drillHref(period, department, measure, other)}>查看{partLabels[other]}</Link>
        <Link to={`/assessment/periods/${period}/departments/${department}`}>单位考核结果</Link>
      </Space>}>
      <Typography.Paragraph type="secondary">
        {partHelp[measure]?.[part]}。计分卡上的数字为 <b data-testid="drill-figure">{data?.figure ?? '…'}</b>，清单共 <b data-testid="drill-total">{data?.total ?? '…'}</b> 件。
      </Typography.Paragraph>
      <Table<Item> rowKey="caseId" size="small" loading={!data} dataSource={data?.items ?? []}
        pagination={{ current: page, pageSize, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: '诉求编号', dataIndex: 'code', render: (c: string, it) => <Link to={`/cases/${it.caseId}`}>{c}</Link> },
          { title: '标题', dataIndex: 'title' },
          { title: '计入时间', dataIndex: 'at', render: (t: string) => fmtTime(t) },
          { title: '是否按时', dataIndex: 'onTime', render: (v: boolean | null) => (v === null ? '—' : v ? <Tag color="green">按时</Tag> : <Tag color="red">超时</Tag>) },
          { title: '评价', dataIndex: 'rating', render: (r: string | null) => (r ? ratingLabels[r as keyof typeof ratingLabels] ?? r : '—') },
          ...(canAppeal ? [{
            title: '申诉', render: (_: unknown, it: Item) => <Link to={`/assessment/appeals?caseId=${it.caseId}&code=${encodeURIComponent(it.code)}`}><Button size="small" data-testid={`appeal-${it.caseId}`}>申请不纳入考核</Button></Link>,
          }] : []),
        ]} />
    </Card>
  );
}
