import { Button, Card, Descriptions, Progress, Result, Skeleton, Space, Table, Tag, Timeline, Tooltip, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useCan } from '../../shared/can.js';
import type { ItemDetail } from '../../../contracts/items.js';
import { itemLightNames } from '../../../domain/items/types.js';
import { errorText } from '../../api/client.js';
import { answerItemOrder, closeItemOrder, getItem, itemKeys, reviewReport } from '../../api/items.js';
import { fmtTime } from '../../shared/format.js';
import { orderLevelLabels, orderStateLabels } from '../supervision/labels.js';
import { CloseItemModal, ItemOrderModal, ReportModal, ReturnReportModal } from './item-modals.js';
import { itemSourceNames, LightDot, ReportStateTag, StateTag, warningText } from './labels.js';
import { AnswerItemOrderModal } from './answer-order-modal.js';

type Modal = { kind: 'report' | 'order' | 'close' } | { kind: 'return'; reportId: number } | { kind: 'answer'; orderId: number } | null;

const eventNames: Record<string, string> = {
  'item.created': '创建事项', 'item.edited': '修改事项', 'item.reported': '报送进展', 'item.report_accepted': '认可进展', 'item.report_returned': '退回进展',
  'item.light_changed': '亮灯变化', 'item.order_issued': '下发督办单', 'item.order_answered': '答复督办单', 'item.order_closed': '办结督办单', 'item.closed': '销号',
};

const editedNames: Record<string, string> = {
  title: '事项名称', description: '工作要求', leaderUserId: '责任领导', leaderName: '责任领导', leadDepartmentId: '牵头单位', coDepartmentIds: '配合单位',
  endDate: '完成时限', schedule: '报送周期', addedMilestones: '新增节点', changedMilestones: '调整节点', addedTargets: '新增目标', changedTargets: '调整目标',
};

function eventText(e: ItemDetail['events'][number]): string {
  const p = e.payload as Record<string, unknown>;
  if (e.type === 'item.edited') return `修改了${[...new Set(Object.keys(p).map((k) => editedNames[k] ?? k))].join('、')}`;
  if (e.type === 'item.light_changed') return `${itemLightNames[p.from as 'green']} → ${itemLightNames[p.to as 'green']}：${(p.reasons as { text: string }[]).map((r) => r.text).join('；') || '恢复正常'}`;
  if (e.type === 'item.reported') return `${p.period ? `${p.period} 期` : '不定期'}${p.isLate ? '（逾期）' : ''}：${String(p.text).slice(0, 60)}`;
  if (e.type === 'item.report_returned') return `理由：${String(p.reason)}`;
  if (e.type === 'item.order_issued') return String(p.demands);
  if (e.type === 'item.closed') return String(p.evidence);
  return '';
}

