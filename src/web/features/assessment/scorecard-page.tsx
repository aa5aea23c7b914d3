import { CheckCircleOutlined, FileExcelOutlined, FileWordOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Popconfirm, Result, Skeleton, Space, Table, Tabs, Tag, Tooltip } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import type { Exclusion, ScorecardRowDto } from '../../../contracts/assessment.js';
import { bulletinUrl, getPeriod, publishPeriod, verifyPeriod } from '../../api/assessment.js';
import { errorText } from '../../api/client.js';
import { fmtTime } from '../../shared/format.js';
import { CountLink, RateCell } from './figure-link.js';
import { groupLabels, score } from './labels.js';
import { useCan, useIsDepartmentStaff } from '../../shared/can.js';

export function scorecardColumns(period: string) {
  return [
    { title: '名次', dataIndex: 'rank', width: 70, render: (r: number | null, row: ScorecardRowDto) => (r === null ? <Tooltip title={row.cases > 0 ? '考核件数不足，不参与排名' : '本期无考核诉求'}><Tag>不排名</Tag></Tooltip> : <b>{r}</b>) },
    { title: '单位', dataIndex: 'departmentName', render: (n: string, row: ScorecardRowDto) => <Link to={`/assessment/periods/${period}/departments/${row.departmentId}`}>{n}</Link> },
    { title: '考核件数', render: (_: unknown, row: ScorecardRowDto) => <CountLink period={period} row={row} measure="cases" /> },
    { title: '响应率', render: (_: unknown, row: ScorecardRowDto) => <RateCell period={period} row={row} measure="response" /> },
    { title: '解决率', render: (_: unknown, row: ScorecardRowDto) => <RateCell period={period} row={row} measure="resolution" /> },
    { title: '满意率', render: (_: unknown, row: ScorecardRowDto) => <RateCell period={period} row={row} measure="satisfaction" /> },
    { title: '按时签收率', render: (_: unknown, row: ScorecardRowDto) => <RateCell period={period} row={row} measure="signing" /> },
    { title: '按时答复率', render: (_: unknown, row: ScorecardRowDto) => <RateCell period={period} row={row} measure="replying" /> },
    { title: '超期', render: (_: unknown, row: ScorecardRowDto) => <CountLink period={period} row={row} measure="overdue" /> },
    { title: '黄牌', render: (_: unknown, row: ScorecardRowDto) => <CountLink period={period} row={row} measure="yellow" /> },
    { title: '红牌', render: (_: unknown, row: ScorecardRowDto) => <CountLink period={period} row={row} measure="red" /> },
    { title: '退单驳回', render: (_: unknown, row: ScorecardRowDto) => <CountLink period={period} row={row} measure="refused_return" /> },
    { title: '重办', render: (_: unknown, row: ScorecardRowDto) => <CountLink period={period} row={row} measure="redo" /> },
    { title: '扣分', dataIndex: 'deductionPoints', render: (x: number) => (x ? <span style={{ color: '#cf1322' }}>-{score(x)}</span> : '0') },
    { title: '综合得分', dataIndex: 'composite', render: (x: number | null) => <b>{score(x)}</b> },
  ];
}

export function ExclusionsTable({ items }: { items: Exclusion[] }) {
  return (
    <Table<Exclusion> rowKey={(e) => `${e.caseId}:${e.departmentId}`} size="small" dataSource={items} pagination={false}
      columns={[
        { title: '诉求', render: (_, e) => <Link to={`/cases/${e.caseId}`}>{e.caseCode}</Link> },
        { title: '单位', dataIndex: 'departmentName' },
        { title: '理由', dataIndex: 'reason' },
        { title: '批准人', dataIndex: 'decidedByName' },
        { title: '批准时间', dataIndex: 'decidedAt', render: (t: string) => fmtTime(t) },
      ]} />
  );
}

/** 计分卡: one table per group; every figure links to the cases behind its numerator and denominator. */
export default function ScorecardPage() {
  const { key = '' } = useParams();
  const can = useCan();
  const departmentStaff = useIsDepartmentStaff();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const { data, error } = useQuery({ queryKey: ['assessment', 'period', key], queryFn: () => getPeriod(key) });
  const load = () => qc.invalidateQueries({ queryKey: ['assessment'] });
  if (error && !data) return <Result status="warning" title={errorText(error)} />;
  if (!data) return <Card><Skeleton active /></Card>;

  const isSupervisor = can('assessment:run');
  const isOffice = !departmentStaff;
  const verify = async () => {
    try {
      const v = await verifyPeriod(key);
      if (v.ok) modal.success({ title: '核验通过', content: `按事件日志重算 ${v.casesChecked} 件诉求，与快照完全一致。` });
      else modal.error({ title: '核验发现差异', content: v.differences.slice(0, 10).map((d) => `${d.departmentName ?? ''} ${d.field}`).join('；') });
    } catch (e) {
      message.error(errorText(e));
    }
  };
  const publish = async () => {
    try {
      await publishPeriod(key);
      await load();
      message.success('考核结果已发布');
    } catch (e) {
      message.error(errorText(e));
    }
  };
  const groups = (['city', 'district', 'park'] as const).filter((g) => data.rows.some((r) => r.group === g));
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="scorecard-page">
      <Card title={<Space>{`${data.key} 考核计分卡`}{data.status === 'published' ? <Tag color="green">已发布（冻结）</Tag> : <Tag color="blue">待发布</Tag>}</Space>}
        extra={<Space wrap>
          {isSupervisor && data.canPublish && (
            <Popconfirm title="发布后考核结果冻结，不能修改。确定发布？" okText="发布" cancelText="取消" onConfirm={publish}>
              <Button type="primary" icon={<CheckCircleOutlined />} data-testid="publish-period">发布</Button>
            </Popconfirm>
          )}
          {isSupervisor && <Button icon={<SafetyCertificateOutlined />} onClick={verify}>核验</Button>}
          {isOffice && <Button icon={<FileWordOutlined />} href={bulletinUrl(key, 'docx')} data-testid="bulletin-docx">通报（Word）</Button>}
          {isOffice && <Button icon={<FileExcelOutlined />} href={bulletinUrl(key, 'xlsx')}>通报（Excel）</Button>}
        </Space>}>
        <Alert type="info" showIcon title={`考核方案第 ${data.schemeVersion} 版；计算于 ${fmtTime(data.computedAt)}${data.publishedAt ? `，${data.publishedByName ?? ''}发布于 ${fmtTime(data.publishedAt)}` : ''}。每个数字都可点击，查看其背后的诉求清单。`} />
      </Card>
      <Card size="small">
        <Tabs items={groups.map((g) => ({
          key: g, label: groupLabels[g],
          children: <Table<ScorecardRowDto> rowKey="departmentId" size="small" dataSource={data.rows.filter((r) => r.group === g)}
            pagination={false} scroll={{ x: 1500 }} columns={scorecardColumns(key)} />,
        }))} />
      </Card>
      {data.exclusions.length > 0 && <Card title="不纳入考核（申诉已批准）" size="small"><ExclusionsTable items={data.exclusions} /></Card>}
    </Space>
  );
}
