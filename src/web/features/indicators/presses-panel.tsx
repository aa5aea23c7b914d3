import { App, Button, Input, InputNumber, Modal, Radio, Space, Table, Tag } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { errorText } from '../../api/client.js';
import { useCan } from '../../shared/can.js';
import { fmtTime } from '../../shared/format.js';
import { decidePress, listPresses, type PressRequest } from './api.js';
import { pressStatusLabels } from './labels.js';

/** Requests of lead units to press a unit: the supervision office turns them into supervision orders or declines them; a lead unit sees its own. */
export function PressesPanel() {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const can = useCan();
  const [status, setStatus] = useState<'open' | 'all'>('open');
  const [deciding, setDeciding] = useState<{ p: PressRequest; action: 'order' | 'decline' } | null>(null);
  const [text, setText] = useState('');
  const [days, setDays] = useState(3);
  const q = useQuery({ queryKey: ['indicators', 'presses', status], queryFn: () => listPresses(status) });
  const decide = async () => {
    if (!deciding) return;
    try {
      await decidePress(deciding.p.id, deciding.action === 'order' ? { action: 'order', demands: text, deadlineWorkingDays: days } : { action: 'decline', reason: text });
      message.success(deciding.action === 'order' ? '已下发督办单' : '已处理');
      setDeciding(null);
      await qc.invalidateQueries({ queryKey: ['indicators'] });
    } catch (err) {
      message.error(errorText(err));
    }
  };
  const decides = can('supervision:order');
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Radio.Group value={status} onChange={(e) => setStatus(e.target.value)} optionType="button" options={[{ value: 'open', label: '待处理' }, { value: 'all', label: '全部' }]} />
      <Table<PressRequest> size="small" rowKey="id" loading={q.isPending} dataSource={q.data?.items ?? []} locale={{ emptyText: '没有请求督办' }}
        columns={[
          { title: '指标', dataIndex: 'indicatorName', width: 140 },
          { title: '诉求', key: 'c', render: (_, p) => (decides ? <Link to={`/cases/${p.caseId}`}>{p.caseCode} {p.caseTitle}</Link> : `${p.caseCode} ${p.caseTitle}`) },
          { title: '被督办单位', dataIndex: 'departmentName', width: 170 },
          { title: '请求单位', key: 'r', width: 200, render: (_, p) => `${p.requestingDepartmentName}（${p.requestedBy}）` },
          { title: '理由', dataIndex: 'reason' },
          { title: '时间', dataIndex: 'requestedAt', width: 150, render: (v: string) => fmtTime(v) },
          { title: '状态', key: 's', width: 130, render: (_, p) => <Tag color={p.status === 'open' ? 'processing' : p.status === 'ordered' ? 'success' : 'default'}>{pressStatusLabels[p.status]}</Tag> },
          ...(decides ? [{ title: '处理', key: 'a', width: 190, render: (_: unknown, p: PressRequest) => p.status === 'open' && (
            <Space size={4}>
              <Button size="small" type="primary" onClick={() => { setText(`请于期限内办结并回复：${p.reason}`); setDeciding({ p, action: 'order' }); }}>下发督办单</Button>
              <Button size="small" onClick={() => { setText(''); setDeciding({ p, action: 'decline' }); }}>不予督办</Button>
            </Space>) }] : []),
        ]} />
      <Modal open={!!deciding} title={deciding?.action === 'order' ? '下发督办单' : '不予督办'} okText="确定" onCancel={() => setDeciding(null)} onOk={() => void decide()} okButtonProps={{ disabled: !text.trim() }}>
        {deciding?.action === 'order' && <Space style={{ marginBottom: 8 }}>办理期限 <InputNumber min={1} max={60} value={days} onChange={(v) => setDays(v ?? 3)} aria-label="工作日" /> 个工作日</Space>}
        <Input.TextArea rows={3} value={text} onChange={(e) => setText(e.target.value)} placeholder={deciding?.action === 'order' ? '督办要求' : '理由'} aria-label="督办要求或理由" />
      </Modal>
    </Space>
  );
}
