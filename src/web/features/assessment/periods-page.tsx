import { FileExcelOutlined, FileWordOutlined } from '@ant-design/icons';
import { App, Button, Card, Input, Popconfirm, Space, Table, Tag } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { PeriodSummary } from '../../../contracts/assessment.js';
import { bulletinUrl, listPeriods, publishPeriod, runPeriod } from '../../api/assessment.js';
import { errorText } from '../../api/client.js';
import { useErrorToast } from '../../shared/use-error-toast.js';
import { fmtDate, fmtTime } from '../../shared/format.js';
import { useCan, useIsDepartmentStaff } from '../../shared/can.js';

const kindLabels = { month: '月度', quarter: '季度', year: '年度' } as const;
const nowrap = { whiteSpace: 'nowrap' } as const;

/** When and by whom: the time on one line, the person under it (no column breaks a name or a time in two). */
function Stamp({ at, by }: { at: string; by: string }) {
  return <div><div style={nowrap}>{fmtTime(at)}</div>{by && <small style={{ ...nowrap, color: '#8c8c8c' }}>{by}</small>}</div>;
}

/** 考核期列表: run a period (supervisor), publish it once it has ended, open its scorecard, download the bulletin. */
export default function PeriodsPage() {
  const can = useCan();
  const departmentStaff = useIsDepartmentStaff();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const { data, error } = useQuery({ queryKey: ['assessment', 'periods'], queryFn: listPeriods });
  useErrorToast(error);
  const [typed, setKey] = useState<string | null>(null);
  const key = typed ?? data?.suggestedKey ?? '';
  const [busy, setBusy] = useState(false);
  const canRun = can('assessment:run');
  const isOffice = !departmentStaff;
  const load = () => qc.invalidateQueries({ queryKey: ['assessment'] });

  const run = async (period: string) => {
    setBusy(true);
    try {
      const r = await runPeriod(period.trim());
      if (r.frozen) {
        modal.info({
          title: `${r.period.key} 已发布，考核结果未改动`,
          content: r.differences.length ? `按当前记录重算，与已发布结果有 ${r.differences.length} 处差异（如已批准的申诉）。` : '按当前记录重算，与已发布结果一致。',
        });
      } else message.success(`${r.period.key} 已计算`);
      void load();
      navigate(`/assessment/periods/${r.period.key}`);
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const publish = async (p: PeriodSummary) => {
    try {
      await publishPeriod(p.key);
      await load();
      message.success(`${p.key} 考核结果已发布`);
    } catch (e) {
      message.error(errorText(e));
    }
  };

  return (
    <Card title="考核期" data-testid="periods-card" extra={canRun && (
      <Space>
        <Input aria-label="考核期" value={key} onChange={(e) => setKey(e.target.value)} style={{ width: 140 }} placeholder="2026-10 / 2026-Q3 / 2026" />
        <Button type="primary" loading={busy} onClick={() => run(key)} data-testid="run-period">计算</Button>
      </Space>
    )}>
      <Table<PeriodSummary> rowKey="key" size="middle" loading={!data} dataSource={data?.items ?? []} pagination={false}
        columns={[
          { title: '考核期', dataIndex: 'key', width: 96, render: (k: string) => <Link to={`/assessment/periods/${k}`} style={nowrap}>{k}</Link> },
          { title: '类型', dataIndex: 'kind', width: 64, render: (k: PeriodSummary['kind']) => <span style={nowrap}>{kindLabels[k]}</span> },
          { title: '起止', width: 210, render: (_, p) => <span style={nowrap}>{`${fmtDate(p.from)} 至 ${fmtDate(new Date(new Date(p.to).getTime() - 1).toISOString())}`}</span> },
          { title: '状态', dataIndex: 'status', width: 130, render: (s: string) => (s === 'published' ? <Tag color="green">已发布（冻结）</Tag> : <Tag color="blue">已计算，待发布</Tag>) },
          { title: <span style={nowrap}>方案版本</span>, dataIndex: 'schemeVersion', width: 96, render: (v: number) => <span style={nowrap}>第 {v} 版</span> },
          { title: '计算', render: (_, p) => <Stamp at={p.computedAt} by={p.computedByName ?? '系统'} /> },
          { title: '发布', render: (_, p) => (p.publishedAt ? <Stamp at={p.publishedAt} by={p.publishedByName ?? ''} /> : '—') },
          {
            title: '操作', width: 260, render: (_, p) => (
              <Space size={4}>
                <Link to={`/assessment/periods/${p.key}`}>计分卡</Link>
                {canRun && p.status === 'computed' && <Button size="small" onClick={() => run(p.key)}>重新计算</Button>}
                {canRun && p.canPublish && (
                  <Popconfirm title={`发布 ${p.key} 考核结果？发布后结果冻结，不能修改。`} okText="发布" cancelText="取消" onConfirm={() => publish(p)}>
                    <Button size="small" type="primary" data-testid={`publish-${p.key}`}>发布</Button>
                  </Popconfirm>
                )}
                {isOffice && <Button size="small" icon={<FileWordOutlined />} href={bulletinUrl(p.key, 'docx')} data-testid={`bulletin-docx-${p.key}`}>通报</Button>}
                {isOffice && <Button size="small" icon={<FileExcelOutlined />} href={bulletinUrl(p.key, 'xlsx')}>Excel</Button>}
              </Space>
            ),
          },
        ]} />
    </Card>
  );
}
