import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Form, Input, Modal, Space, Table, Tooltip, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { ItemSummary } from '../../../contracts/items.js';
import { errorText } from '../../api/client.js';
import { LightDot, StateTag } from '../items/labels.js';
import { createReform, indicatorReforms } from './api.js';

interface ReformForm { title: string; leaderName: string; range: [Dayjs, Dayjs]; milestones?: { title: string; date: Dayjs }[] }

/** 改革举措: the indicator's supervised items with their lights and next milestone; the 营商办 adds one. */
export function ReformsPanel({ indicatorId }: { indicatorId: number }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<ReformForm>();
  const q = useQuery({ queryKey: ['indicators', 'reforms', indicatorId], queryFn: () => indicatorReforms(indicatorId) });
  const add = useMutation({
    mutationFn: (v: ReformForm) => createReform(indicatorId, {
      title: v.title, leaderName: v.leaderName, startDate: v.range[0].format('YYYY-MM-DD'), endDate: v.range[1].format('YYYY-MM-DD'),
      schedule: { frequency: 'none' }, milestones: (v.milestones ?? []).map((m) => ({ title: m.title, due: { date: m.date.format('YYYY-MM-DD') } })),
    }),
    onSuccess: (r) => { message.success(`已新建改革举措 ${r.code}`); setOpen(false); form.resetFields(); void qc.invalidateQueries({ queryKey: ['indicators'] }); },
    onError: (e) => message.error(errorText(e)),
  });
  const d = q.data;
  const addButton = (
    <Tooltip title={d?.addBlockedReason ?? undefined}>
      <Button type="primary" icon={<PlusOutlined />} disabled={!d?.canAdd} onClick={() => setOpen(true)} data-testid="add-reform">新建改革举措</Button>
    </Tooltip>
  );
  return (
    <Card size="small" title="改革举措（督办事项，按节点亮灯）" extra={addButton}>
      <Table<ItemSummary> size="small" rowKey="id" loading={q.isLoading} dataSource={d?.reforms ?? []} pagination={false} data-testid="reforms"
        locale={{ emptyText: '尚无改革举措' }}
        columns={[
          { title: '编号', dataIndex: 'code', render: (c: string, r) => <Link to={`/items/${r.id}`}>{c}</Link> },
          { title: '举措', dataIndex: 'title' },
          { title: '牵头单位', dataIndex: 'leadDepartmentName' },
          { title: '亮灯', dataIndex: 'light', render: (_: unknown, r) => (r.state === 'closed' ? <StateTag state={r.state} /> : <LightDot light={r.light} reasons={r.lightReasons} />) },
          { title: '下一节点', dataIndex: 'nextMilestone', render: (m: ItemSummary['nextMilestone']) => (m ? `${m.title}（${m.dueDate.replace(/^(\d+)-0?(\d+)-0?(\d+)$/, '$1年$2月$3日')}）` : '—') },
          { title: '完成时限', dataIndex: 'endDate', render: (x: string) => x.replace(/^(\d+)-0?(\d+)-0?(\d+)$/, '$1年$2月$3日') },
        ]} />
      {!d?.canAdd && d?.addBlockedReason && <Typography.Text type="secondary">{d.addBlockedReason}</Typography.Text>}
      <Modal title="新建改革举措" open={open} onCancel={() => setOpen(false)} onOk={() => form.submit()} okText="创建" confirmLoading={add.isPending} width={720} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(v) => add.mutate(v)}>
          <Form.Item name="title" label="举措名称" rules={[{ required: true, whitespace: true, message: '请填写举措名称' }]}><Input maxLength={200} data-testid="reform-title" /></Form.Item>
          <Form.Item name="leaderName" label="责任领导" rules={[{ required: true, whitespace: true, message: '请填写责任领导' }]}><Input maxLength={50} data-testid="reform-leader" /></Form.Item>
          <Form.Item name="range" label="开始日期 — 完成时限" rules={[{ required: true, message: '请选择起止日期' }]}><DatePicker.RangePicker data-testid="reform-range" /></Form.Item>
          <Form.List name="milestones">
            {(fields, { add: addRow, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="start">
                    <Form.Item name={[f.name, 'title']} rules={[{ required: true, whitespace: true, message: '节点名称' }]}><Input placeholder="节点名称" style={{ width: 320 }} /></Form.Item>
                    <Form.Item name={[f.name, 'date']} rules={[{ required: true, message: '节点日期' }]}><DatePicker /></Form.Item>
                    <MinusCircleOutlined onClick={() => remove(f.name)} style={{ marginTop: 8 }} />
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => addRow()}>添加节点</Button>
              </>
            )}
          </Form.List>
        </Form>
      </Modal>
    </Card>
  );
}
