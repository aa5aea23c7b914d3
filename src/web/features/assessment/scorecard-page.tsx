import { CheckCircleOutlined, FileExcelOutlined, FileWordOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Popconfirm, Result, Skeleton, Space, Table, Tabs, Tag, Tooltip, type TableColumnsType } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import type { Exclusion, ScorecardRowDto } from '../../../contracts/assessment.js';
import { bulletinUrl, getPeriod, publishPeriod, verifyPeriod } from '../../api/assessment.js';
import { SectionsCard } from './sections-card.js';
import { errorText } from '../../api/client.js';
import { fmtTime } from '../../shared/format.js';
import { CountLink, RateCell } from './figure-link.js';
import { differenceFieldLabel, differenceValue, groupLabels, score } from './labels.js';
import { useCan, useIsDepartmentStaff } from '../../shared/can.js';

/**
 * The rank and unit stay on the left, the figures a reader looks for first (黄牌/红牌, 重办, 扣分, 综合得分) on the
 * right, both fixed: at 1440 px the rates in between scroll inside the table, never off the page.
 */
export function scorecardColumns(period: string): TableColumnsType<ScorecardRowDto> {
  const n = (measure: Parameters<typeof CountLink>[0]['measure']) => (_: unknown, row: ScorecardRowDto) => <CountLink period={period} row={row} measure={measure} />;
  const r = (measure: Parameters<typeof RateCell>[0]['measure']) => (_: unknown, row: ScorecardRowDto) => <RateCell period={period} row={row} measure={measure} />;
  return [
    { title: '名次', dataIndex: 'rank', width: 76, fixed: 'left', render: (x: number | null, row: ScorecardRowDto) => (x === null ? <Tooltip title={row.cases > 0 ? '考核件数或回访件数不足，不参与排名' : '本期无考核诉求'}><Tag>不排名</Tag></Tooltip> : <b>{x}</b>) },
    { title: '单位', dataIndex: 'departmentName', width: 190, fixed: 'left', ellipsis: { showTitle: true }, render: (name: string, row: ScorecardRowDto) => <Link to={`/assessment/periods/${period}/departments/${row.departmentId}`}>{name}</Link> },
    { title: '考核件数', key: 'cases', width: 84, render: n('cases') },
    { title: '满意率', key: 'satisfaction', width: 150, render: r('satisfaction') },
    { title: '解决率', key: 'resolution', width: 140, render: r('resolution') },
    { title: '响应率', key: 'response', width: 140, render: r('response') },
    { title: '按时签收率', key: 'signing', width: 140, render: r('signing') },
    { title: '按时答复率', key: 'replying', width: 140, render: r('replying') },
    { title: '超期', key: 'overdue', width: 64, render: n('overdue') },
    { title: '退单驳回', key: 'refused_return', width: 84, render: n('refused_return') },
    { title: '黄牌/红牌', key: 'cards', width: 90, fixed: 'right', render: (_: unknown, row: ScorecardRowDto) => <span style={{ whiteSpace: 'nowrap' }}><CountLink period={period} row={row} measure="yellow" /> / <CountLink period={period} row={row} measure="red" /></span> },
    { title: '重办', key: 'redo', width: 64, fixed: 'right', render: n('redo') },
    { title: '扣分', dataIndex: 'deductionPoints', width: 76, fixed: 'right', render: (x: number) => (x ? <span style={{ color: '#cf1322' }}>-{score(x)}</span> : '0') },
    { title: '综合得分', dataIndex: 'composite', width: 90, fixed: 'right', render: (x: number | null) => <b>{score(x)}</b> },
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
      else {
        modal.error({
          title: '核验发现差异', width: 640,
          content: v.differences.slice(0, 10).map((d, i) => (
            <div key={i}>{`${d.departmentName ?? ''} ${differenceFieldLabel(d.field)}：快照 ${differenceValue(d.snapshot)}，重算 ${differenceValue(d.recomputed)}`}</div>
          )),
        });
      }
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
            pagination={false} scroll={{ x: 'max-content' }} columns={scorecardColumns(key)} />,
        }))} />
      </Card>
      <SectionsCard period={data.key} items={data.itemSection} suggestions={data.suggestionSection} directAnswers={data.directAnswerSection} />
      {data.exclusions.length > 0 && <Card title="不纳入考核（申诉已批准）" size="small"><ExclusionsTable items={data.exclusions} /></Card>}
    </Space>
  );
}
