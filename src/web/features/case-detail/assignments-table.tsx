import { Card, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Assignment } from '../../../contracts/cases.js';
import { deadlineLabel, fmtTime } from '../../shared/format.js';
import { assignmentStatusLabels } from '../../shared/labels.js';

const statusColor: Record<Assignment['status'], string> = { pending: 'gold', signed: 'blue', done: 'green', returned: 'default', cancelled: 'default' };

/** A done step shows when it happened; a running one its deadline and the working days left or overdue. */
function Deadline({ label, at, done, running }: { label: string; at: string | null; done?: string | null; running: boolean }) {
  if (!at && !done) return null;
  const left = !done && at && running ? deadlineLabel(at) : null;
  return (
    <div style={{ fontSize: 12 }}>
      <Typography.Text type="secondary">{label}：</Typography.Text>
      {done ? <span>{fmtTime(done)}</span> : <span>{fmtTime(at)} 前</span>}
      {left && <Typography.Text type={left.overdue ? 'danger' : undefined}>（{left.text}）</Typography.Text>}
    </div>
  );
}

const columns: ColumnsType<Assignment> = [
  { title: '轮次', dataIndex: 'round', width: 70, render: (r: number) => `第${r}轮` },
  { title: '角色', dataIndex: 'role', width: 72, render: (r: Assignment['role']) => (r === 'lead' ? <Tag color="geekblue">主办</Tag> : <Tag>协办</Tag>) },
  {
    title: '承办单位', dataIndex: 'departmentName', width: 220,
    render: (name: string, a) => (a.parentAssignmentId != null
      ? <span style={{ paddingLeft: 16 }}>↳ {name} <Tag color="cyan" style={{ marginLeft: 4 }}>下派</Tag></span>
      : name),
  },
  { title: '状态', dataIndex: 'status', width: 90, render: (s: Assignment['status']) => <Tag color={statusColor[s]}>{assignmentStatusLabels[s]}</Tag> },
  {
    title: '时限', key: 'deadlines', width: 240,
    render: (_, a) => (
      <>
        <Deadline label={a.signedAt ? '签收于' : '签收期限'} at={a.signDeadline} done={a.signedAt} running={a.status === 'pending'} />
        {a.role === 'co' && <Deadline label={a.opinionAt ? '意见提交于' : '意见期限'} at={a.opinionDeadline} done={a.opinionAt} running={a.status === 'signed'} />}
        {a.role === 'lead' && <Deadline label="答复期限" at={a.replyDeadline} running={a.status === 'pending' || a.status === 'signed'} />}
      </>
    ),
  },
  {
    title: '协办意见 / 退单申请', key: 'notes',
    render: (_, a) => (
      <Space orientation="vertical" size={4}>
        {a.opinion && <div className="yw-pre"><Typography.Text type="secondary">{a.parentAssignmentId != null && a.role === 'lead' ? '上报结果：' : '协办意见：'}</Typography.Text>{a.opinion}</div>}
        {a.returnRequestedAt && (
          <div data-testid="return-request">
            <Tag color={a.status === 'returned' ? 'default' : 'orange'}>{a.status === 'returned' ? '已退单' : '申请退单'}</Tag>
            <Typography.Text type="secondary">{fmtTime(a.returnRequestedAt)}</Typography.Text>
            <div className="yw-pre"><Typography.Text type="secondary">理由：</Typography.Text>{a.returnReason}</div>
            <div className="yw-pre"><Typography.Text type="secondary">依据：</Typography.Text>{a.returnBasis}</div>
          </div>
        )}
        {!a.opinion && !a.returnRequestedAt && <Typography.Text type="secondary">—</Typography.Text>}
      </Space>
    ),
  },
];

/** 承办单位: lead and co-handlers of every round, newest round first. */
export function AssignmentsTable({ assignments }: { assignments: Assignment[] }) {
  // Sub-dispatched parts (二级派单) follow the assignment they came from.
  const top = [...assignments].filter((a) => a.parentAssignmentId == null)
    .sort((a, b) => b.round - a.round || (a.role === b.role ? a.id - b.id : a.role === 'lead' ? -1 : 1));
  const childrenOf = (id: number) => assignments.filter((a) => a.parentAssignmentId === id)
    .sort((a, b) => (a.role === b.role ? a.id - b.id : a.role === 'lead' ? -1 : 1));
  const withChildren = (a: Assignment): Assignment[] => [a, ...childrenOf(a.id).flatMap(withChildren)];
  const rows = top.flatMap(withChildren);
  return (
    <Card title="承办单位" size="small" data-testid="assignments">
      <Table<Assignment> rowKey="id" size="small" columns={columns} dataSource={rows} pagination={false} scroll={{ x: 900 }} locale={{ emptyText: '尚未派单' }} />
    </Card>
  );
}