/** 督办事项详情: targets with progress, milestone timeline, reports with review, orders, the event record. */
export default function ItemPage() {
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const navigate = useNavigate();
  const canDo = useCan();
  const [modal, setModal] = useState<Modal>(null);
  const { data: item, error } = useQuery({ queryKey: [...itemKeys, 'detail', id], queryFn: () => getItem(id) });
  if (error && !item) return <Result status="warning" title={errorText(error)} />;
  if (!item) return <Card><Skeleton active /></Card>;
  const can = (a: ItemDetail['allowedActions'][number]) => item.allowedActions.includes(a);
  const reload = () => void qc.invalidateQueries({ queryKey: itemKeys });
  const act = async (work: () => Promise<unknown>) => {
    try { await work(); } finally { reload(); }
  };
  const button = (action: 'report' | 'order' | 'close' | 'edit', label: string, testId: string) => {
    if (can(action)) {
      if (action === 'edit') return <Button onClick={() => navigate(`/items/${item.id}/edit`)} data-testid={testId}>{label}</Button>;
      return <Button type={action === 'report' ? 'primary' : 'default'} onClick={() => setModal({ kind: action })} data-testid={testId}>{label}</Button>;
    }
    const why = item.blockedActions[action];
    return why ? <Tooltip title={why}><Button disabled>{label}</Button></Tooltip> : null;
  };
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="item-page">
      <Card title={<Space><LightDot light={item.light} reasons={item.lightReasons} /><span>{item.title}</span><StateTag state={item.state} />{item.isDemo ? <Tag>演示</Tag> : null}</Space>}
        extra={<Space>{button('edit', '修改', 'item-edit')}{button('report', '报送进展', 'item-report')}{button('order', '下发督办单', 'item-order')}{button('close', '销号', 'item-close')}</Space>}>
        <Descriptions size="small" column={3}>
          <Descriptions.Item label="编号">{item.code}</Descriptions.Item>
          <Descriptions.Item label="来源">{itemSourceNames[item.sourceKind]}{item.sourceRef ? `：${item.sourceRef}` : ''}{item.sourceDate ? `（${item.sourceDate}）` : ''}</Descriptions.Item>
          {item.origin?.type === 'suggestion' && canDo('suggestion:read') && <Descriptions.Item label="来源建议（答复承诺）"><Link to={`/suggestions/${item.origin.id}`} data-testid="item-origin-suggestion">查看代表建议</Link></Descriptions.Item>}
          {item.origin?.type === 'indicator' && <Descriptions.Item label="改革举措所属指标"><Link to={`/indicators/${item.origin.id}`} data-testid="item-origin">查看评价指标</Link></Descriptions.Item>}
          <Descriptions.Item label="责任领导">{item.leaderName}</Descriptions.Item>
          <Descriptions.Item label="牵头单位">{item.leadDepartmentName}</Descriptions.Item>
          <Descriptions.Item label="配合单位">{item.coDepartmentNames.join('、') || '—'}</Descriptions.Item>
          <Descriptions.Item label="起止时间">{item.startDate} 至 {item.endDate}</Descriptions.Item>
          <Descriptions.Item label="报送要求">{item.schedule.frequency === 'none' ? '不定期报送' : `${item.schedule.frequency === 'monthly' ? '每月' : '每季度'} ${item.schedule.day} 日前报送`}</Descriptions.Item>
          <Descriptions.Item label="亮灯原因" span={2}>{item.lightReasons.map((r) => r.text).join('；') || '按计划推进'}</Descriptions.Item>
          {item.sourceWords ? <Descriptions.Item label="原文摘录" span={3}>{item.sourceWords}</Descriptions.Item> : null}
          {item.closeEvidence ? <Descriptions.Item label="销号依据" span={3}>{item.closeEvidence}（{fmtTime(item.closedAt)}）</Descriptions.Item> : null}
        </Descriptions>
      </Card>
      <Space align="start" size={16} style={{ width: '100%' }} styles={{ item: { flex: 1, minWidth: 0 } }}>
        <Card title="量化目标" size="small">
          <Table rowKey="id" size="small" pagination={false} dataSource={item.targets} columns={[
            { title: '目标', dataIndex: 'name', render: (v, t) => (t.sites.length ? <Tooltip title={t.sites.join('；')}>{v}（{t.sites.length} 个点位）</Tooltip> : v) },
            { title: '目标值', key: 'value', render: (_, t) => `${t.value.toLocaleString('zh-CN')} ${t.measure}` },
            { title: '已完成', key: 'progress', render: (_, t) => `${t.progress.toLocaleString('zh-CN')} ${t.measure}` },
            { title: '完成率', key: 'share', width: 160, render: (_, t) => <Progress percent={Math.min(100, Math.round((t.progress / t.value) * 100))} size="small" /> },
          ]} />
        </Card>
        <Card title="节点" size="small">
          <Timeline items={item.milestones.map((m) => ({
            color: m.doneAt ? 'green' : m.isOverdue ? 'red' : 'blue',
            children: <span data-testid="milestone">{m.title}{'\u3000'}<Typography.Text type="secondary">{m.dueDate}{m.dueWorkingDays != null ? `（开始后 ${m.dueWorkingDays} 个工作日）` : ''}</Typography.Text>{'\u3000'}{m.doneAt ? <Tag color="success">已完成</Tag> : m.isOverdue ? <Tag color="error">已逾期</Tag> : <Tag>未完成</Tag>}</span>,
          }))} />
        </Card>
      </Space>
      <Card title="进展报告" size="small">
        <Table rowKey="id" size="small" pagination={{ pageSize: 10 }} dataSource={item.reports} data-testid="reports" columns={[
          { title: '期次', key: 'period', width: 100, render: (_, r) => r.period ?? '不定期' },
          { title: '报送单位', dataIndex: 'departmentName', width: 180 },
          { title: '进展情况', key: 'text', render: (_, r) => <Space orientation="vertical" size={2}><span>{r.text}</span>{r.warnings.map((w) => <Typography.Text key={w.code} type="warning">{warningText(w.code)}</Typography.Text>)}{r.files.length ? <Typography.Text type="secondary">佐证材料：{r.files.map((f) => f.fileName).join('、')}</Typography.Text> : null}{r.reviewReason ? <Typography.Text type="danger">退回理由：{r.reviewReason}</Typography.Text> : null}</Space> },
          { title: '报送时间', key: 'at', width: 150, render: (_, r) => fmtTime(r.submittedAt) },
          { title: '状态', key: 'state', width: 150, render: (_, r) => <ReportStateTag state={r.state} isLate={r.isLate} /> },
          { title: '审核', key: 'review', width: 140, render: (_, r) => (r.state === 'submitted' && can('review') ? (
            <Space size={4}>
              <Button size="small" type="link" onClick={() => act(() => reviewReport(item.id, r.id, { decision: 'accept' }))} data-testid={`accept-${r.id}`}>认可</Button>
              <Button size="small" type="link" danger onClick={() => setModal({ kind: 'return', reportId: r.id })}>退回</Button>
            </Space>) : null) },
        ]} />
      </Card>
      <Card title="督办单" size="small">
        <Table rowKey="id" size="small" pagination={false} dataSource={item.orders} data-testid="item-orders" columns={[
          { title: '编号', dataIndex: 'code', width: 130 },
          { title: '被督办单位', dataIndex: 'departmentName', width: 180 },
          { title: '等级', key: 'level', width: 80, render: (_, o) => <Tag color={orderLevelLabels[o.level].color}>{orderLevelLabels[o.level].text}</Tag> },
          { title: '督办要求', dataIndex: 'demands' },
          { title: '时限', key: 'deadline', width: 150, render: (_, o) => <span style={o.isOverdue ? { color: '#cf1322' } : undefined}>{fmtTime(o.deadline)}</span> },
          { title: '答复', key: 'answer', render: (_, o) => (o.answerText ? `${o.answerText}${o.answeredLate ? '（逾期答复）' : ''}` : '—') },
          { title: '状态', key: 'state', width: 120, render: (_, o) => <Tag color={orderStateLabels[o.state].color}>{orderStateLabels[o.state].text}</Tag> },
          { title: '操作', key: 'act', width: 110, render: (_, o) => (
            <Space size={4}>
              {o.allowedOrderActions.includes('answer') ? <Button size="small" type="link" onClick={() => setModal({ kind: 'answer', orderId: o.id })} data-testid="order-answer">书面答复</Button> : null}
              {o.allowedOrderActions.includes('close') ? <Button size="small" type="link" onClick={() => act(() => closeItemOrder(item.id, o.id))} data-testid="order-close">认可办结</Button> : null}
            </Space>) },
        ]} />
      </Card>
      <Card title="事件记录" size="small">
        <Timeline items={item.events.map((e) => ({ children: <span>{fmtTime(e.at)}{'\u3000'}<b>{eventNames[e.type] ?? e.type}</b>{'\u3000'}{e.actorName ?? '系统'}{'\u3000'}<Typography.Text type="secondary">{eventText(e)}</Typography.Text></span> }))} />
      </Card>
      {modal?.kind === 'report' ? <ReportModal item={item} onClose={() => setModal(null)} /> : null}
      {modal?.kind === 'order' ? <ItemOrderModal item={item} onClose={() => setModal(null)} /> : null}
      {modal?.kind === 'close' ? <CloseItemModal item={item} onClose={() => setModal(null)} /> : null}
      {modal?.kind === 'return' ? <ReturnReportModal itemId={item.id} reportId={modal.reportId} onClose={() => setModal(null)} /> : null}
      {modal?.kind === 'answer' ? <AnswerItemOrderModal itemId={item.id} orderId={modal.orderId} onClose={() => setModal(null)} answer={answerItemOrder} /> : null}
    </Space>
  );
}
