import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Descriptions, Form, Input, Modal, Popconfirm, Select, Skeleton, Space, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState, type ReactElement } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { HotspotDetail } from '../../../contracts/hotspots.js';
import type { CaseStatus } from '../../../domain/case/status.js';
import { errorText } from '../../api/client.js';
import { clearHotspotTopic, convertHotspot, getHotspot, hotspotKeys, setHotspotTopic } from '../../api/hotspots.js';
import { filterByLabel, useOrg } from '../../app/org-context.js';
import { statusColors, statusText } from '../../shared/labels.js';
import { TakenUp } from './hotspots-page.js';
import { cnDate, cnDateTime, cnMonth, kindLabels, windowText } from './labels.js';
import { TrendChart } from './trend-chart.js';

// 热点详情: the sentence, what it counts, 转为治理任务 and 设为每月一题 (each disabled with the reason when it cannot be
// used), the before/after trend and the cases behind it (each opens its case page).

const guarded = (reason: string | null, button: ReactElement) => (reason ? <Tooltip title={reason}><span>{button}</span></Tooltip> : button);

function ConvertModal({ d, onClose }: { d: HotspotDetail; onClose(): void }) {
  const [form] = Form.useForm();
  const org = useOrg();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const m = useMutation({
    mutationFn: (v: { title: string; leadDepartmentId: number; leaderName: string; endDate: Dayjs }) =>
      convertHotspot(d.hotspot.id, { title: v.title, leadDepartmentId: v.leadDepartmentId, leaderName: v.leaderName, endDate: v.endDate.format('YYYY-MM-DD') }),
    onSuccess: (r) => {
      message.success(`已转为治理任务 ${r.code}`);
      void qc.invalidateQueries({ queryKey: hotspotKeys });
      onClose();
      navigate(`/items/${r.id}`);
    },
    onError: (e) => void message.error(errorText(e)),
  });
  return (
    <Modal open title="转为治理任务（督办事项）" okText="确定转办" cancelText="取消" confirmLoading={m.isPending} onCancel={onClose} width={560}
      onOk={() => form.validateFields().then((v) => m.mutate(v)).catch(() => undefined)}>
      <Typography.Paragraph type="secondary">将作为来源为“热点问题”的督办事项，由牵头单位查明原因、集中治理，按节点报送进展。</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ title: d.defaults.title, leadDepartmentId: d.defaults.leadDepartmentId, leaderName: '分管副市长', endDate: dayjs(d.defaults.endDate) }}>
        <Form.Item name="title" label="任务名称" rules={[{ required: true, message: '请填写任务名称' }]}><Input maxLength={200} /></Form.Item>
        <Form.Item name="leadDepartmentId" label="牵头单位" rules={[{ required: true, message: '请选择牵头单位' }]}>
          <Select showSearch filterOption={filterByLabel} options={org.handlingDepartmentGroups} />
        </Form.Item>
        <Form.Item name="leaderName" label="责任领导"><Input maxLength={50} /></Form.Item>
        <Form.Item name="endDate" label="完成时限" rules={[{ required: true, message: '请选择完成时限' }]}>
          <DatePicker format="YYYY年M月D日" disabledDate={(x) => x.isBefore(dayjs(), 'day')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function HotspotPage() {
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [converting, setConverting] = useState(false);
  const { data: d, error } = useQuery({ queryKey: [...hotspotKeys, 'detail', id], queryFn: () => getHotspot(id) });
  const topic = useMutation({
    mutationFn: () => setHotspotTopic(id, d!.topicMonthNext),
    onSuccess: () => {
      message.success(`已设为${cnMonth(d!.topicMonthNext)}每月一题`);
      void qc.invalidateQueries({ queryKey: hotspotKeys });
    },
    onError: (e) => void message.error(errorText(e)),
  });
  const untopic = useMutation({
    mutationFn: () => clearHotspotTopic(id),
    onSuccess: () => {
      message.success('已取消每月一题');
      void qc.invalidateQueries({ queryKey: hotspotKeys });
    },
    onError: (e) => void message.error(errorText(e)),
  });
  if (error) return <Card><Typography.Text type="danger">{errorText(error)}</Typography.Text></Card>;
  if (!d) return <Card><Skeleton active /></Card>;
  const h = d.hotspot;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <Link to={`/hotspots?day=${h.detectedOn}`}>← 返回热点发现</Link>
      <Card>
        <Space style={{ justifyContent: 'space-between', width: '100%', alignItems: 'flex-start' }} wrap>
          <div>
            <Tag color={kindLabels[h.kind].color}>{kindLabels[h.kind].text}</Tag>
            <Typography.Title level={4} style={{ margin: '8px 0 0' }} data-testid="hotspot-summary">{h.summary}</Typography.Title>
          </div>
          <Space wrap>
            {guarded(d.convertBlocked, <Button type="primary" disabled={!!d.convertBlocked} onClick={() => setConverting(true)} data-testid="hotspot-convert">转为治理任务</Button>)}
            {h.topicMonth ? guarded(d.topicUndoBlocked, (
              <Popconfirm title={`取消${cnMonth(h.topicMonth)}“每月一题”？该月可另选一题。`} okText="确定" cancelText="不取消" onConfirm={() => untopic.mutate()} disabled={!!d.topicUndoBlocked}>
                <Button disabled={!!d.topicUndoBlocked} loading={untopic.isPending} data-testid="hotspot-untopic">取消每月一题</Button>
              </Popconfirm>
            )) : guarded(d.topicBlocked, (
              <Popconfirm title={`设为${cnMonth(d.topicMonthNext)}“每月一题”？`} okText="确定" cancelText="取消" onConfirm={() => topic.mutate()} disabled={!!d.topicBlocked}>
                <Button disabled={!!d.topicBlocked} loading={topic.isPending} data-testid="hotspot-topic">设为每月一题</Button>
              </Popconfirm>
            ))}
          </Space>
        </Space>
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} style={{ marginTop: 16 }} items={[
          { key: 'place', label: '所在区县', children: h.districtName },
          { key: 'cat', label: '问题类别', children: h.categoryName },
          { key: 'words', label: '共同词语', children: h.words.length ? h.words.join('、') : '—' },
          { key: 'window', label: '统计区间', children: windowText(h.windowStart, h.windowEnd) },
          { key: 'n', label: '区间内诉求', children: `${h.recentCount} 件` },
          { key: 'base', label: '常态（此前各周平均）', children: h.baseline === null ? '—' : `${Math.round(h.baseline * 10) / 10} 件` },
          { key: 'day', label: '检测日', children: cnDate(h.detectedOn) },
          { key: 'taken', label: '处置', children: <TakenUp h={h} /> },
          { key: 'when', label: '处置时间', children: h.takenUpAt ? cnDateTime(h.takenUpAt) : '—' },
        ]} />
      </Card>
      <Card size="small" title="前后趋势（每周诉求）"><TrendChart t={d.trend} /></Card>
      <Card size="small" title={`涉及诉求（${d.cases.length} 件）`}>
        <Table rowKey="id" size="small" dataSource={d.cases} pagination={{ pageSize: 10, showSizeChanger: false }}
          columns={[
            { title: '编号', dataIndex: 'code', width: 210, render: (code: string, c) => <Link to={`/cases/${c.id}`} style={{ whiteSpace: 'nowrap' }}>{code}</Link> },
            { title: '标题', dataIndex: 'title', ellipsis: true },
            { title: '地址', dataIndex: 'address', ellipsis: true, render: (a: string | null) => a ?? '—' },
            { title: '状态', dataIndex: 'status', width: 110, render: (s: CaseStatus) => <Tag color={statusColors[s]}>{statusText(s)}</Tag> },
            { title: '受理时间', dataIndex: 'createdAt', width: 170, render: (t: string) => cnDateTime(t) },
          ]} />
      </Card>
      {converting && <ConvertModal d={d} onClose={() => setConverting(false)} />}
    </div>
  );
}
